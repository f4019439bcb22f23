"""``ttdn models`` and ``ttdn translate`` from the command line."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ttdn_studio import locations
from ttdn_studio.cli import cli
from ttdn_studio.store import ProjectStore

from .conftest import DEMO_CUES, VI_EN, add_demo_cues


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_install_list_remove(installed_argos: Path) -> None:
    code, out, err = run("models", "list", "--json")
    assert code == 0 and json.loads(out)["argos"] == []
    code, out, err = run("models", "install", str(VI_EN))
    assert code == 0, err
    assert "Installed vi→en" in out
    listed = json.loads(run("models", "list", "--json")[1])
    assert [(p["from"], p["to"]) for p in listed["argos"]] == [("vi", "en")]
    assert listed["pairs"]["argos"] == ["vi→en"]
    assert (
        locations.models_dir() / "argos" / "translate-vi_en-fixture" / "model" / "model.bin"
    ).is_file()
    code, out, err = run("models", "remove", "vi", "en")
    assert code == 0 and "Removed vi→en" in out
    assert json.loads(run("models", "list", "--json")[1])["argos"] == []
    code, out, err = run("models", "remove", "vi", "en")
    assert code == 1 and "no installed package vi → en" in err


def test_install_refuses_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"PK\x03\x04 truncated")
    code, out, err = run("models", "install", str(bad))
    assert code == 1 and "bad.argosmodel" in err and "Traceback" not in err
    code, _, err = run("models", "install", "--from-index", "vi")
    assert code == 2


@pytest.fixture
def package_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local HTTP server with index.json and the fixture package (no outside network)."""
    root = tmp_path / "index"
    root.mkdir()
    shutil.copy(VI_EN, root / "translate-vi_en.argosmodel")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    (root / "index.json").write_text(
        json.dumps(
            [
                {
                    "package_version": "0.1",
                    "argos_version": "1.9",
                    "from_code": "vi",
                    "from_name": "Vietnamese",
                    "to_code": "en",
                    "to_name": "English",
                    "type": "translate",
                    "links": [base + "translate-vi_en.argosmodel"],
                }
            ]
        )
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    yield base
    server.shutdown()
    server.server_close()


def test_install_from_a_package_index(installed_argos: Path, package_index: str) -> None:
    code, out, err = run("models", "install", "--from-index", "vi", "en", "--json")
    assert code == 0, err
    assert json.loads(out)["from"] == "vi"
    assert json.loads(run("models", "list", "--json")[1])["pairs"]["argos"] == ["vi→en"]
    code, out, err = run("models", "install", "--from-index", "vi", "km")
    assert code == 1 and "has no vi→km package" in err


def test_add_ct2_model(tmp_path: Path, multilingual_model: Path) -> None:
    code, out, err = run("models", "add-ct2", str(multilingual_model), "--json")
    assert code == 0, err
    assert json.loads(out)["languages"]["km"] == "khm_Khmr"
    pairs = json.loads(run("models", "list", "--json")[1])["pairs"]["ct2-multilingual"]
    assert "vi→km" in pairs and "vi→en" in pairs
    code, out, err = run("models", "add-ct2", str(tmp_path))
    assert code == 1 and "no model.bin" in err


@pytest.mark.slow
def test_translate_command(store: ProjectStore, argos_models: Path) -> None:
    add_demo_cues(store, DEMO_CUES[:2])
    code, out, err = run("translate", str(store.path), "--to", "en", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["cues_translated"] == 2 and summary["engine"] == "argos"
    assert "Translating to en" in err
    code, out, err = run("translate", str(store.path), "--to", "en")
    assert code == 0 and "Translated 2 cues" in out


def test_translate_without_a_model(store: ProjectStore) -> None:
    add_demo_cues(store, DEMO_CUES[:1])
    code, out, err = run("translate", str(store.path), "--to", "km")
    assert code == 1 and "ttdn models install" in err


def test_several_files_install_in_one_command_and_a_bad_one_stops_none(
    installed_argos: Path, tmp_path: Path
) -> None:
    """``ttdn models install models/*.argosmodel``: each file is installed; one that is
    refused is named, the others are still installed, and the exit status says so."""
    from .conftest import EN_KM

    bad = tmp_path / "broken.argosmodel"
    bad.write_bytes(b"not a zip archive")
    code, out, err = run("models", "install", str(VI_EN), str(bad), str(EN_KM))
    assert code == 1
    assert "Installed vi→en" in out and "Installed en→km" in out
    assert "not installed" in err and "broken.argosmodel" in err
    listed = json.loads(run("models", "list", "--json")[1])
    assert sorted((p["from"], p["to"]) for p in listed["argos"]) == [("en", "km"), ("vi", "en")]
    code, out, _ = run("models", "install", str(VI_EN), str(EN_KM), "--json")
    assert code == 0 and [p["to"] for p in json.loads(out)["installed"]] == ["en", "km"]
