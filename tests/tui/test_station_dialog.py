"""The projects screen's station profile dialog: edit, refuse a wrong value, save to station.toml."""

from __future__ import annotations

from pathlib import Path

from desk_fixtures import settle
from textual.widgets import Input, Static

from ttdn_studio import locations
from ttdn_studio.models.station import load_station
from ttdn_studio.tui.app import TtdnApp
from ttdn_studio.tui.dialogs.station import StationDialog, input_id

SIZE = (120, 40)


async def test_station_profile_is_edited_from_the_projects_screen(project: Path) -> None:
    root = locations.projects_dir()
    root.mkdir(parents=True, exist_ok=True)
    app = TtdnApp(None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProjectsScreen"
        await pilot.press("ctrl+t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, StationDialog)
        unit = dialog.query_one(f"#{input_id('unit')}", Input)
        assert unit.value == "Báo và Đài Phát thanh - Truyền hình Cà Mau"
        dialog.query_one(f"#{input_id('signer_name')}", Input).value = "Nguyễn Văn A"
        dialog.query_one(f"#{input_id('targets.clips')}", Input).value = "24"
        zone = dialog.query_one(f"#{input_id('time_zone')}", Input)
        zone.value = "Asia/Sai_Gon"
        dialog.submit()
        await settle(pilot)
        assert app.screen is dialog  # refused: the dialog stays and says why
        assert "unknown time zone 'Asia/Sai_Gon'" in str(
            dialog.query_one("#st-error", Static).render()
        )
        assert not (root / "station.toml").exists()
        zone.value = "Asia/Ho_Chi_Minh"
        dialog.submit()
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ProjectsScreen"
    profile = load_station(root)
    assert (root / "station.toml").is_file()
    assert profile.signer_name == "Nguyễn Văn A" and profile.targets.clips == 24
