"""The desk's key bindings as data: for the help screen, the palette and docs/keys.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.binding import Binding


@dataclass(frozen=True)
class KeyRow:
    id: str
    key: str
    action: str
    description: str
    tooltip: str


def _bindings_of(cls: type[Any]) -> list[Binding]:
    seen: dict[str, Binding] = {}
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("ttdn_studio"):
            continue  # Textual's own keys (tab, copy…) are not the desk's to document
        for b in klass.__dict__.get("BINDINGS", []):
            if isinstance(b, Binding):
                seen[b.id or b.action] = b
    return list(seen.values())


def screen_bindings(cls: type[Any], keymap: dict[str, str] | None = None) -> list[KeyRow]:
    """Every binding declared on ``cls`` (and its bases), with remapped keys applied."""
    keymap = keymap or {}
    rows = []
    for b in _bindings_of(cls):
        key = keymap.get(b.id or "", b.key)
        rows.append(KeyRow(b.id or "", key, b.action, b.description, b.tooltip))
    return rows


def desk_sections() -> list[tuple[str, list[KeyRow]]]:
    """(title, rows) for every screen of the desk, in the order a newcomer meets them."""
    from ttdn_studio.tui.app import TtdnApp
    from ttdn_studio.tui.screens.episode import EpisodeScreen
    from ttdn_studio.tui.screens.glossary import GlossaryScreen
    from ttdn_studio.tui.screens.projects import ProjectsScreen
    from ttdn_studio.tui.screens.qc import QcScreen
    from ttdn_studio.tui.screens.render import RenderScreen
    from ttdn_studio.tui.widgets.cue_grid import CueGrid

    return [
        ("Everywhere", screen_bindings(TtdnApp)),
        ("Episode", screen_bindings(EpisodeScreen)),
        ("Cue list", screen_bindings(CueGrid)),
        ("Quality checks", screen_bindings(QcScreen)),
        ("Render", screen_bindings(RenderScreen)),
        ("Glossary", screen_bindings(GlossaryScreen)),
        ("Projects", screen_bindings(ProjectsScreen)),
    ]


def markdown_table() -> str:
    """docs/keys.md: every key, per screen (generated; do not edit by hand)."""
    lines = [
        "# Keys of the desk",
        "",
        "Generated from the bindings (`python -m ttdn_studio.tui.keys`). Any key can be",
        "remapped in `config.toml` under `[keys]` with the binding id, e.g.",
        '`"episode.approve" = "f8,ctrl+a"`.',
        "",
    ]
    for title, rows in desk_sections():
        lines += [f"## {title}", "", "| key | what it does | binding id |", "|---|---|---|"]
        for row in rows:
            what = row.tooltip or row.description
            keys = " / ".join(f"`{k.strip()}`" for k in row.key.split(","))
            lines.append(f"| {keys} | {what} | `{row.id}` |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table(), end="")
