"""The projects screen: every project in the projects folder, its progress, the year's report.

Per project it also shows what waits for me (cues to translate or approve, clips to
clear, in the clips and languages assigned to me) and, for the selected project, each
person's progress; "mine" (Alt+Shift+M) keeps only the projects with work assigned to me.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ttdn_studio import locations
from ttdn_studio.errors import TtdnError
from ttdn_studio.tui import keys
from ttdn_studio.tui.format import clip_text, common_title_part, distinct_title
from ttdn_studio.tui.jobs import Job, run_job
from ttdn_studio.tui.messages import WorkDone


@dataclass
class ProjectInfo:
    path: Path
    title: str
    clips: int
    languages: str
    progress: str  # "en 40% · km 5%"
    cues: int
    waiting: str = ""  # what waits for me, in short: "3 tr · 2 ap · 1 clr"
    mine: bool = False  # a clip of it is assigned to me
    detail: list[str] = field(default_factory=list)  # what waits for me, each person's progress
    my_detail: list[str] = field(default_factory=list)  # the same, my clips only
    assigned: bool = False  # some clip of it is assigned to someone


def today() -> date:
    """The day the report panel counts up to, in the station's time zone (a function so a
    test can fix the date)."""
    from datetime import datetime

    from ttdn_studio.models.station import load_station

    try:
        return datetime.now(load_station().zone).date()
    except TtdnError:  # a broken station.toml: the report panel says why
        return date.today()


def project_dirs(root: Path) -> list[Path]:
    """Project folders under ``root``, the demo first."""
    from ttdn_studio.store import is_project_dir

    if not root.is_dir():
        return []
    found = sorted((p for p in root.iterdir() if is_project_dir(p)), key=lambda p: p.name)
    return sorted(found, key=lambda p: p.name != locations.DEMO_SLUG)


def describe(path: Path) -> ProjectInfo:
    """Title, clips and the share of approved cues per target language."""
    from ttdn_studio.models import Status
    from ttdn_studio.store import open_project
    from ttdn_studio.tui.mine import mine_of

    with open_project(path) as store:
        project = store.project
        rows = store.cue_rows()
        parts = []
        for lang in project.target_langs:
            done = sum(1 for r in rows if r.status(lang) == Status.APPROVED)
            parts.append(f"{lang} {100 * done // len(rows) if rows else 0}%")
        mine = mine_of(store)
        return ProjectInfo(
            path,
            project.title,
            len(store.clips()),
            " ".join(project.languages),
            " · ".join(parts),
            len(rows),
            mine.waiting,
            mine.mine,
            mine.detail,
            mine.my_detail,
            mine.assigned,
        )


class ProjectsScreen(Screen[None]):
    BINDINGS = keys.PROJECTS
    DEFAULT_CSS = """
    ProjectsScreen #p-body { height: 1fr; }
    ProjectsScreen #p-left { width: 1fr; }
    ProjectsScreen #p-table { height: 1fr; }
    ProjectsScreen #p-detail { height: auto; max-height: 7; display: none; }
    ProjectsScreen.-assigned #p-detail { display: block; }
    ProjectsScreen #report { width: 44; height: 1fr; }
    ProjectsScreen.-narrow #report { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.root = locations.projects_dir()
        self.infos: list[ProjectInfo] = []
        self.only_mine = False
        self.shown: list[ProjectInfo] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Projects in {self.root}", classes="screen-title", markup=False)
        with Horizontal(id="p-body"):
            with Vertical(id="p-left"):
                yield DataTable(id="p-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="p-detail", classes="panel", markup=False)
            yield Static("Reading the report…", id="report", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Projects"
        self.set_class(self.app.size.width < 110, "-narrow")
        self.query_one("#report").border_title = f"Report {today().year}"
        self.query_one("#p-detail").border_title = "Mine and progress"
        self.action_refresh()
        self.query_one("#p-table", DataTable).focus()

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < 110, "-narrow")
        if self.infos:
            self.fill()

    def action_refresh(self) -> None:
        self.load_projects()
        self.load_report()

    def load_projects(self) -> None:
        root = self.root

        def list_projects(job: Job) -> list[ProjectInfo]:
            infos = []
            for path in project_dirs(root):
                try:
                    infos.append(describe(path))
                except TtdnError as exc:  # listed, so nobody wonders where the episode went
                    infos.append(
                        ProjectInfo(path, f"⚠ cannot be opened: {exc.message}", 0, "", "", 0)
                    )
            return infos

        run_job(self, "projects", list_projects)

    def load_report(self) -> None:
        root, day = self.root, today()

        def report(job: Job) -> list[str]:
            from ttdn_studio.report import build_report, summary_lines

            try:
                return list(summary_lines(build_report(root, date(day.year, 1, 1), day)))
            except TtdnError as exc:  # the report's place says why it is missing
                return [exc.message]

        run_job(self, "report", report)

    def on_work_done(self, message: WorkDone) -> None:
        if message.group == "report":
            self.query_one("#report", Static).update("\n".join(message.result))
        elif message.group == "projects":
            self.infos = message.result
            self.fill()
        else:
            self.notify(message.summary, timeout=5)
            self.action_refresh()

    def column_widths(self) -> dict[str, int]:
        """Every column on screen: the title gets what the others leave (at least 16
        cells, the folder giving up space first), cut with an ellipsis."""
        infos = self.infos
        widths = {
            "clips": 5,
            "languages": max([9, *(len(i.languages) for i in infos)]),
            "approved": max([8, *(len(i.progress) for i in infos)]),
            "cues": 5,
        }
        title_min = 16
        if self.has_class("-assigned"):  # what waits for me, when work is assigned at all
            widths["for me"] = max([6, *(len(i.waiting) for i in infos)])
            title_min = 12
        report = 0 if self.has_class("-narrow") else 44
        room = self.app.size.width - report - 2 * (len(widths) + 2) - 2  # cell padding, scrollbar
        left = room - sum(widths.values())
        folder = min(22, max([6, *(len(i.path.name) for i in infos)]))
        widths["folder"] = max(10, min(folder, left - title_min))
        widths["title"] = max(title_min, left - widths["folder"])
        return widths

    def fill(self) -> None:
        table = self.query_one("#p-table", DataTable)
        keep = table.cursor_row if table.row_count else 0
        self.set_class(self.only_mine or any(i.assigned for i in self.infos), "-assigned")
        widths = self.column_widths()
        table.clear(columns=True)
        for name in ("folder", "title", "clips", "languages", "approved", "cues", "for me"):
            if name in widths:
                table.add_column(name, key=name, width=widths[name])
        self.shown = [i for i in self.infos if i.mine] if self.only_mine else list(self.infos)
        common = common_title_part([info.title for info in self.shown])
        for i, info in enumerate(self.shown):
            table.add_row(
                Text(clip_text(info.path.name, widths["folder"])),
                Text(distinct_title(info.title, common, widths["title"])),
                str(info.clips),
                info.languages,
                info.progress,
                str(info.cues),
                *([info.waiting or "—"] if "for me" in widths else []),
                key=str(i),
            )
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        self.show_detail()
        if not self.infos:
            self.notify("No projects yet: Ctrl+N creates one", timeout=5)
        elif not self.shown:
            self.notify("Nothing is assigned to you: Alt+Shift+M shows every project", timeout=5)

    def show_detail(self) -> None:
        """What waits for me in the selected project, and each person's progress."""
        info = self.selected()
        detail = self.query_one("#p-detail", Static)
        mine = " (mine only)" if self.only_mine else ""
        detail.border_title = f"Mine and progress{mine}"
        if info is None:
            detail.update("Nothing assigned to me." if self.only_mine else "")
            return
        detail.update("\n".join(info.my_detail if self.only_mine else info.detail))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def action_toggle_mine(self) -> None:
        self.only_mine = not self.only_mine
        self.fill()

    def action_people(self) -> None:
        """Roles and assignments of the selected project (a chief editor sets roles)."""
        from ttdn_studio.store import open_project
        from ttdn_studio.tui.dialogs.people import PeopleDialog

        info = self.selected()
        if info is None:
            return
        try:
            store = open_project(info.path)
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return

        def done(changed: bool | None) -> None:
            store.close()
            if changed:
                self.load_projects()

        self.app.push_screen(PeopleDialog(store), done)

    def selected(self) -> ProjectInfo | None:
        table = self.query_one("#p-table", DataTable)
        if not table.row_count or not self.shown:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        info = self.selected()
        if info is not None:
            self.app.open_project(info.path)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc (back to the open project) is offered only when a project is open behind:
        the desk started on the projects screen (``ttdn tui``) has none."""
        if action == "back":
            return len(self.app.screen_stack) > 2
        return True

    def action_models(self) -> None:
        """The translation models: what is installed, install a package file, remove one."""
        from ttdn_studio.tui.screens.models import ModelsScreen

        self.app.push_screen(ModelsScreen())

    def action_new(self) -> None:
        from ttdn_studio.tui.dialogs.new_project import NewProjectDialog, NewProjectSpec

        def done(spec: NewProjectSpec | None) -> None:
            if spec is not None:
                self.notify(f"Created {spec.folder}", timeout=3)
                self.load_projects()

        self.app.push_screen(NewProjectDialog(self.refusal_to_create), done)

    def refusal_to_create(self, spec: object) -> str | None:
        """Create the project of ``spec``; why not, if it cannot be (nothing is created)."""
        from pydantic import ValidationError as PydanticError

        from ttdn_studio.models import Project
        from ttdn_studio.store import create_project

        folder: str = spec.folder  # type: ignore[attr-defined]
        if folder in {".", ".."} or any(sep in folder for sep in "/\\"):
            return f"the folder is a name, not a path: the project is made in {self.root}"
        try:
            project = Project(title=spec.title, target_langs=spec.targets)  # type: ignore[attr-defined]
            create_project(self.root / folder, project).close()
        except PydanticError as exc:
            return "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
        except TtdnError as exc:
            return exc.in_desk()
        return None

    def create(self, spec: object) -> None:
        """Create the project of ``spec`` (no dialog): a refusal is a notification."""
        refused = self.refusal_to_create(spec)
        if refused is not None:
            self.notify(refused, title="Project", severity="error")
            return
        self.notify(f"Created {spec.folder}", timeout=3)  # type: ignore[attr-defined]
        self.load_projects()

    def action_import_file(self) -> None:
        """The episode screen's import dialog for the selected project: the file (with path
        completion), into a new clip (by default) or one of its clips, in any language."""
        from ttdn_studio.services.importing import supported_extensions
        from ttdn_studio.store import open_project
        from ttdn_studio.tui.dialogs.files import (
            ImportDialog,
            ImportRequest,
            human_work_at_risk,
            import_request,
        )

        info = self.selected()
        if info is None:
            return
        project = info.path
        try:
            with open_project(project) as store:
                clips = [c.name for c in store.clips()]
                langs = [store.project.source_lang, *store.project.target_langs]
        except TtdnError as exc:
            self.notify(exc.in_desk(), title=exc.title, severity="error", timeout=8)
            return

        def run(request: ImportRequest) -> str:
            return import_request(project, request)[0]

        def done(summary: str | None) -> None:
            if summary:
                self.notify(summary, timeout=5)
                self.action_refresh()

        def at_risk(request: ImportRequest) -> str | None:
            try:
                with open_project(project) as store:
                    return human_work_at_risk(store, request)
            except TtdnError:  # the import itself says what is wrong with the project
                return None

        dialog = ImportDialog(
            clips, None, langs, langs[0], run, supported_extensions(), at_risk=at_risk
        )
        self.app.push_screen(dialog, done)

    def action_station(self) -> None:
        from ttdn_studio.models.station import FILE_NAME, find_station_file, load_station
        from ttdn_studio.tui.dialogs.station import StationDialog

        try:
            profile = load_station(self.root)
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return
        path = find_station_file(self.root) or self.root / FILE_NAME

        def done(result: object) -> None:
            if result is not None:
                self.save_station(path, result)

        self.app.push_screen(StationDialog(profile, f"Saved to {path}"), done)

    def save_station(self, path: Path, profile: object) -> None:
        from ttdn_studio.models.station import StationProfile, write_station_file

        assert isinstance(profile, StationProfile)
        try:
            write_station_file(path, profile)
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            return
        self.notify(f"Station profile saved to {path}", timeout=3)
        self.load_report()
