"""The episode header: one line over the grid saying what it shows (clip, language being
edited, filter, search, how many cues, how many marked) and whether the clip is cleared
for air in that language ("cleared for air" / "not cleared")."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ttdn_studio.tui.messages import GridView


class EpisodeHeader(Static):
    def show(self, view: GridView) -> None:
        bar = Text()
        bar.append(f" {view.clip or 'no clip'} ", style="bold reverse")
        bar.append(f"  editing {view.lang}", style="bold")
        bar.append(f"   filter: {view.filter_label}")
        if view.search:
            bar.append(f"   search: “{view.search}”", style="italic")
        bar.append(f"   {view.shown}/{view.total} cues", style="dim")
        if view.marked:
            bar.append(f"   {view.marked} marked", style="bold yellow")
        if view.cleared is not None:
            bar.append("   ")
            if view.cleared:
                bar.append("cleared for air", style="bold green")
            else:
                bar.append("not cleared", style="yellow")
        self.update(bar)
