"""SQL is written in the store: no other module calls ``execute`` on a connection.

``KNOWN`` lists the modules that still do, each to move into store methods (take a
module off the list when it no longer runs SQL); the test fails when a new one appears.
"""

from __future__ import annotations

import re
from pathlib import Path

import ttdn_studio

PACKAGE = Path(ttdn_studio.__file__).parent
RUNS_SQL = re.compile(r"\.(execute|executemany|executescript)\(")
KNOWN = {
    "render/queue.py",  # the render queue table
    "report/collect.py",  # the report's reads of each project
    "tm/memory.py",  # the translation memory's own database
}


def modules_running_sql() -> set[str]:
    return {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] != "store"
        and RUNS_SQL.search(path.read_text(encoding="utf-8"))
    }


def test_no_new_module_runs_sql_outside_the_store() -> None:
    assert modules_running_sql() - KNOWN == set()
