"""Going from the episode to the other desks: QC, render, glossary, projects, preview."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.binding import Binding

from ttdn_studio.errors import TtdnError
from ttdn_studio.models import Status
from ttdn_studio.tui.backend import service
from ttdn_studio.tui.messages import WorkDone, WorkFailed
from ttdn_studio.tui.screens.episode_base import EpisodeBase


class ToolsMixin(EpisodeBase):
    BINDINGS = [
        Binding(
            "f6",
            "open_qc",
            "QC",
            priority=True,
            id="episode.qc",
            tooltip="Quality checks of the project: findings by check, jump, safe fixes",
        ),
        Binding(
            "ctrl+r",
            "open_render",
            "Render",
            show=False,
            id="episode.render",
            tooltip="Burn subtitles into clips: choose clips, languages, layout, preset",
        ),
        Binding(
            "f9",
            "open_glossary",
            "Glossary",
            show=False,
            id="episode.glossary",
            tooltip="Browse, search, add and edit glossary terms",
        ),
        Binding(
            "ctrl+o",
            "open_projects",
            "Projects",
            show=False,
            id="episode.projects",
            tooltip="The projects folder: open, create, import",
        ),
        Binding(
            "alt+v",
            "preview",
            "Preview",
            show=False,
            id="episode.preview",
            tooltip="Render a preview frame of this cue with its subtitles",
        ),
        Binding(
            "alt+i",
            "import_file",
            "Import",
            show=False,
            id="episode.import",
            tooltip="Import a subtitle or script file into this clip",
        ),
    ]

    def action_open_qc(self) -> None:
        from ttdn_studio.tui.screens.qc import QcScreen

        self.editor.flush()
        self.app.push_screen(QcScreen(self.store, self.lang, self.clip_name), self.after_qc)

    def action_open_render(self) -> None:
        from ttdn_studio.tui.screens.render import RenderScreen

        self.editor.flush()
        self.app.push_screen(RenderScreen(self.store, self.clip_name))

    def action_open_glossary(self) -> None:
        from ttdn_studio.tui.screens.glossary import GlossaryScreen

        self.editor.flush()
        self.app.push_screen(GlossaryScreen(self.store.path))

    def action_open_projects(self) -> None:
        from ttdn_studio.tui.screens.projects import ProjectsScreen

        self.editor.flush()
        self.app.push_screen(ProjectsScreen())

    # --------------------------------------------------------------- preview
    def action_preview(self) -> None:
        row = self.current_row()
        if row is None or self.clip_name is None:
            return
        from ttdn_studio.naming import path_in
        from ttdn_studio.services.rendering import clip_stems

        stem = clip_stems(self.store).get(self.clip_name, "clip")
        out = path_in(self.store.folder("renders"), f"preview-{stem}-{row.index}.png")
        self.notify("Rendering a preview frame…", timeout=2)
        self.preview_title = f"{self.clip_name} #{row.index} · {self.lang}"
        self.run_preview(self.clip_name, [self.lang], (row.cue.start_ms + row.cue.end_ms) // 2, out)

    preview_title = ""

    def show_preview(self, path: Path) -> None:
        from ttdn_studio.tui.screens.preview import PreviewScreen

        self.app.push_screen(PreviewScreen(path, self.preview_title or path.name))

    @work(thread=True, exclusive=True, group="preview")
    def run_preview(self, clip: str, langs: list[str], at_ms: int, out: Path) -> None:
        from ttdn_studio.store import open_project

        try:
            preview = service("ttdn_studio.services.rendering", "preview_frame")
            with open_project(self.store.path) as store:
                # the translator checks the layout of the text as it stands, drafts too
                path = preview(store, clip, langs, at_ms, out, min_status=Status.MT)
        except TtdnError as exc:
            self.post_message(WorkFailed("preview", exc.title, str(exc)))
            return
        self.post_message(WorkDone("preview", f"Preview saved: {path}", path))

    # ---------------------------------------------------------------- import
    def action_import_file(self) -> None:
        from ttdn_studio.tui.dialogs import InputDialog

        def done(value: str | None) -> None:
            if value:
                self.run_import(Path(value.strip()).expanduser())

        self.app.push_screen(
            InputDialog(
                "Import into " + (self.clip_name or "a new clip"),
                "Path of an SRT, ASS, VTT, TXT or DOCX file:",
            ),
            done,
        )

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, path: Path) -> None:
        from ttdn_studio.store import open_project

        try:
            import_file = service("ttdn_studio.services.importing", "import_file")
            with open_project(self.store.path) as store:
                report = import_file(store, path, clip=self.clip_name)
        except TtdnError as exc:
            self.post_message(WorkFailed("import", exc.title, str(exc)))
            return
        self.post_message(
            WorkDone(
                "import",
                f"Imported {path.name}: {report.created} cue(s) into {report.clip}",
                report,
            )
        )
