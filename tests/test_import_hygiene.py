"""The headless core must never pull in the TUI, the CLI or Textual.

(click may arrive indirectly through sqlite-utils; import-linter forbids direct imports of it.)
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import ttdn_studio

SHELLS = {"ttdn_studio.tui", "ttdn_studio.cli"}


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(ttdn_studio.__path__, "ttdn_studio."):
        in_shell = any(info.name == s or info.name.startswith(s + ".") for s in SHELLS)
        if not in_shell and not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def test_core_imports_no_shell_framework() -> None:
    modules = core_modules()
    assert "ttdn_studio.store.project_store" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'"
        " or m.startswith(('ttdn_studio.tui', 'ttdn_studio.cli')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_cli_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from ttdn_studio.cli import cli\n"
        "heavy = ('ctranslate2', 'pysubs2', 'uharfbuzz', 'matplotlib', 'docx', 'textual', 'sentencepiece')\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_desk_starts_without_numpy_or_sqlite_utils_and_both_work_later(tmp_path: Path) -> None:
    """sqlite-utils (with its plugin machinery) and the numpy it would pull in cost a
    fifth of a second of the desk's start; the store opens projects without them and
    loads sqlite-utils, still without numpy, on first use of ``store.db``."""
    code = (
        "import sys\n"
        "import ttdn_studio.tui.app, ttdn_studio.tui.screens.episode\n"
        "from ttdn_studio.models import Project\n"
        "from ttdn_studio.store import create_project\n"
        f"store = create_project({str(tmp_path / 'ep')!r}, Project(title='x'))\n"
        "print(*(m in sys.modules for m in ('sqlite_utils', 'numpy', 'pandas')))\n"
        "print(store.db['project'].count, 'numpy' in sys.modules)\n"
        "import numpy\n"
        "print(numpy.arange(3).sum())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False", "1", "False", "3"]


def test_atomic_writes_do_not_load_the_subtitle_readers() -> None:
    """``ttdn status`` and the people file write through ``formats.atomic``: the formats
    package gives each name from its module when first used, not pysubs2 and every reader."""
    code = (
        "import sys\n"
        "from ttdn_studio.formats import atomic_write_text\n"
        "import ttdn_studio.services.people\n"
        "loaded = [m for m in ('pysubs2', 'ttdn_studio.formats.subtitles', 'docx') if m in sys.modules]\n"
        "from ttdn_studio.formats import parse_subtitles\n"
        "print(','.join(loaded), 'pysubs2' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True"]  # none loaded before; the readers load when asked for
