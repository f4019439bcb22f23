"""SQL is written in the store: no other module calls ``execute`` on a connection.

Every query of a project, the render queue, the report's reads and QC cache and the
translation memory goes through ``ttdn_studio/store/`` methods; ``KNOWN`` (modules
allowed to run SQL elsewhere) stays empty.
"""

from __future__ import annotations

import re
from pathlib import Path

import ttdn_studio

PACKAGE = Path(ttdn_studio.__file__).parent
RUNS_SQL = re.compile(r"\.(execute|executemany|executescript)\(")
KNOWN: set[str] = set()


def modules_running_sql() -> set[str]:
    return {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] != "store"
        and RUNS_SQL.search(path.read_text(encoding="utf-8"))
    }


def test_no_module_runs_sql_outside_the_store() -> None:
    assert modules_running_sql() - KNOWN == set()


def test_the_check_sees_sql_where_it_is_written() -> None:
    """The grep finds the store's own statements, so an empty result above means something."""
    in_store = {
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "store").rglob("*.py")
        if RUNS_SQL.search(path.read_text(encoding="utf-8"))
    }
    assert {"store/project_store.py", "store/translation_memory.py"} <= in_store
