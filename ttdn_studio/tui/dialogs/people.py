"""People of a project: their roles, and who is assigned which clip and language.

A chief editor gives roles (translator, editor, chief editor; a project with no roles
lets anyone do anything); an editor or above assigns a clip and language to a person.
A refused act shows its reason here and as a notification; nothing changes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ttdn_studio.errors import TtdnError
from ttdn_studio.store import ProjectStore
from ttdn_studio.tui import keys
from ttdn_studio.tui.dialogs.basic import ConfirmDialog

ROLES = [
    ("translator", "translator"),
    ("editor", "editor"),
    ("chief editor", "chief"),
    ("no role", "none"),
]


def people_lines(store: ProjectStore) -> list[str]:
    """Each person's role, then each assignment with its progress."""
    from ttdn_studio.services.editorial import LABEL
    from ttdn_studio.services.reviewing import progress
    from ttdn_studio.store.editorial import roles
    from ttdn_studio.tui.mine import progress_line

    current = roles(store.conn)
    lines = [f"{p}: {LABEL[r]}" for p, r in current.items()]
    if not lines:
        lines = ["No roles set: anyone may do anything."]
    work = progress(store)
    lines += [progress_line(a) for a in work]
    if not work:
        lines.append("Nothing assigned yet.")
    return lines


class PeopleDialog(ModalScreen[bool]):
    """Returns whether a role or an assignment changed."""

    DEFAULT_CSS = (
        ConfirmDialog.DEFAULT_CSS
        + """
    PeopleDialog { align: center middle; }
    PeopleDialog .dialog { width: 84; }
    PeopleDialog #people-list { height: auto; max-height: 8; }
    PeopleDialog .row { height: auto; }
    PeopleDialog .row Input { width: 1fr; }
    PeopleDialog .row Select { width: 1fr; }
    PeopleDialog #people-error { color: $error; height: auto; }
    """
    )
    BINDINGS = keys.PEOPLE

    def __init__(
        self, store: ProjectStore, clip: str | None = None, lang: str | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.clip, self.lang = clip, lang
        self.changed = False

    def compose(self) -> ComposeResult:
        store = self.store
        clips = [c.name for c in store.clips()]
        targets = store.project.target_langs
        with Vertical(classes="dialog"):
            yield Label(f"People of {store.project.title}", classes="title", markup=False)
            yield Static("", id="people-list", markup=False)
            with Horizontal(classes="row"):
                yield Input(placeholder="name", id="person")
                yield Select(ROLES, value="translator", allow_blank=False, id="role")
                yield Button("Set role", id="set-role")
            with Horizontal(classes="row"):
                yield Select(
                    [(c, c) for c in clips],
                    value=self.clip
                    if self.clip in clips
                    else (clips[0] if clips else Select.BLANK),
                    allow_blank=not clips,
                    id="clip",
                )
                yield Select(
                    [(lang, lang) for lang in targets],
                    value=self.lang if self.lang in targets else targets[0],
                    allow_blank=False,
                    id="lang",
                )
                yield Button("Assign", id="assign", variant="primary")
                yield Button("Unassign", id="unassign")
            yield Static("", id="people-error", markup=False)

    def on_mount(self) -> None:
        self.show_people()
        self.query_one("#person", Input).focus()

    def show_people(self) -> None:
        self.query_one("#people-list", Static).update("\n".join(people_lines(self.store)))

    def person(self) -> str:
        return self.query_one("#person", Input).value.strip()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "set-role":
            self.set_role()
        elif event.button.id in ("assign", "unassign"):
            self.assign(remove=event.button.id == "unassign")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.set_role()

    def failed(self, exc: TtdnError) -> None:
        self.query_one("#people-error", Static).update(str(exc))
        self.notify(str(exc), title=exc.title, severity="error", timeout=8)

    def done(self, message: str) -> None:
        self.changed = True
        self.query_one("#people-error", Static).update("")
        self.show_people()
        self.notify(message, timeout=3)

    def set_role(self) -> None:
        from ttdn_studio.errors import ValidationError
        from ttdn_studio.services.editorial import LABEL, set_role

        name, role = self.person(), str(self.query_one("#role", Select).value)
        try:
            if not name:
                raise ValidationError("type the person's name first")
            set_role(self.store, name, None if role == "none" else role)
        except TtdnError as exc:
            self.failed(exc)
            return
        self.done(f"{name}: {LABEL.get(role, 'no role')}")

    def assign(self, *, remove: bool) -> None:
        from ttdn_studio.errors import ValidationError
        from ttdn_studio.services.reviewing import assign

        name = self.person()
        clip, lang = self.query_one("#clip", Select).value, self.query_one("#lang", Select).value
        try:
            if not name:
                raise ValidationError("type the person's name first")
            if not isinstance(clip, str) or not isinstance(lang, str):
                raise ValidationError("the project has no clip to assign")
            assign(self.store, clip, lang, name, remove=remove)
        except TtdnError as exc:
            self.failed(exc)
            return
        self.done(f"{name} {'no longer assigned' if remove else 'assigned'}: {clip} ({lang})")

    def action_close(self) -> None:
        self.dismiss(self.changed)
