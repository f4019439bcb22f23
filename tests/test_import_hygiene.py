"""The headless core must never pull in the TUI, the CLI or Textual.

(click may arrive indirectly through sqlite-utils; import-linter forbids direct imports of it.)
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

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


def test_the_desk_starts_without_numpy_and_numpy_still_imports_later() -> None:
    """sqlite-utils would import numpy (a tenth of a second) for nothing the store uses."""
    code = (
        "import sys\n"
        "import ttdn_studio.tui.app, ttdn_studio.tui.screens.episode, ttdn_studio.store\n"
        "print('numpy' in sys.modules, 'pandas' in sys.modules)\n"
        "import numpy, sqlite_utils\n"
        "print(numpy.arange(3).sum(), sqlite_utils.Database(memory=True).execute('select 1').fetchone()[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "3", "1"]
