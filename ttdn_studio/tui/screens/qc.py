"""The QC screen: the project's findings by check, jump to a cue, apply safe fixes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.data_table import ColumnKey
from textual.widgets.option_list import Option

from ttdn_studio.store import ProjectStore
from ttdn_studio.tui import keys
from ttdn_studio.tui.format import clip_text, desk_words
from ttdn_studio.tui.jobs import Job, run_job
from ttdn_studio.tui.messages import WorkDone, WorkFailed

ALL = "*"


@dataclass
class QcOutcome:
    findings: list[Any] = field(default_factory=list)
    jump: tuple[str, int, str] | None = None  # clip, cue id, language
    changed: bool = False


class QcScreen(Screen[QcOutcome]):
    BINDINGS = keys.QC
    DEFAULT_CSS = """
    QcScreen #qc-body { height: 1fr; }
    QcScreen #checks { width: 34; height: 1fr; }
    QcScreen #qc-right { width: 1fr; }
    QcScreen #findings { height: 1fr; }
    QcScreen #qc-detail { height: auto; max-height: 6; }
    QcScreen.-narrow #checks { width: 22; }
    """

    def __init__(self, store: ProjectStore, lang: str, clip: str | None) -> None:
        super().__init__()
        self.store, self.lang, self.clip = store, lang, clip
        self.outcome = QcOutcome()
        self.check_filter = ALL

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Running the checks…", id="qc-summary", classes="screen-title")
        with Horizontal(id="qc-body"):
            yield OptionList(id="checks", classes="panel")
            with Vertical(id="qc-right"):
                yield DataTable(id="findings", cursor_type="row", zebra_stripes=True)
                yield Static("", id="qc-detail", classes="panel", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Quality checks"
        self.set_class(self.app.size.width < 100, "-narrow")
        self.query_one("#checks").border_title = "Checks"
        table = self.query_one("#findings", DataTable)
        for label, width in (("clip", 10), ("#", 5), ("lang", 4), ("sev", 7), ("message", None)):
            table.add_column(label, key=label, width=width)
        table.focus()
        self.action_rerun()

    # ---------------------------------------------------------------- running
    def action_rerun(self) -> None:
        self.query_one("#qc-summary", Static).update("Running the checks…")
        self.run_checks()

    def run_checks(self) -> None:
        path = self.store.path

        def check(job: Job) -> list[Any]:
            from ttdn_studio.qc import run_qc
            from ttdn_studio.store import open_project

            with open_project(path) as store:
                return [f for lang in store.project.target_langs for f in run_qc(store, lang)]

        run_job(self, "qc", check, summary=lambda findings: f"{len(findings)} finding(s)")

    def on_work_done(self, message: WorkDone) -> None:
        if message.group == "fix":
            self.outcome.changed = True
            self.notify(message.summary, title="Safe fixes", timeout=6)
            self.action_rerun()
            return
        self.outcome.findings = list(message.result or [])
        self.show_findings()

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#qc-summary", Static).update(message.message)

    # ---------------------------------------------------------------- showing
    def show_findings(self) -> None:
        findings = self.outcome.findings
        counts = Counter(str(f.check) for f in findings)
        errors = sum(1 for f in findings if str(f.severity) == "error")
        self.query_one("#qc-summary", Static).update(
            f"{len(findings)} finding(s), {errors} error(s) · Enter: go to cue · x: safe fixes"
        )
        checks = self.query_one("#checks", OptionList)
        checks.clear_options()
        checks.add_option(Option(f"all checks ({len(findings)})", id=ALL))
        for name, n in counts.most_common():
            checks.add_option(Option(f"{name} ({n})", id=name))
        self.fill_table()

    def fill_table(self) -> None:
        table = self.query_one("#findings", DataTable)
        table.clear()
        self.query_one("#qc-detail", Static).update("")
        width = max(20, self.app.size.width - (58 if self.has_class("-narrow") else 70))
        # the message column is as wide as the text is cut, whenever the rows arrive
        # (measuring cells as they come made its width depend on timing)
        message = table.columns[ColumnKey("message")]
        message.width, message.auto_width = width, False
        for i, f in enumerate(self.outcome.findings):
            if self.check_filter in (ALL, str(f.check)):
                sev = str(f.severity)
                table.add_row(
                    Text(clip_text(str(f.clip), 10)),
                    str(f.index),
                    f.lang,
                    f"[red]{sev}[/]" if sev == "error" else sev,
                    Text(clip_text(f"{f.check}: {desk_words(f.message)}", width)),
                    key=str(i),
                )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole finding under the cursor (the table cuts long messages)."""
        key = event.row_key.value if event.row_key else None
        detail = self.query_one("#qc-detail", Static)
        if key is None:
            detail.update("")
            return
        f = self.outcome.findings[int(key)]
        detail.update(f"{f.clip} #{f.index} {f.lang} · {f.check}: {desk_words(f.message)}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.check_filter = event.option.id or ALL
        self.fill_table()
        self.query_one("#findings").focus()

    # ---------------------------------------------------------------- actions
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_jump()

    def action_jump(self) -> None:
        table = self.query_one("#findings", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        f = self.outcome.findings[int(key or 0)]
        self.outcome.jump = (str(f.clip), int(f.cue_id), str(f.lang))
        self.dismiss(self.outcome)

    def action_back(self) -> None:
        self.dismiss(self.outcome)

    def action_fix(self) -> None:
        from ttdn_studio.tui.dialogs import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self.run_fixes()

        self.app.push_screen(
            ConfirmDialog(
                "Apply safe fixes?",
                "Fixes only what is safe to change automatically (spacing, line breaks, gaps…) in every "
                "target language. Each fix can be undone with Ctrl+Z in the episode.",
                yes="Apply",
            ),
            answer,
        )

    def run_fixes(self) -> None:
        path = self.store.path

        def fix(job: Job) -> list[Any]:
            from ttdn_studio.qc import apply_fixes
            from ttdn_studio.services.editorial import may_change
            from ttdn_studio.store import open_project

            with open_project(path) as store:
                allowed = may_change(store)
                langs = store.project.target_langs
                return [apply_fixes(store, lang, may_change=allowed) for lang in langs]

        run_job(
            self,
            "fix",
            fix,
            summary=fix_summary,
        )


def fix_summary(reports: list[Any]) -> str:
    """``en: 3 fix(es)``, and the approved texts left to an editor."""
    said = "; ".join(f"{r.lang}: {r.total} fix(es)" for r in reports)
    left = sum(r.not_yours for r in reports)
    if left:
        said += f"; {left} approved text(s) left as they are (an editor's to change)"
    return said
