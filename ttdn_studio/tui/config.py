"""The desk's settings in ``config.toml``: theme and remapped keys.

Example::

    [ui]
    theme = "textual-light"

    [keys]
    # binding id = keys (comma-separated); ids are listed in docs/keys.md
    "episode.approve" = "f8,ctrl+shift+a"
"""

from __future__ import annotations

import contextlib
import fcntl
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ttdn_studio.errors import ProjectError
from ttdn_studio.formats.atomic import atomic_write_text

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


@dataclass
class DeskConfig:
    theme: str = DARK_THEME
    keys: dict[str, str] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)  # sections the desk does not own


def load_config(path: Path) -> DeskConfig:
    """Read ``path`` (missing file = defaults); a broken file is a clear error."""
    if not path.is_file():
        return DeskConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProjectError(f"the settings file is not valid TOML ({exc})", file=path) from exc
    ui = data.get("ui", {}) if isinstance(data.get("ui"), dict) else {}
    keys = data.get("keys", {}) if isinstance(data.get("keys"), dict) else {}
    extra = {k: v for k, v in data.items() if k not in ("ui", "keys")}
    return DeskConfig(
        theme=str(ui.get("theme", DARK_THEME)),
        keys={str(k): str(v) for k, v in keys.items()},
        extra=extra,
    )


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dump_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_dump_value(v) for v in value) + "]"
    return _quote(str(value))


def dump_config(config: DeskConfig) -> str:
    lines = ["[ui]", f"theme = {_quote(config.theme)}", "", "[keys]"]
    lines += [f"{_quote(k)} = {_quote(v)}" for k, v in sorted(config.keys.items())]
    for name, table in config.extra.items():
        if isinstance(table, dict):
            lines += ["", f"[{name}]"] + [
                f"{_quote(str(k))} = {_dump_value(v)}" for k, v in table.items()
            ]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold ``config.toml.lock`` beside ``path``: one desk at a time reads-modifies-writes.

    The lock is on a separate file because each save replaces ``config.toml``
    itself (a lock on the replaced file would guard nothing).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def update_config(path: Path, change: Callable[[DeskConfig], None]) -> DeskConfig | None:
    """Apply ``change`` to the settings as they are on disk now, and save them atomically.

    Read, change and write happen under a file lock, so two desks saving at the
    same moment both keep their change. A file that is not valid TOML is left
    alone (the person may be fixing it by hand): returns None then.
    """
    with _locked(path):
        try:
            config = load_config(path)
        except ProjectError:
            return None
        change(config)
        atomic_write_text(path, dump_config(config))
    return config


def save_theme(path: Path, theme: str) -> None:
    """Remember the theme, keeping the rest of the file's settings."""

    def set_theme(config: DeskConfig) -> None:
        config.theme = theme

    update_config(path, set_theme)
