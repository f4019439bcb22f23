"""The project store: one SQLite database per project folder.

Owns the schema and its migrations, transactions, versioned edits with
optimistic concurrency, and the undo/redo history. Must not import the TUI, the
CLI, subtitle formats or translation engines.
"""

from ttdn_studio.store.project_store import (
    DB_NAME,
    NewCue,
    ProjectStore,
    check_database_path,
    create_project,
    is_project_dir,
    open_project,
)

__all__ = [
    "DB_NAME",
    "NewCue",
    "ProjectStore",
    "check_database_path",
    "create_project",
    "is_project_dir",
    "open_project",
]
