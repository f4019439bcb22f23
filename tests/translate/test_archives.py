"""Argos archives are checked before anything is extracted."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from ttdn_studio import locations
from ttdn_studio.errors import ModelError
from ttdn_studio.translate.packages import install_package, validate_archive

META = {
    "package_version": "1.0",
    "argos_version": "1.9",
    "from_code": "vi",
    "from_name": "Vietnamese",
    "to_code": "en",
    "to_name": "English",
    "package_type": "translate",
}


def make_archive(
    path: Path, entries: dict[str, bytes], symlinks: dict[str, str] | None = None
) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


def good_entries(top: str = "translate-vi_en") -> dict[str, bytes]:
    return {
        f"{top}/metadata.json": json.dumps(META).encode(),
        f"{top}/model/model.bin": b"x",
        f"{top}/sentencepiece.model": b"x",
    }


def test_valid_layout_is_accepted(tmp_path: Path) -> None:
    top, meta = validate_archive(make_archive(tmp_path / "ok.argosmodel", good_entries()))
    assert top == "translate-vi_en" and meta["to_code"] == "en"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"translate-vi_en/../../evil.py": b"print(1)"}, "leaves the package folder"),
        ({"/etc/evil.conf": b"x"}, "absolute path"),
        ({"C:/evil.bat": b"x"}, "absolute path"),
        ({"translate-vi_en\\..\\..\\evil.py": b"x"}, "leaves the package folder"),
    ],
)
def test_zip_slip_is_refused(tmp_path: Path, extra: dict[str, bytes], message: str) -> None:
    archive = make_archive(tmp_path / "evil.argosmodel", {**good_entries(), **extra})
    with pytest.raises(ModelError, match=message):
        install_package(archive)
    assert not (tmp_path / "evil.py").exists()
    assert not any(locations.models_dir().rglob("evil*"))


def test_symlink_entry_is_refused(tmp_path: Path) -> None:
    archive = make_archive(
        tmp_path / "link.argosmodel", good_entries(), {"translate-vi_en/model/x": "/etc/passwd"}
    )
    with pytest.raises(ModelError, match="symbolic link"):
        install_package(archive)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (
            {k: v for k, v in good_entries().items() if not k.endswith("metadata.json")},
            "no translate-vi_en/metadata.json",
        ),
        ({**good_entries(), "translate-vi_en/metadata.json": b"{not json"}, "not valid JSON"),
        (
            {**good_entries(), "translate-vi_en/metadata.json": b'{"from_code": "vi"}'},
            "from_code and to_code",
        ),
        (
            {k: v for k, v in good_entries().items() if "model.bin" not in k},
            "no translate-vi_en/model/model.bin",
        ),
        ({**good_entries(), **good_entries("second")}, "exactly one folder"),
    ],
)
def test_incomplete_package_is_refused(
    tmp_path: Path, entries: dict[str, bytes], message: str
) -> None:
    with pytest.raises(ModelError, match=message):
        install_package(make_archive(tmp_path / "bad.argosmodel", entries))


def test_not_a_zip_and_truncated_zip(tmp_path: Path) -> None:
    text = tmp_path / "notes.argosmodel"
    text.write_text("hello")
    with pytest.raises(ModelError, match="not a zip archive") as err:
        install_package(text)
    assert err.value.file == text
    good = make_archive(tmp_path / "ok.argosmodel", good_entries())
    data = good.read_bytes()
    corrupt = tmp_path / "corrupt.argosmodel"
    corrupt.write_bytes(data[:40] + b"\0" * 20 + data[60:])
    with pytest.raises(ModelError, match="corrupt"):
        install_package(corrupt)
    with pytest.raises(ModelError, match="no such file"):
        install_package(tmp_path / "missing.argosmodel")
