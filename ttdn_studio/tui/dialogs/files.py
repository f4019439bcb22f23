"""Dialogs that take files into the project: a clip's video (Alt+Shift+V) and an import
(Alt+I, on the episode screen and on the projects screen).

Both complete paths as they are typed (:class:`PathInput`) and do their work in a
worker; an error (a broken video, a malformed subtitle file) is shown in the
dialog, which stays open with everything typed, and the project is unchanged.
They return the sentence saying what was done, or ``None`` when cancelled.
:func:`import_request` does what the import dialog asks (for both screens).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ttdn_studio.models import Status
from ttdn_studio.tui import keys
from ttdn_studio.tui.jobs import Job, run_job
from ttdn_studio.tui.messages import WorkDone, WorkFailed
from ttdn_studio.tui.widgets.path_input import VIDEO_EXTENSIONS, PathInput

if TYPE_CHECKING:
    from ttdn_studio.store import ProjectStore

NEW_CLIP = "\x00new"  # the clip choice "a new clip" (no clip can be named so)


def dialog_css(name: str) -> str:
    """The dialogs' look, for the class ``name``: each dialog carries its own rules (rules
    given once on their shared base class reached only the first dialog shown)."""
    return f"""
    {name} {{ align: center middle; }}
    {name} .dialog {{
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }}
    {name} .title {{ text-style: bold; }}
    {name} .field {{ color: $text-muted; }}
    {name} .error {{ color: $error; height: auto; }}
    {name} .buttons {{ height: auto; align-horizontal: right; }}
    {name} Button {{ margin-left: 2; }}
    {name} .row {{ height: auto; }}
    {name} .row > Vertical {{ height: auto; width: 1fr; }}
    """


class _FileDialog(ModalScreen[str | None]):
    """Runs its work in a worker; shows an error in place, or closes with the summary."""

    BINDINGS = keys.FILE_DIALOG
    GROUP = "file-dialog"

    def __init__(self) -> None:
        super().__init__()
        self.error = Static("", classes="error", markup=False)
        self.busy = False

    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)

    def action_submit(self) -> None:
        if self.busy:
            return
        try:
            work = self.prepare()
        except ValueError as exc:
            self.error.update(str(exc))
            return
        self.busy = True
        self.error.update("Working…")
        run_job(self, self.GROUP, work, summary=lambda s: s, toast=False)

    def prepare(self) -> Callable[[Job], str]:
        """The work for what is typed, or ``ValueError`` saying what is missing."""
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "go":
            self.action_submit()
        else:
            self.action_cancel()

    def on_work_done(self, message: WorkDone) -> None:
        if message.group == self.GROUP:
            message.stop()
            self.busy = False
            self.dismiss(message.summary)

    def on_work_failed(self, message: WorkFailed) -> None:
        if message.group == self.GROUP:
            message.stop()
            self.busy = False
            self.error.update(f"{message.message}\nNothing was changed.")

    def buttons(self, go: str) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button("Cancel", id="cancel")
            yield Button(go, id="go", variant="primary")


class AttachVideoDialog(_FileDialog):
    """The path of a clip's new video; ``attach(path)`` (in a worker) stores it."""

    DEFAULT_CSS = dialog_css("AttachVideoDialog")
    GROUP = "attach-video"

    def __init__(
        self, clip: str, current: str | None, attach: Callable[[Path], str], *, start: str = ""
    ) -> None:
        super().__init__()
        self.clip, self.current, self.attach = clip, current, attach
        self.path = PathInput(
            VIDEO_EXTENSIONS, value=start, placeholder="/path/to/video.mp4", input_id="video-path"
        )

    def compose(self) -> ComposeResult:
        now = f"now: {self.current}" if self.current else "this clip has no video yet"
        with Vertical(classes="dialog"):
            yield Label(f"Video of {self.clip}", classes="title")
            yield Static(
                f"{now}. Path of the video (Right arrow completes; Ctrl+S or Enter attaches):",
                classes="field",
                markup=False,
            )
            yield self.path
            yield self.error
            yield from self.buttons("Attach")

    def on_mount(self) -> None:
        self.path.input.focus()

    def prepare(self) -> Callable[[Job], str]:
        if not self.path.value:
            raise ValueError("Type the path of the video file.")
        path = Path(self.path.value).expanduser()
        attach = self.attach
        return lambda job: attach(path)


@dataclass(frozen=True)
class ImportRequest:
    """What the import dialog asks for (as ``ttdn import`` options)."""

    file: Path
    clip: str | None  # None: a new clip named after the file
    lang: str
    video: Path | None


