"""The clip list beside the grid: choosing a clip posts :class:`ClipChosen`."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ttdn_studio.tui.messages import ClipChosen


class ClipList(OptionList):
    def __init__(self, names: list[str], **kwargs: str) -> None:
        super().__init__(*[Option(n, id=n) for n in names], **kwargs)  # type: ignore[arg-type]
        self.names = names
        self.open_clip: str | None = None

    def on_mount(self) -> None:
        self.border_title = "Clips"

    def show_open(self, name: str | None) -> None:
        """Highlight the clip that is open (when another one opens: browsing the list with
        the arrows is left alone otherwise)."""
        if name == self.open_clip:
            return
        self.open_clip = name
        if name in self.names:
            self.highlighted = self.names.index(name)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id != self.open_clip:
            self.post_message(ClipChosen(event.option.id))
