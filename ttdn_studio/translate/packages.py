"""Installing and removing Argos packages (``.argosmodel`` files) safely.

An archive is checked before ``argostranslate.package.install_from_path`` sees it:
it must be a readable zip holding exactly one folder with ``metadata.json``
(with ``from_code`` and ``to_code``), ``model/`` and ``sentencepiece.model``, and
no entry may escape that folder (``../``, absolute paths, drive letters, symlinks).
"""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from ttdn_studio.errors import ModelError
from ttdn_studio.translate.argos import InstalledPackage, argos_package_module, installed_packages


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "an absolute path"
    if ".." in path.parts:
        return "a path that leaves the package folder"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a symbolic link"
    return None


def _safe_names(zf: zipfile.ZipFile, archive: Path) -> list[str]:
    names = []
    for info in zf.infolist():
        problem = _entry_problem(info)
        if problem:
            raise ModelError(
                f"refusing to install: entry {info.filename!r} is {problem}", file=archive
            )
        names.append(info.filename.replace("\\", "/"))
    return names


def _top_folder(names: list[str], archive: Path) -> str:
    tops = {PurePosixPath(n).parts[0] for n in names if PurePosixPath(n).parts}
    if len(tops) != 1 or not any("/" in n for n in names):
        raise ModelError(
            "not an Argos package: the archive must hold exactly one folder", file=archive
        )
    return tops.pop()


def _metadata(zf: zipfile.ZipFile, top: str, archive: Path) -> dict[str, Any]:
    try:
        meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
    except KeyError:
        raise ModelError(f"not an Argos package: no {top}/metadata.json", file=archive) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"metadata.json is not valid JSON: {exc}", file=archive) from exc
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise ModelError("metadata.json must give from_code and to_code", file=archive)
    return meta


def validate_archive(archive: Path) -> tuple[str, dict[str, Any]]:
    """Check an ``.argosmodel`` file; returns (folder name, metadata) or raises ModelError."""
    archive = Path(archive)
    if not archive.is_file():
        raise ModelError("no such file", file=archive)
    if not zipfile.is_zipfile(archive):
        raise ModelError("not an Argos package (not a zip archive)", file=archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            names = _safe_names(zf, archive)
            bad = zf.testzip()
            if bad is not None:
                raise ModelError(
                    f"the archive is corrupt (entry {bad!r} fails its checksum)", file=archive
                )
            top = _top_folder(names, archive)
            meta = _metadata(zf, top, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise ModelError(f"the archive is corrupt: {exc}", file=archive) from exc
    for needed in ("model/model.bin", "sentencepiece.model"):
        if f"{top}/{needed}" not in names:
            raise ModelError(f"not an Argos package: no {top}/{needed}", file=archive)
    return top, meta


def install_package(archive: Path) -> InstalledPackage:
    """Validate and install an ``.argosmodel``; replaces a package for the same pair."""
    top, meta = validate_archive(archive)
    for old in installed_packages():
        if old.pair == (meta["from_code"], meta["to_code"]) or old.name == top:
            remove_package(old)
    package = argos_package_module()
    package.install_from_path(Path(archive))
    for pkg in installed_packages():
        if pkg.name == top:
            return pkg
    raise ModelError("the package was extracted but cannot be read back", file=archive)


def find_package(spec: list[str]) -> InstalledPackage:
    """An installed package by ``[FROM, TO]`` or ``[NAME]``."""
    packages = installed_packages()
    for pkg in packages:
        if (len(spec) == 2 and pkg.pair == (spec[0], spec[1])) or (
            len(spec) == 1 and pkg.name == spec[0]
        ):
            return pkg
    have = ", ".join(f"{p.src}→{p.tgt} ({p.name})" for p in packages) or "none"
    raise ModelError(f"no installed package {' → '.join(spec)} (installed: {have})")


def remove_package(pkg: InstalledPackage) -> None:
    package = argos_package_module()
    for argos_pkg in package.get_installed_packages():
        if argos_pkg.package_path == pkg.path:
            package.uninstall(argos_pkg)
            return


def install_from_index(src: str, tgt: str) -> InstalledPackage:
    """Download ``src``→``tgt`` from the package index (``ARGOS_PACKAGE_INDEX``) and install it."""
    package = argos_package_module()
    from argostranslate import settings

    index_file = Path(settings.local_package_index)
    index_file.unlink(missing_ok=True)
    package.update_package_index()
    if not index_file.is_file():
        raise ModelError(f"cannot reach the package index {settings.remote_package_index}")
    try:
        available = package.get_available_packages()
    except (ValueError, TypeError, AttributeError) as exc:
        raise ModelError(f"the package index is not valid: {exc}", file=index_file) from exc
    match = next((p for p in available if (p.from_code, p.to_code) == (src, tgt)), None)
    if match is None:
        raise ModelError(f"the package index has no {src}→{tgt} package")
    try:
        downloaded = Path(match.download())
    except Exception as exc:  # argostranslate raises a bare Exception on a failed download
        raise ModelError(f"downloading the {src}→{tgt} package failed: {exc}") from exc
    try:
        return install_package(downloaded)
    finally:
        downloaded.unlink(missing_ok=True)
