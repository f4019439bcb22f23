"""``ttdn --help`` and ``ttdn --version`` stay light: the store, pydantic, SQLite, Textual
and the MT runtime are imported by the commands that use them, not at start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("textual", "ctranslate2", "pydantic", "sqlite3", "_sqlite3", "sqlite_utils", "pysubs2")


@pytest.mark.parametrize("argv", [None, ["--help"], ["--version"]])
def test_start_up_imports_no_heavy_library(argv: list[str] | None) -> None:
    run = "" if argv is None else f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
    code = (
        "import sys\n"
        "from ttdn_studio.cli import main\n"
        f"{run}"
        f"heavy = {HEAVY!r}\n"
        "print('HEAVY:' + ','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY:"
