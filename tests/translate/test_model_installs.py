"""Installing a model never loses the working one; a damaged package never breaks the others."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.errors import ModelError
from ttdn_studio.formats.ziplimits import MIB, ZipLimits
from ttdn_studio.translate import packages
from ttdn_studio.translate.argos import ArgosEngine, installed_packages, scan_packages

from .conftest import VI_EN

TOP = "translate-vi_en-fixture"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def variant(
    tmp_path: Path,
    name: str,
    change: Callable[[str, bytes], bytes | None] = lambda n, d: d,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """The vi→en fixture package rebuilt with members changed (None drops a member)."""
    out = tmp_path / f"{name}.argosmodel"
    with zipfile.ZipFile(VI_EN) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info.filename, data)
        for member, data in (extra or {}).items():
            dst.writestr(member, data)
    return out


def corrupt_model(name: str, data: bytes) -> bytes:
    return b"\x00garbage" * 100 if name.endswith("model/model.bin") else data


def translate_vi_en(text: str) -> str:
    return ArgosEngine().translate_batch([text], "vi", "en")[0]


def package_folder() -> Path:
    return packages.packages_dir() / TOP


def hidden_leftovers() -> list[str]:
    return [
        p.name for p in packages.packages_dir().iterdir() if p.name.startswith(".") and p.is_dir()
    ]


def test_a_package_whose_model_does_not_load_is_refused_and_the_old_one_kept(
    tmp_path: Path,
) -> None:
    assert run("models", "install", str(VI_EN))[0] == 0
    before = translate_vi_en("Cà Mau rất đẹp.")
    model_bin = (package_folder() / "model" / "model.bin").read_bytes()

    bad = variant(tmp_path, "broken-model", corrupt_model)
    code, out, err = run("models", "install", str(bad))
    assert code == 1, out
    assert err.startswith("ttdn: ") and "broken-model.argosmodel" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert (package_folder() / "model" / "model.bin").read_bytes() == model_bin
    assert translate_vi_en("Cà Mau rất đẹp.") == before
    assert hidden_leftovers() == []


def test_a_package_with_an_unreadable_tokenizer_is_refused(tmp_path: Path) -> None:
    bad = variant(
        tmp_path,
        "bad-sp",
        lambda n, d: b"not a sentencepiece model" if n.endswith("sentencepiece.model") else d,
    )
    with pytest.raises(ModelError):
        packages.install_package(bad)
    assert installed_packages() == [] and hidden_leftovers() == []


def test_a_good_package_replaces_the_old_one_for_the_same_pair(tmp_path: Path) -> None:
    packages.install_package(VI_EN)

    def bump(name: str, data: bytes) -> bytes:
        if name.endswith("metadata.json"):
            meta = json.loads(data)
            meta["package_version"] = "9.9"
            return json.dumps(meta).encode()
        return data

    # Same languages, another folder name: the old folder goes once the new one works.
    renamed = tmp_path / "renamed.argosmodel"
    with (
        zipfile.ZipFile(variant(tmp_path, "v2", bump)) as src,
        zipfile.ZipFile(renamed, "w") as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename.replace(TOP, "translate-vi_en-v2"), src.read(info))
    pkg = packages.install_package(renamed)
    assert (pkg.name, pkg.version) == ("translate-vi_en-v2", "9.9")
    assert [p.name for p in installed_packages()] == ["translate-vi_en-v2"]
    assert translate_vi_en("Cà Mau rất đẹp.")
    assert hidden_leftovers() == []


def test_a_failed_swap_puts_the_old_package_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packages.install_package(VI_EN)
    real_rename = os.rename

    def rename(src: object, dst: object) -> None:
        if ".installing-" in str(src):
            raise OSError(28, "No space left on device")
        real_rename(src, dst)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(packages.os, "rename", rename)
        with pytest.raises(ModelError, match="cannot put the package in place"):
            packages.install_package(VI_EN)
    assert [p.name for p in installed_packages()] == [TOP]
    assert translate_vi_en("Cà Mau rất đẹp.")


def test_a_package_left_aside_by_a_crash_is_restored(tmp_path: Path) -> None:
    packages.install_package(VI_EN)
    aside = packages.packages_dir() / ".old-crash"
    aside.mkdir()
    os.rename(package_folder(), aside / TOP)  # as if killed between the two renames
    assert [p.name for p in installed_packages()] == [TOP]  # put back on the next look
    assert hidden_leftovers() == []
    assert translate_vi_en("Cà Mau rất đẹp.")


@pytest.mark.parametrize(
    ("metadata", "reason"),
    [
        (b"{not json", "metadata.json is not valid"),
        (b"[1, 2]", "metadata.json does not describe a package"),
        (None, "no metadata.json"),
    ],
)
def test_one_damaged_package_does_not_break_the_others(
    argos_models: Path, metadata: bytes | None, reason: str
) -> None:
    meta = argos_models / "translate-en_km-fixture" / "metadata.json"
    if metadata is None:
        meta.unlink()
    else:
        meta.write_bytes(metadata)

    code, out, err = run("models", "list")
    assert code == 0, err
    assert "vi→en  translate-vi_en-fixture" in out
    assert f"broken: translate-en_km-fixture: {reason}" in out
    listed = json.loads(run("models", "list", "--json")[1])
    assert [p["name"] for p in listed["argos"]] == ["translate-vi_en-fixture"]
    assert [(b["name"], reason in b["reason"]) for b in listed["broken"]] == [
        ("translate-en_km-fixture", True)
    ]
    assert translate_vi_en("Cà Mau rất đẹp.")

    code, out, err = run("models", "install", str(VI_EN))
    assert code == 0, err
    code, out, err = run("models", "remove", "translate-en_km-fixture")
    assert code == 0 and "Removed the broken package translate-en_km-fixture" in out
    assert scan_packages()[1] == []


def test_a_model_archive_past_the_cap_is_refused_before_unpacking(tmp_path: Path) -> None:
    big = tmp_path / "bomb.argosmodel"
    shutil.copy(VI_EN, big)
    with (
        zipfile.ZipFile(big, "a", zipfile.ZIP_DEFLATED) as zf,
        zf.open(f"{TOP}/padding.bin", "w") as member,
    ):
        for _ in range(20):
            member.write(b"\0" * MIB)
    assert big.stat().st_size < 1_000_000
    with pytest.raises(ModelError, match="limit of 4.0 MiB"):
        packages.install_package(big, limits=ZipLimits(max_bytes=4 * MIB, max_entries=100))
    assert installed_packages() == [] and hidden_leftovers() == []


def test_the_cli_cap_names_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packages, "PACKAGE_LIMITS", ZipLimits(max_bytes=MIB, max_entries=3))
    code, _, err = run("models", "install", str(VI_EN))
    assert code == 1
    assert "holds 5 entries, more than the limit of 3" in err and "Traceback" not in err


def test_a_damaged_multilingual_setting_does_not_hide_the_argos_packages(
    only_vi_en: Path,
) -> None:
    from ttdn_studio.translate.multilingual import config_path

    config_path().write_text("{not json", encoding="utf-8")
    code, out, err = run("models", "list")
    assert code == 0, err
    assert "vi→en  translate-vi_en-fixture" in out
    assert "Multilingual CTranslate2 model: broken:" in out and "mt.json" in out
    assert "argos: vi→en" in out
    listed = json.loads(run("models", "list", "--json")[1])
    assert listed["pairs"]["argos"] == ["vi→en"] and listed["ct2_multilingual_error"]


def test_an_old_package_left_after_a_finished_swap_is_deleted_not_restored() -> None:
    packages.install_package(VI_EN)
    aside = packages.packages_dir() / ".old-crash"
    shutil.copytree(package_folder(), aside / TOP)
    (aside / TOP / "metadata.json").write_text("{not json")  # the old, replaced package
    assert [p.name for p in installed_packages()] == [TOP]
    assert hidden_leftovers() == [] and scan_packages()[1] == []
    assert translate_vi_en("Cà Mau rất đẹp.")


def test_a_package_folder_named_like_an_install_in_progress_is_refused(tmp_path: Path) -> None:
    hidden = tmp_path / "hidden.argosmodel"
    with zipfile.ZipFile(VI_EN) as src, zipfile.ZipFile(hidden, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename.replace(TOP, ".old-x"), src.read(info))
    with pytest.raises(ModelError, match="starts with a dot"):
        packages.install_package(hidden)
