"""The preview of a cue's frame, burned exactly as the render will, drawn in the terminal.

The frame first shows the language being edited; Tab (or Right) and Shift+Tab (or
Left), or a layout's number, re-render it in another layout: each target language
alone, one target stacked over another (km over en) or the Vietnamese source over a
target (vi over en), as ``ttdn render --stack`` burns them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ttdn_studio.tui import keys
from ttdn_studio.tui.jobs import run_job
from ttdn_studio.tui.messages import WorkDone, WorkFailed
from ttdn_studio.tui.widgets.picture import picture_text

Layout = list[str]


def preview_layouts(source: str, targets: list[str], lang: str) -> list[Layout]:
    """The layouts offered, top language first: ``lang`` alone, the other targets alone,
    every target over another, the source over each target."""
    first = [lang] if lang in targets or lang == source else [targets[0]] if targets else []
    out: list[Layout] = [first] if first else []
    out += [[t] for t in targets if [t] != first]
    out += [[upper, lower] for upper in targets for lower in targets if upper != lower]
    out += [[source, t] for t in targets]
    return out


def layout_label(layout: Layout) -> str:
    return " over ".join(layout)


class PreviewScreen(ModalScreen[None]):
    """One rendered frame, as large as the terminal allows; the full-size PNG's path below."""

    DEFAULT_CSS = """
    PreviewScreen { align: center middle; }
    PreviewScreen #preview-box { width: auto; height: auto; max-width: 100%; max-height: 100%;
                                 border: thick $primary; background: $surface; padding: 0 1; }
    PreviewScreen .title { text-style: bold; }
    PreviewScreen #picture { width: auto; height: auto; }
    PreviewScreen .path { color: $text-muted; }
    PreviewScreen #layouts { height: auto; }
    """
    BINDINGS = keys.PREVIEW

    def __init__(
        self,
        path: Path,
        title: str,
        layouts: list[Layout] | None = None,
        render: Callable[[Layout], Path] | None = None,
    ) -> None:
        super().__init__()
        self.path, self._title = path, title
        self.layouts = layouts or []
        self.render_layout = render
        self.chosen = 0
        self.busy = False
        self.paths: dict[int, Path] = {0: path}

    def compose(self) -> ComposeResult:
        self.picture = self.picture_of(self.path)
        with Vertical(id="preview-box"):
            yield Static(self.title_line(), id="preview-title", classes="title", markup=False)
            if len(self.layouts) > 1:
                yield Static(self.layout_line(), id="layouts")
            yield Static(self.picture, id="picture")
            yield Static(f"Full size: {self.path}", id="preview-path", classes="path", markup=False)

    def picture_of(self, path: Path) -> Text:
        width, height = self.app.size
        reserved = 7 + (len(self.layouts) > 1)
        return picture_text(path, max(10, width - 6), max(4, height - reserved))

    def title_line(self) -> str:
        shown = f" · {layout_label(self.layouts[self.chosen])}" if self.layouts else ""
        return f"{self._title}{shown} · Esc closes"

    def layout_line(self) -> Text:
        line = Text("Layout (Tab, or its number): ", style="dim")
        for i, layout in enumerate(self.layouts):
            label = f" {i + 1} {layout_label(layout)} "
            line.append(label, style="reverse bold" if i == self.chosen else "")
        return line

    def action_close(self) -> None:
        self.dismiss(None)

    def action_layout_step(self, delta: int) -> None:
        if self.layouts:
            self.choose((self.chosen + delta) % len(self.layouts))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and event.character != "0":
            event.stop()
            number = int(event.character)
            if number <= len(self.layouts):
                self.choose(number - 1)

    def choose(self, index: int) -> None:
        """Show the frame in layout ``index`` (rendered in a worker unless rendered before)."""
        if self.busy or index == self.chosen or self.render_layout is None:
            return
        self.chosen = index
        self.query_one("#layouts", Static).update(self.layout_line())
        if index in self.paths:
            self.show(self.paths[index])
            return
        self.busy = True
        render, layout = self.render_layout, self.layouts[index]
        self.query_one("#preview-title", Static).update(
            f"Rendering {layout_label(layout)}… · Esc closes"
        )
        run_job(self, "preview-layout", lambda job: (index, render(layout)), toast=False)

    def show(self, path: Path) -> None:
        self.path = path
        self.picture = self.picture_of(path)
        self.query_one("#picture", Static).update(self.picture)
        self.query_one("#preview-title", Static).update(self.title_line())
        self.query_one("#preview-path", Static).update(f"Full size: {path}")

    def on_work_done(self, message: WorkDone) -> None:
        if message.group != "preview-layout":
            return
        message.stop()
        self.busy = False
        index, path = message.result
        self.paths[index] = path
        if index == self.chosen:
            self.show(path)

    def on_work_failed(self, message: WorkFailed) -> None:
        if message.group != "preview-layout":
            return
        message.stop()
        self.busy = False
        self.query_one("#preview-title", Static).update(
            f"{layout_label(self.layouts[self.chosen])}: {message.message} · Esc closes"
        )
