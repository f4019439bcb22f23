"""Installing and removing Argos packages (``.argosmodel`` files) safely.

An archive is checked before anything is unpacked: it must be a readable zip
within :data:`PACKAGE_LIMITS` (total unpacked size and entry count), holding
exactly one folder with ``metadata.json`` (with ``from_code`` and ``to_code``),
``model/`` and ``sentencepiece.model``, and no entry may escape that folder
(``../``, absolute paths, drive letters, symlinks).

Installing never touches the working model until the new one is proven: the
archive is unpacked into a hidden folder beside the packages (``.installing-*``),
its metadata is read, its model is loaded with CTranslate2 and one line is
translated. Only then is the old folder renamed aside (``.old-*``), the new one
renamed into place, and the old one deleted. A crash in between leaves the old
package in ``.old-*``; the next look at the packages puts it back. Installs and
removals take a lock (``.lock`` in the packages folder), so two never interleave.
Both drop the models this process keeps loaded (``argos.forget_loaded``); another
process's kept models notice the new files themselves (``argos.load_model``).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from ttdn_studio.errors import ModelError
from ttdn_studio.formats.ziplimits import MIB, ZipLimits, zip_problem
from ttdn_studio.translate.argos import (
    PACKAGE_READ_ERRORS,
    BrokenPackage,
    InstalledPackage,
    Model,
    argos_package_module,
    forget_loaded,
    installed_packages,
    packages_dir,
    read_package,
    scan_packages,
)
from ttdn_studio.translate.threads import MtThreads

# The largest real Argos packages unpack to a few hundred megabytes.
PACKAGE_LIMITS = ZipLimits(max_bytes=4096 * MIB, max_entries=1000)
CHECK_LINE = "Cà Mau"  # translated once to prove a new package works


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
    top = tops.pop()
    if top.startswith("."):
        raise ModelError(
            f"not an Argos package: its folder name {top!r} starts with a dot", file=archive
        )
    return top


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


def validate_archive(archive: Path, limits: ZipLimits | None = None) -> tuple[str, dict[str, Any]]:
    """Check an ``.argosmodel`` file; returns (folder name, metadata) or raises ModelError."""
    archive = Path(archive)
    if not archive.is_file():
        raise ModelError("no such file", file=archive)
    if not zipfile.is_zipfile(archive):
        raise ModelError("not an Argos package (not a zip archive)", file=archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            problem = zip_problem(zf, limits or PACKAGE_LIMITS)
            if problem:
                raise ModelError(f"refusing to install: {problem}", file=archive)
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


@contextlib.contextmanager
def _packages_lock() -> Iterator[Path]:
    """Hold the packages folder's lock (waits for another install or removal to finish)."""
    folder = packages_dir()
    with open(folder / ".lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            _recover(folder)
            yield folder
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


_LEFTOVERS = (".old-", ".installing-", ".removing-")


def _discard(folder: Path) -> None:
    """Delete a set-aside folder; renamed first so a crash midway never restores it."""
    doomed = folder.with_name(".removing-" + folder.name.split("-", 1)[-1])
    os.rename(folder, doomed)
    shutil.rmtree(doomed, ignore_errors=True)


def recover_if_idle() -> None:
    """Finish a crashed install or removal now, unless one is running (then it will)."""
    folder = packages_dir()
    with open(folder / ".lock", "a+b") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return
        try:
            _recover(folder)
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _recover(folder: Path) -> None:
    """Finish what a crashed install or removal left (called with the lock held).

    A package set aside in ``.old-*`` whose place is empty goes back; every other
    leftover hidden folder is deleted.
    """
    for leftover in folder.iterdir():
        if not leftover.is_dir() or not leftover.name.startswith(_LEFTOVERS):
            continue
        if leftover.name.startswith(".old-"):
            for pkg in leftover.iterdir():
                if pkg.is_dir() and not (folder / pkg.name).exists():
                    os.rename(pkg, folder / pkg.name)
        shutil.rmtree(leftover, ignore_errors=True)


def _unpack(archive: Path, top: str, staging: Path) -> Path:
    try:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(staging)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ModelError(f"the archive cannot be unpacked: {exc}", file=archive) from exc
    return staging / top


def check_package(folder: Path, archive: Path | None = None) -> InstalledPackage:
    """Prove an unpacked package works: read its metadata, load it, translate one line."""
    where = archive or folder
    try:
        pkg = read_package(folder)
    except PACKAGE_READ_ERRORS as exc:
        raise ModelError(f"the package cannot be read: {exc}", file=where) from exc
    if pkg is None:
        raise ModelError("not a translation package (metadata.json type)", file=where)
    try:
        one = MtThreads(intra=1, inter=1, cores=1, source="a one-line check")
        out = Model(pkg, one).translate([CHECK_LINE])  # not cached: temporary folder
    except ModelError as exc:
        raise ModelError(exc.message, file=where) from exc
    except PACKAGE_READ_ERRORS as exc:
        raise ModelError(f"the package's model does not work: {exc}", file=where) from exc
    if len(out) != 1 or not isinstance(out[0], str):
        raise ModelError("the package's model gives no translation", file=where)
    return pkg


def install_package(archive: Path, limits: ZipLimits | None = None) -> InstalledPackage:
    """Validate and install an ``.argosmodel``; replaces a package for the same pair.

    The working package stays in place until the new one has been unpacked,
    loaded and has translated a line; see the module docstring.
    """
    archive = Path(archive)
    top, meta = validate_archive(archive, limits)
    with _packages_lock() as folder:
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=folder))
        trash = Path(tempfile.mkdtemp(prefix=".old-", dir=folder))
        try:
            new = _unpack(archive, top, staging)
            check_package(new, archive)
            target = folder / top
            pair = (meta["from_code"], meta["to_code"])
            if target.exists():
                os.rename(target, trash / top)
            try:
                os.rename(new, target)
            except OSError as exc:
                if (trash / top).exists():
                    os.rename(trash / top, target)
                raise ModelError(f"cannot put the package in place: {exc}", file=target) from exc
            for old in installed_packages():
                if old.pair == pair and old.path != target:
                    os.rename(old.path, trash / old.name)
            _discard(trash)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(trash, ignore_errors=True)
            forget_loaded()  # a replaced package's model is never served from memory
    for pkg in installed_packages():
        if pkg.path == target:
            return pkg
    raise ModelError("the package was installed but cannot be read back", file=archive)


def find_package(spec: list[str]) -> InstalledPackage | BrokenPackage:
    """An installed package by ``[FROM, TO]`` or ``[NAME]`` (a damaged one by NAME)."""
    packages, broken = scan_packages()
    for pkg in packages:
        if (len(spec) == 2 and pkg.pair == (spec[0], spec[1])) or (
            len(spec) == 1 and pkg.name == spec[0]
        ):
            return pkg
    for damaged in broken:
        if len(spec) == 1 and damaged.name == spec[0]:
            return damaged
    have = ", ".join(f"{p.src}→{p.tgt} ({p.name})" for p in packages) or "none"
    raise ModelError(f"no installed package {' → '.join(spec)} (installed: {have})")


def remove_package(pkg: InstalledPackage | BrokenPackage) -> None:
    """Delete a package folder (renamed aside first, so no half-deleted package is left)."""
    with _packages_lock() as folder:
        if pkg.path.parent != folder or not pkg.path.is_dir():
            return
        trash = Path(tempfile.mkdtemp(prefix=".removing-", dir=folder))
        os.rename(pkg.path, trash / pkg.name)
        shutil.rmtree(trash, ignore_errors=True)
        forget_loaded()  # nor a removed one's


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
