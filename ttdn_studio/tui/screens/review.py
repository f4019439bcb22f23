"""The review view: cue translations changed since their last approval (or since a date),
the text before and now side by side with the changed words marked; approve from here.

Moving through the list moves the episode desk to the cue, so Esc lands on the cue
last looked at. Approving needs an editor's role once the project has roles
(``services.editorial.require``); a refusal is shown and nothing changes.

``e`` writes the listed cues as a review sheet (CSV or DOCX, as ``ttdn review --export``)
into the project's ``exports`` folder and says the path in the title line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from ttdn_studio.errors import TtdnError
from ttdn_studio.layout.khmer import has_khmer
from ttdn_studio.models import Status
from ttdn_studio.tui import keys
from ttdn_studio.tui.format import KhmerWrapped, changes_text, clip_text, one_line, station_profile

if TYPE_CHECKING:
    from ttdn_studio.services.reviewing import Changed
    from ttdn_studio.store import ProjectStore

Jump = Callable[[str, int, str], None]  # clip, cue id, language
REVIEW_COLUMNS = (("clip", 10), ("#", 5), ("lang", 4), ("status", 9), ("by", 10))
APPROVE_ERRORS_SHOWN = 8


def since_stamp(value: str, project: Path | None = None) -> str:
    """A date or time typed on the station's clock (a date: its midnight there) as the
    stored (UTC) form; ``project``: the station of this project folder."""
    return station_profile(project).stored_time(value)


class ReviewScreen(Screen[bool]):
    """Returns whether anything was approved (the desk re-reads its cues)."""

    BINDINGS = keys.REVIEW
    DEFAULT_CSS = """
    ReviewScreen #review-since { height: 3; padding: 0 1; }
    ReviewScreen #review-since Label { padding: 1 1 0 0; }
    ReviewScreen #since { width: 1fr; }
    ReviewScreen #changes { height: 1fr; }
    ReviewScreen #review-source { height: auto; max-height: 2; padding: 0 1; }
    ReviewScreen #sides { height: auto; max-height: 9; }
    ReviewScreen #old, ReviewScreen #new { width: 1fr; height: auto; min-height: 3; }
    """

    def __init__(self, store: ProjectStore, langs: list[str], jump: Jump | None = None) -> None:
        super().__init__()
        self.store, self.langs, self.jump = store, langs, jump
        self.since: str | None = None  # None: since each cue's last approval
        self.items: list[Changed] = []
        self.approved = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="review-summary", classes="screen-title")
        with Horizontal(id="review-since"):
            yield Label("Since")
            yield Input(
                placeholder="each cue's last approval; or type a date (2026-06-30) and Enter",
                id="since",
            )
        yield DataTable(id="changes", cursor_type="row", zebra_stripes=True)
        yield Static("", id="review-source", markup=False)
        with Horizontal(id="sides"):
            yield Static("", id="old", classes="panel")
            yield Static("", id="new", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Review what changed"
        table = self.query_one("#changes", DataTable)
        for label, width in REVIEW_COLUMNS:
            table.add_column(label, key=label, width=width)
        table.add_column("changes", key="changes", width=self.changes_width())
        self.query_one("#old", Static).border_title = "Before"
        self.query_one("#new", Static).border_title = "Now"
        self.load()
        if self.items:
            table.focus()
        else:  # nothing to act on: what is typed goes to the date the field asks for
            self.query_one("#since", Input).focus()

    def changes_width(self) -> int:
        fixed = sum(w for _, w in REVIEW_COLUMNS) + 2 * (len(REVIEW_COLUMNS) + 1) + 2
        return max(16, self.app.size.width - fixed)

    # ---------------------------------------------------------------- the list
    def load(self, keep: tuple[int, str] | None = None) -> None:
        from ttdn_studio.services.reviewing import review

        try:
            self.items = review(
                self.store, since=self.since, since_approval=self.since is None, langs=self.langs
            )
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
            self.items = []
        table = self.query_one("#changes", DataTable)
        table.clear()
        width = self.changes_width()
        for i, c in enumerate(self.items):
            marked = changes_text(c.marked)
            marked.truncate(width, overflow="ellipsis")
            table.add_row(
                clip_text(c.clip, 10), str(c.index), c.lang, c.status, c.by, marked, key=str(i)
            )
        self.show_summary()
        where = next((i for i, c in enumerate(self.items) if keep == (c.cue_id, c.lang)), None)
        if where is not None:
            table.move_cursor(row=where)
        self.show_sides()

    since_label = ""
    sheet_note = ""  # the review sheet last written, said in the title line

    def show_summary(self) -> None:
        reference = "each cue's last approval" if self.since is None else self.since_label
        ending = self.sheet_note or "F8 approves this cue · F10 approves them all · e review sheet"
        self.query_one("#review-summary", Static).update(
            f"{len(self.items)} cue(s) changed since {reference} · {ending} · Esc back"
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.since, self.since_label = None, ""
        else:
            try:
                self.since = since_stamp(value, self.store.path)
            except TtdnError as exc:
                self.notify(str(exc), title=exc.title, severity="warning", timeout=6)
                return
            self.since_label = value
        self.load()
        self.query_one("#changes", DataTable).focus()

    def current(self) -> Changed | None:
        table = self.query_one("#changes", DataTable)
        if not table.row_count or not 0 <= table.cursor_row < len(self.items):
            return None
        return self.items[table.cursor_row]

    def show_sides(self) -> None:
        item = self.current()
        old, new = self.query_one("#old", Static), self.query_one("#new", Static)
        source = self.query_one("#review-source", Static)
        if item is None:
            old.update("")
            new.update(Text("Nothing to review", style="dim"))
            source.update("")
            return
        text = self.store.cue(item.cue_id).text
        source.update(f"{self.store.project.source_lang}: {one_line(text)}")
        for side, show in ((old, "old"), (new, "new")):
            marked = changes_text(item.marked, show=show)
            side.update(KhmerWrapped(marked) if has_khmer(marked.plain) else marked)
        old.border_title = "Before"
        new.border_title = f"Now ({item.status}, {item.by})"

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_sides()
        item = self.current()
        if item is not None and self.jump is not None:
            self.jump(item.clip, item.cue_id, item.lang)

    # ---------------------------------------------------------------- approving
    def action_approve(self) -> None:
        item = self.current()
        if item is not None:
            self.approve([item], ask=True)

    def action_approve_all(self) -> None:
        from ttdn_studio.tui.dialogs import ConfirmDialog

        if not self.items:
            return
        items = list(self.items)

        def answered(yes: bool | None) -> None:
            if yes:
                self.approve(items, ask=False)

        body = "Each listed translation is approved as it is now."
        errors = self.qc_errors(items)
        if errors:
            shown = errors[:APPROVE_ERRORS_SHOWN]
            more = f"\n… and {len(errors) - len(shown)} more" if len(errors) > len(shown) else ""
            body += f" {len(errors)} QC error(s) among them:\n" + "\n".join(shown) + more
        self.app.push_screen(
            ConfirmDialog(f"Approve all {len(items)} listed cue(s)?", body, yes="Approve them all"),
            answered,
        )

    def approve(self, items: list[Changed], *, ask: bool) -> None:
        """Approve ``items`` (one edit per language); over QC errors only after a yes."""
        from ttdn_studio.services.editorial import require

        try:
            require(self.store, "approve")
        except TtdnError as exc:
            self.notify(f"{exc}; nothing was approved", title=exc.title, severity="error")
            return
        errors = self.qc_errors(items) if ask else []
        if errors:
            from ttdn_studio.tui.dialogs import ConfirmDialog

            shown = errors[:APPROVE_ERRORS_SHOWN]
            more = f"\n… and {len(errors) - len(shown)} more" if len(errors) > len(shown) else ""

            def answered(yes: bool | None) -> None:
                if yes:
                    self.approve(items, ask=False)

            self.app.push_screen(
                ConfirmDialog(
                    f"Approve with {len(errors)} QC error(s)?",
                    "\n".join(shown) + more,
                    yes="Approve anyway",
                ),
                answered,
            )
            return
        from ttdn_studio.services.workflow import set_status

        by_lang: dict[str, list[int]] = {}
        for c in items:
            by_lang.setdefault(c.lang, []).append(c.cue_id)
        changed = 0
        try:
            for lang, ids in by_lang.items():
                changed += set_status(
                    self.store,
                    ids,
                    lang,
                    Status.APPROVED,
                    on_note=lambda msg: self.notify(msg, severity="warning", timeout=10),
                )
        except TtdnError as exc:
            self.notify(str(exc), title=exc.title, severity="error", timeout=8)
        if changed:
            self.approved = True
            self.notify(f"{changed} cue(s) approved", timeout=3)
        keep = (items[0].cue_id, items[0].lang) if len(items) == 1 else None
        self.load(keep=keep)

    def qc_errors(self, items: list[Changed]) -> list[str]:
        from ttdn_studio.qc import run_qc

        out: list[str] = []
        wanted: dict[tuple[str, str], set[int]] = {}
        for c in items:
            wanted.setdefault((c.clip, c.lang), set()).add(c.cue_id)
        for (clip, lang), ids in wanted.items():
            try:
                findings = run_qc(self.store, lang, clip=clip)
            except TtdnError:
                continue
            out += [
                f"{clip} #{f.index} ({lang}) {f.check}: {f.message}"
                for f in findings
                if f.severity == "error" and f.cue_id in ids
            ]
        return out

    # ---------------------------------------------------------------- the sheet
    def action_export_sheet(self) -> None:
        """Write the listed cues as a review sheet (asks CSV or DOCX) into ``exports``."""
        from ttdn_studio.tui.dialogs import ChoiceDialog

        if not self.items:
            self.notify("No changed cue listed: nothing to put in a review sheet", timeout=4)
            return

        def chosen(suffix: str | None) -> None:
            if suffix:
                self.export_sheet(suffix)

        self.app.push_screen(
            ChoiceDialog(
                f"Review sheet of {len(self.items)} cue(s)",
                [(".csv", "CSV (a spreadsheet)"), (".docx", "DOCX (Word, to print)")],
            ),
            chosen,
        )

    def export_sheet(self, suffix: str) -> Path | None:
        from ttdn_studio.services.reviewing import export_changes_sheet, sheet_path

        since = self.since_label if self.since is not None else "their last approval"
        try:
            path = sheet_path(self.store, suffix)
            count = export_changes_sheet(self.store, list(self.items), path, since=since)
        except (TtdnError, OSError) as exc:
            self.notify(f"No review sheet written: {exc}", severity="error", timeout=8)
            return None
        self.sheet_note = f"review sheet of {count} cue(s): {path}"
        self.show_summary()
        self.notify(f"Review sheet of {count} cue(s) written: {path}", timeout=8)
        return path

    def action_back(self) -> None:
        self.dismiss(self.approved)