class ImportDialog(_FileDialog):
    """A file to import, into which clip (or a new one), in which language, with a video."""

    DEFAULT_CSS = dialog_css("ImportDialog")
    GROUP = "import-file"

    def __init__(
        self,
        clips: list[str],
        clip: str | None,
        langs: list[str],
        lang: str,
        run: Callable[[ImportRequest], str],
        extensions: list[str],
        at_risk: Callable[[ImportRequest], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.run = run
        self.at_risk = at_risk  # what the import may replace, to ask about first (or None)
        options = [(name, name) for name in clips] + [("a new clip", NEW_CLIP)]
        self.clip_choice: Select[str] = Select(
            options, value=clip if clip in clips else NEW_CLIP, allow_blank=False, id="clip"
        )
        self.new_name = Input(placeholder="new clip's name (default: the file's)", id="new-clip")
        self.lang_choice: Select[str] = Select(
            [(code, code) for code in langs], value=lang, allow_blank=False, id="lang"
        )
        self.file = PathInput(extensions, placeholder="subtitles or script", input_id="file")
        self.video = PathInput(
            VIDEO_EXTENSIONS, placeholder="optional: the clip's video", input_id="video"
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Import a file", classes="title")
            yield Static(
                "File (SRT, ASS, VTT, TTML, TXT, DOCX…; Right arrow completes):",
                classes="field",
                markup=False,
            )
            yield self.file
            with Horizontal(classes="row"):
                with Vertical():
                    yield Static("Into clip:", classes="field")
                    yield self.clip_choice
                with Vertical():
                    yield Static("Language of the file:", classes="field")
                    yield self.lang_choice
            yield self.new_name
            yield Static("Video of the clip (optional, checked with ffprobe):", classes="field")
            yield self.video
            yield self.error
            yield from self.buttons("Import")

    def on_mount(self) -> None:
        self.show_new_name()
        self.file.input.focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.show_new_name()

    def show_new_name(self) -> None:
        self.new_name.display = self.clip_choice.value == NEW_CLIP

    def request(self) -> ImportRequest:
        if not self.file.value:
            raise ValueError("Type the path of the file to import.")
        clip: Any = self.clip_choice.value
        if clip == NEW_CLIP:
            clip = self.new_name.value.strip() or None
        video = Path(self.video.value).expanduser() if self.video.value else None
        return ImportRequest(
            Path(self.file.value).expanduser(), clip, str(self.lang_choice.value), video
        )

    def prepare(self) -> Callable[[Job], str]:
        request, run = self.request(), self.run
        return lambda job: run(request)

    def action_submit(self) -> None:
        """Import; when the file may replace translations people wrote, ask first."""
        if self.busy or self.at_risk is None:
            super().action_submit()
            return
        try:
            question = self.at_risk(self.request())
        except ValueError as exc:
            self.error.update(str(exc))
            return
        if question is None:
            super().action_submit()
            return
        from ttdn_studio.tui.dialogs.basic import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                super(ImportDialog, self).action_submit()

        self.app.push_screen(ConfirmDialog("Replace people's work?", question, "Import"), answered)


def human_work_at_risk(store: ProjectStore, request: ImportRequest) -> str | None:
    """The question to ask before importing ``request`` into a clip whose translations in
    that language include people's work (drafts, reviews, approvals), which the file's
    texts may replace; ``None`` when there is nothing of theirs to lose."""
    if request.clip is None or request.lang == store.project.source_lang:
        return None
    if request.clip not in {c.name for c in store.clips()}:
        return None
    from ttdn_studio.services.translating import is_human_work

    rows = store.cue_rows(request.clip, langs=[request.lang])
    found = [r.translations.get(request.lang) for r in rows]
    people = [tr for tr in found if tr is not None and is_human_work(tr)]
    if not people:
        return None
    approved = sum(1 for tr in people if tr.status == Status.APPROVED)
    of_them = f", {approved} of them approved" if approved else ""
    return (
        f"{request.clip} has {len(people)} {request.lang} translation(s) written by people"
        f"{of_them}. Importing {request.file.name} may replace them with the file's texts "
        "(Ctrl+Z undoes the whole import). Import anyway?"
    )


def import_request(project: Path, request: ImportRequest) -> tuple[str, str]:
    """Do what the import dialog asks in ``project`` (in a worker); returns the sentence
    saying what was done and the clip it went into."""
    from ttdn_studio.services.clip_video import check_video
    from ttdn_studio.services.importing import import_file
    from ttdn_studio.store import open_project

    if request.video is not None:
        check_video(request.video)  # a broken video: refused before anything changes
    with open_project(project) as store:
        if updates_script(store, request):
            assert request.clip is not None
            return update_script(store, request), request.clip
        report = import_file(
            store, request.file, clip=request.clip, lang=request.lang, video=request.video
        )
    done = (
        f"{report.created} cue(s)" if report.created else f"{report.attached} {report.lang} text(s)"
    )
    return f"Imported {request.file.name} into {report.clip}: {done}", report.clip


def updates_script(store: ProjectStore, request: ImportRequest) -> bool:
    """A script in the source language for a clip that has cues: an updated script."""
    if request.clip is None or request.lang != store.project.source_lang:
        return False
    if request.clip not in {c.name for c in store.clips()}:
        return False
    return bool(store.cue_rows(request.clip, langs=[]))


def update_script(store: ProjectStore, request: ImportRequest) -> str:
    """Re-import an updated script (as ``ttdn import --update``): cues matched by content
    and order, translations of changed cues marked outdated, one undoable edit."""
    from ttdn_studio.services.clip_video import attach_video
    from ttdn_studio.services.reimport import update_clip

    assert request.clip is not None
    report = update_clip(store, request.file, request.clip)
    if request.video is not None:
        attach_video(store, request.clip, request.video)
    return f"Updated {request.clip} from {request.file.name}: {report.summary}"
