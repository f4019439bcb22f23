"""The preview of a cue's frame, burned exactly as the render will, drawn in the terminal."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ttdn_studio.tui.widgets.picture import picture_text


class PreviewScreen(ModalScreen[None]):
    """One rendered frame, as large as the terminal allows; the full-size PNG's path below."""

    DEFAULT_CSS = """
    PreviewScreen { align: center middle; }
    PreviewScreen #preview-box { width: auto; height: auto; max-width: 100%; max-height: 100%;
                                 border: thick $primary; background: $surface; padding: 0 1; }
    PreviewScreen .title { text-style: bold; }
    PreviewScreen #picture { width: auto; height: auto; }
    PreviewScreen .path { color: $text-muted; }
    """
    BINDINGS = [
        Binding(
            "escape,enter,q",
            "close",
            "Close",
            id="preview.close",
            tooltip="Close the preview (the PNG stays saved)",
        )
    ]

    def __init__(self, path: Path, title: str) -> None:
        super().__init__()
        self.path, self._title = path, title

    def compose(self) -> ComposeResult:
        width, height = self.app.size
        self.picture = picture_text(self.path, max(10, width - 6), max(4, height - 7))
        with Vertical(id="preview-box"):
            yield Static(f"{self._title} · Esc closes", classes="title", markup=False)
            yield Static(self.picture, id="picture")
            yield Static(f"Full size: {self.path}", classes="path", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
