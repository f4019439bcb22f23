"""Edit the station profile (station.toml): the names, recipients, signer, time zone and targets
the yearly report is issued with. Returns the checked profile, or None when cancelled."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ttdn_studio.errors import TtdnError
from ttdn_studio.models.station import StationProfile, set_value
from ttdn_studio.tui.dialogs.basic import ConfirmDialog

# (key, label); list keys take items separated by ";"
FIELDS: list[tuple[str, str]] = [
    ("parent_body", "Parent body (cơ quan chủ quản)"),
    ("unit", "Issuing unit (đơn vị)"),
    ("unit_short", "Unit abbreviation in the number (…/BC-…)"),
    ("number_prefix", "Document type in the number (BC)"),
    ("place", "Place (… , ngày … tháng … năm …)"),
    ("recipients", "Kính gửi (separate with ;)"),
    ("copies_to", "Nơi nhận besides them (separate with ;)"),
    ("signer_authority", "Signing authority (e.g. KT. TỔNG BIÊN TẬP)"),
    ("signer_title", "Signer's title"),
    ("signer_name", "Signer's name"),
    ("time_zone", "Time zone (e.g. Asia/Ho_Chi_Minh)"),
    ("targets.episodes_en", "Target: episodes with English subtitles"),
    ("targets.minutes_en", "Target: minutes subtitled in English"),
    ("targets.khmer_items", "Target: clips subtitled in Khmer"),
    ("targets.clips", "Target: English/Khmer clips delivered"),
]


def field_text(profile: StationProfile, key: str) -> str:
    if key.startswith("targets."):
        return str(getattr(profile.targets, key.removeprefix("targets.")))
    value = getattr(profile, key)
    return "; ".join(value) if isinstance(value, list) else str(value)


def input_id(key: str) -> str:
    return "st-" + key.replace(".", "-").replace("_", "-")


class StationDialog(ModalScreen[StationProfile | None]):
    DEFAULT_CSS = (
        ConfirmDialog.DEFAULT_CSS
        + """
    StationDialog { align: center middle; }
    StationDialog .dialog { width: 90; max-height: 90%; }
    StationDialog VerticalScroll { height: auto; max-height: 30; }
    StationDialog #st-error { color: $error; height: auto; }
    """
    )
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="station.cancel", tooltip="Close without saving")
    ]

    def __init__(self, profile: StationProfile, where: str) -> None:
        super().__init__()
        self.profile = profile
        self.where = where

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Label("Station profile (for the yearly report)", classes="title")
            yield Static(self.where, markup=False)
            for key, text in FIELDS:
                yield Label(text)
                yield Input(value=field_text(self.profile, key), id=input_id(key))
            yield Static("", id="st-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def checked(self) -> StationProfile:
        """The profile with every field as typed; raises a TtdnError naming a wrong value."""
        profile = self.profile
        for key, _ in FIELDS:
            profile = set_value(profile, key, self.query_one(f"#{input_id(key)}", Input).value)
        return profile

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.submit()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submit()

    def submit(self) -> None:
        try:
            profile = self.checked()
        except TtdnError as exc:
            self.query_one("#st-error", Static).update(str(exc))
            return
        self.dismiss(profile)

    def action_cancel(self) -> None:
        self.dismiss(None)
