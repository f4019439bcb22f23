"""What waits for me and each person's progress, worded for the desk (the projects
screen's "for me" column and panel, the people dialog)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ttdn_studio.services.reviewing import Waiting, progress, waiting_for
from ttdn_studio.store import ProjectStore


@dataclass
class Mine:
    """One project seen by the person at the desk."""

    waiting: str = ""  # in a table cell: "3 tr · 2 ap · 1 clr"
    mine: bool = False  # a clip of it is assigned to me
    detail: list[str] = field(default_factory=list)  # what waits for me, everyone's progress
    my_detail: list[str] = field(default_factory=list)  # the same, my clips only
    assigned: bool = False  # some clip of it is assigned to someone


def waiting_short(waiting: Waiting) -> str:
    """``waiting_for``'s counts in a table cell: cues to translate, to approve, clips to clear."""
    parts = []
    if waiting.to_translate:
        parts.append(f"{sum(waiting.to_translate.values())} tr")
    if waiting.to_approve:
        parts.append(f"{sum(waiting.to_approve.values())} ap")
    if waiting.to_clear:
        parts.append(f"{len(waiting.to_clear)} clr")
    return " · ".join(parts)


def waiting_lines(waiting: Waiting) -> list[str]:
    head = [f"Waiting for {waiting.person} ({waiting.role or 'no role'}):"]
    for label, counts in (
        ("to translate", waiting.to_translate),
        ("to approve", waiting.to_approve),
    ):
        if counts:
            head.append(f"  {label}: " + ", ".join(f"{k} {n} cues" for k, n in counts.items()))
    if waiting.to_clear:
        head.append("  to clear: " + ", ".join(waiting.to_clear))
    if len(head) == 1:
        head[0] += " nothing"
    return head


def progress_line(item: dict[str, Any]) -> str:
    return (
        f"{item['person']}: {item['clip']} ({item['lang']}) {item['done']}/{item['cues']} done, "
        f"{item['approved']}/{item['cues']} approved"
    )


def mine_of(store: ProjectStore) -> Mine:
    """What waits for the person at the desk in this project, and who has done how much."""
    waiting = waiting_for(store)
    work = progress(store)
    mine = [a for a in work if a["person"] == store.author]
    head = waiting_lines(waiting)
    everyone = ["Progress per person:", *(f"  {progress_line(a)}" for a in work)]
    only_mine = ["My progress:", *(f"  {progress_line(a)}" for a in mine)]
    return Mine(
        waiting_short(waiting),
        bool(mine),
        head + (everyone if work else ["Nothing assigned yet."]),
        head + (only_mine if mine else []),
        bool(work),
    )
