"""Loaded models are kept between translations, but never for a package removed or replaced
(nor for a multilingual model whose folder got other files).

A "retrained" package is the en→km fixture's model and vocabulary under the vi→en
package's folder name and metadata: same name, languages and version, other weights.
A clock that did not tick between two installs (coarse file times, or files copied
with their times kept) is imitated by giving the new files the old files' times.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ttdn_studio.errors import ModelError
from ttdn_studio.translate import packages
from ttdn_studio.translate.argos import ArgosEngine, Model, installed_packages
from ttdn_studio.translate.threads import MtThreads

from .conftest import EN_KM, VI_EN

TOP = "translate-vi_en-fixture"
LINE = "Cà Mau rất đẹp."


def retrained(tmp_path: Path) -> Path:
    """The vi→en package's name and metadata around the en→km package's model files."""
    out = tmp_path / "retrained-vi_en.argosmodel"
    with (
        zipfile.ZipFile(VI_EN) as names,
        zipfile.ZipFile(EN_KM) as weights,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        dst.writestr(f"{TOP}/metadata.json", names.read(f"{TOP}/metadata.json"))
        for info in weights.infolist():
            member = info.filename.split("/", 1)[1]
            if member != "metadata.json":
                dst.writestr(f"{TOP}/{member}", weights.read(info))
    return out


def model_times() -> dict[Path, tuple[int, int]]:
    folder = packages.packages_dir() / TOP
    paths = [folder / "model", *sorted((folder / "model").iterdir())]
    return {p.relative_to(folder): (p.stat().st_atime_ns, p.stat().st_mtime_ns) for p in paths}


def same_times(times: dict[Path, tuple[int, int]]) -> None:
    folder = packages.packages_dir() / TOP
    for rel, ns in times.items():
        if (folder / rel).exists():
            os.utime(folder / rel, ns=ns)


def translate(text: str) -> str:
    return ArgosEngine().translate_batch([text], "vi", "en")[0]


def fresh(text: str) -> str:
    """What the installed vi→en package gives, loaded anew (no cache)."""
    (pkg,) = [p for p in installed_packages() if p.pair == ("vi", "en")]
    return Model(pkg, MtThreads(intra=1, inter=1, cores=1, source="test")).translate([text])[0]


def test_a_package_replaced_in_the_desk_is_not_served_from_memory(tmp_path: Path) -> None:
    packages.install_package(VI_EN)
    old = translate(LINE)  # the model is loaded and kept
    times = model_times()

    packages.install_package(retrained(tmp_path))
    same_times(times)
    new = fresh(LINE)
    assert new != old  # the retrained model really translates differently
    assert translate(LINE) == new


def test_a_package_replaced_by_another_program_is_not_served_from_memory(
    tmp_path: Path,
) -> None:
    """`ttdn models install` in a terminal while the desk has the old model loaded."""
    packages.install_package(VI_EN)
    old = translate(LINE)
    times = model_times()

    archive = retrained(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "ttdn_studio", "models", "install", str(archive)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    same_times(times)
    new = fresh(LINE)
    assert new != old
    assert translate(LINE) == new


def test_a_package_removed_after_the_engine_read_the_list_is_a_clear_error() -> None:
    """A machine draft that started before the package was removed ends with a ModelError
    (shown as one message), not a missing-file crash; nothing is served from memory."""
    packages.install_package(VI_EN)
    translate(LINE)  # loaded and kept
    engine = ArgosEngine()
    packages.remove_package(packages.find_package(["vi", "en"]))
    with pytest.raises(ModelError, match="no longer installed"):
        engine.translate_batch([LINE], "vi", "en")
    with pytest.raises(ModelError, match="no Argos package installed for vi→en"):
        translate(LINE)


def test_a_multilingual_model_replaced_in_its_folder_is_not_served_from_memory(
    tmp_path: Path, multilingual_model: Path
) -> None:
    """The configured folder gets other model files (same times, as a copy that keeps them)."""
    from ttdn_studio.translate import multilingual

    folder = tmp_path / "multi"
    shutil.copytree(multilingual_model, folder)
    setup = multilingual.describe_model(folder)

    def draft() -> str:
        return multilingual.MultilingualEngine(setup).translate_batch([LINE], "vi", "en")[0]

    old = draft()
    times = {n: (folder / n).stat() for n in ("model.bin", "config.json")}
    other = tmp_path / "other"
    with zipfile.ZipFile(EN_KM) as zf:  # another model (English to Khmer)
        zf.extractall(other)
    top = other / "translate-en_km-fixture"
    for name in ("model.bin", "config.json", "shared_vocabulary.json"):
        os.replace(top / "model" / name, folder / name)
    os.replace(top / "sentencepiece.model", folder / "sentencepiece.model")
    for name, st in times.items():
        os.utime(folder / name, ns=(st.st_atime_ns, st.st_mtime_ns))
    served = draft()
    multilingual._load.cache_clear()
    fresh_load = draft()
    assert fresh_load != old  # the other model really translates differently
    assert served == fresh_load


def test_a_multilingual_model_folder_emptied_is_a_clear_error(
    tmp_path: Path, multilingual_model: Path
) -> None:
    from ttdn_studio.translate import multilingual

    folder = tmp_path / "multi"
    shutil.copytree(multilingual_model, folder)
    engine = multilingual.MultilingualEngine(multilingual.describe_model(folder))
    engine.translate_batch([LINE], "vi", "en")
    (folder / "model.bin").unlink()
    with pytest.raises(ModelError, match="no longer"):
        engine.translate_batch([LINE], "vi", "en")


def test_a_package_whose_vocabulary_alone_was_replaced_is_loaded_again(tmp_path: Path) -> None:
    from ttdn_studio.translate.argos import load_model

    packages.install_package(VI_EN)
    (pkg,) = [p for p in installed_packages() if p.pair == ("vi", "en")]
    kept = load_model(pkg)
    assert load_model(pkg) is kept  # unchanged files: the loaded model is kept
    vocabulary = pkg.path / "sentencepiece.model"
    copy = tmp_path / "sentencepiece.model"
    shutil.copy2(vocabulary, copy)
    shutil.move(copy, vocabulary)  # a new file in its place, model.bin untouched
    again = load_model(pkg)
    assert again is not kept
    assert again.translate([LINE]) == [fresh(LINE)]
