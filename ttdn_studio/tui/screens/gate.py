"""The gate panel: what keeps the open clip off air, per target language.

For the clip and each target language it lists the gate's findings (sensitive-term
findings, and QC errors when the project's gate setting says so) with the cue number
and its text, signed off or open. From here a chief editor signs a finding off (a
reason is required) and clears the clip for air once nothing is open; the title line
shows each language's air state. Refused acts (a translator signing off, clearing with
findings open) show the refusal in a dialog, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets.data_table import ColumnKey

from ttdn_studio.errors import TtdnError
from ttdn_studio.services.editorial import GateFinding
from ttdn_studio.store import ProjectStore
from ttdn_studio.tui import keys
from ttdn_studio.tui.format import clip_text, station_profile
from ttdn_studio.tui.jobs import Job, run_job
from ttdn_studio.tui.messages import WorkDone, WorkFailed


@dataclass
class LangGate:
    """One language of the clip at the gate."""

    lang: str
    findings: list[GateFinding] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)  # cue id -> translation
    cleared: tuple[str, str] | None = None  # (who, when)

    @property
    def open(self) -> list[GateFinding]:
        return [f for f in self.findings if f.is_open]

    def state(self, clock: Callable[[str], str]) -> str:
        """The air state in a few words; ``clock`` shows a stored time on the station's."""
        if self.cleared is not None:
            who, when = self.cleared
            return f"{self.lang}: cleared by {who} {clock(when)}"
        n = len(self.open)
        if n:
            return f"{self.lang}: {n} open finding{'s' if n != 1 else ''}"
        return f"{self.lang}: nothing open, not cleared"


def read_gate(store: ProjectStore, clip: str) -> list[LangGate]:
    """The gate of ``clip`` in every target language (findings, texts, clearance)."""
    from ttdn_studio.services.editorial import gate_findings, is_cleared

    the_clip = store.clip(clip)
    out = []
    for lang in store.project.target_langs:
        gate = LangGate(lang, gate_findings(store, the_clip, lang))
        gate.cleared = is_cleared(store, the_clip, lang)
        rows = {r.cue.id: r for r in store.cue_rows(clip, langs=[lang])}
        for f in gate.findings:
            row = rows.get(f.cue_id)
            gate.texts[f.cue_id] = row.text(lang, "") if row is not None else ""
        out.append(gate)
    return out


class GateScreen(Screen[tuple[str, int, str] | None]):
    """Returns the (clip, cue id, language) to jump to, or ``None``."""

    BINDINGS = keys.GATE
    DEFAULT_CSS = """
    GateScreen #gate-table { height: 1fr; }
    GateScreen #gate-detail { height: auto; max-height: 8; }
    """

    def __init__(self, store: ProjectStore, clip: str, lang: str) -> None:
        super().__init__()
        self.store, self.clip, self.lang = store, clip, lang
        self.gates: list[LangGate] = []
        self.rows: list[GateFinding] = []
        self.loaded = False
        self.clock = station_profile(store.path).local_time  # times on the station's clock

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the gate…", id="gate-state", classes="screen-title", markup=False)
        yield DataTable(id="gate-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="gate-detail", classes="panel", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Gate · {self.clip}"
        self.query_one("#gate-detail").border_title = "Finding"
        table = self.query_one("#gate-table", DataTable)
        for label, width in (("lang", 4), ("#", 4), ("state", 16), ("finding", 20), ("text", 20)):
            table.add_column(label, key=label, width=width)
        table.focus()
        self.action_refresh()

    # ---------------------------------------------------------------- reading
    def action_refresh(self) -> None:
        path, clip = self.store.path, self.clip

        def read(job: Job) -> list[LangGate]:
            from ttdn_studio.store import open_project

            with open_project(path) as store:
                return read_gate(store, clip)

        run_job(self, "gate", read)

    def on_work_done(self, message: WorkDone) -> None:
        if message.group == "gate":
            self.gates = list(message.result or [])
            self.loaded = True
            self.show()

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#gate-state", Static).update(message.message)

    def on_resize(self) -> None:
        if self.loaded:
            self.show()

    def show(self) -> None:
        from ttdn_studio.services.editorial import GATE_QC_SETTING

        state = " · ".join(g.state(self.clock) for g in self.gates) or "no target language"
        qc = " · QC errors gate too" if self.store.project.settings.get(GATE_QC_SETTING) else ""
        self.query_one("#gate-state", Static).update(f"{self.clip} — {state}{qc}")
        table = self.query_one("#gate-table", DataTable)
        keep = table.cursor_row if table.row_count else 0
        table.clear()
        room = max(30, self.app.size.width - (4 + 4 + 16) - 2 * 5 - 3)  # padding, scrollbar
        finding_w = max(20, room * 2 // 5)
        text_w = max(10, room - finding_w)
        for name, width in (("finding", finding_w), ("text", text_w)):
            column = table.columns[ColumnKey(name)]
            column.width, column.auto_width = width, False
        # the language being edited first, then the others
        ordered = sorted(self.gates, key=lambda g: g.lang != self.lang)
        self.rows = []
        for gate in ordered:
            for f in gate.findings:
                state = "open" if f.is_open else f"ok: {f.signed_off_by}"
                table.add_row(
                    f.lang,
                    str(f.index),
                    Text(clip_text(state, 16), style="bold red" if f.is_open else "green"),
                    Text(clip_text(f.message, finding_w)),
                    Text(clip_text(gate.texts.get(f.cue_id, ""), text_w)),
                    key=str(len(self.rows)),
                )
                self.rows.append(f)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        else:
            self.query_one("#gate-detail", Static).update(
                "Nothing keeps this clip off air. A chief editor clears it with c."
            )

    def current(self) -> GateFinding | None:
        table = self.query_one("#gate-table", DataTable)
        if not table.row_count or not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        f = self.current()
        if f is None:
            return
        text = next((g.texts.get(f.cue_id, "") for g in self.gates if g.lang == f.lang), "")
        who = (
            f"signed off by {f.signed_off_by} {self.clock(f.signed_off_at)}"
            if f.signed_off_by
            else "open"
        )
        self.query_one("#gate-detail", Static).update(
            f"{f.clip} #{f.index} ({f.lang}) · {who}\n{f.message}\n{text}"
        )

    # ---------------------------------------------------------------- actions
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_jump()

    def action_jump(self) -> None:
        f = self.current()
        if f is not None:
            self.dismiss((f.clip, f.cue_id, f.lang))

    def action_back(self) -> None:
        self.dismiss(None)

    def refuse(self, exc: TtdnError) -> None:
        """A refused act: its message in a dialog (who may do it, what is still open)."""
        from ttdn_studio.tui.dialogs import MessageDialog

        self.app.push_screen(MessageDialog(exc.title, exc.in_desk()))

    def action_sign_off(self) -> None:
        from ttdn_studio.services.editorial import require
        from ttdn_studio.tui.dialogs.signoff import SignOffDialog

        f = self.current()
        if f is None:
            self.notify("No finding to sign off", timeout=3)
            return
        if not f.is_open:
            self.notify(f"Cue {f.index} ({f.lang}) is already signed off", timeout=3)
            return
        try:
            require(self.store, "signoff")
        except TtdnError as exc:
            self.refuse(exc)
            return
        same = [g for g in self.rows if (g.cue_id, g.lang) == (f.cue_id, f.lang) and g.is_open]
        text = next((g.texts.get(f.cue_id, "") for g in self.gates if g.lang == f.lang), "")

        def done(reason: str | None) -> None:
            if reason is not None:
                self.sign_off(f, reason)

        self.app.push_screen(
            SignOffDialog(
                f"Sign off {f.clip} cue {f.index} ({f.lang})",
                [g.message for g in same],
                text,
            ),
            done,
        )

    def sign_off(self, f: GateFinding, reason: str) -> None:
        from ttdn_studio.services.editorial import sign_off

        try:
            count = sign_off(self.store, f.clip, f.index, f.lang, reason)
        except TtdnError as exc:
            self.refuse(exc)
            return
        self.notify(f"Signed off {count} finding(s) of cue {f.index} as {self.store.author}")
        self.action_refresh()

    def action_clear(self) -> None:
        """Clear the clip for air in a language (asks which, with several)."""
        from ttdn_studio.services.editorial import require
        from ttdn_studio.tui.dialogs import ChoiceDialog

        try:
            require(self.store, "clear")
        except TtdnError as exc:
            self.refuse(exc)
            return
        gates = sorted(self.gates, key=lambda g: g.lang != self.lang)
        if len(gates) == 1:
            self.clear(gates[0].lang)
            return
        if not gates:
            return

        def chosen(lang: str | None) -> None:
            if lang:
                self.clear(lang)

        self.app.push_screen(
            ChoiceDialog(
                f"Clear {self.clip} for air in", [(g.lang, g.state(self.clock)) for g in gates]
            ),
            chosen,
        )

    def clear(self, lang: str) -> None:
        from ttdn_studio.services.editorial import clear

        try:
            clear(self.store, self.clip, lang)
        except TtdnError as exc:
            self.refuse(exc)
            return
        self.notify(f"{self.clip} ({lang}) cleared for air by {self.store.author}", timeout=5)
        self.action_refresh()

    def action_toggle_qc_gate(self) -> None:
        """A chief editor's setting: any QC error also keeps a clip off air (or no longer)."""
        from ttdn_studio.services.editorial import GATE_QC_SETTING, set_gate_qc_errors

        on = not self.store.project.settings.get(GATE_QC_SETTING)
        try:
            set_gate_qc_errors(self.store, on)
        except TtdnError as exc:
            self.refuse(exc)
            return
        self.notify(f"QC errors {'now also gate' if on else 'no longer gate'} air", timeout=4)
        self.action_refresh()
