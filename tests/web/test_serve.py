"""The desk in a browser: login modes, and a real Chromium typing and approving a cue."""

from __future__ import annotations

import base64
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ttdn_studio.services import people
from ttdn_studio.store import DB_NAME, NewCue, ProjectStore
from ttdn_studio.web.server import DeskServer, ServeError

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _basic(name: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{name}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def test_passwords_are_hashed_and_checked() -> None:
    people.set_password("Lan", "mật khẩu dài")
    stored = people.load_people()["Lan"]["password"]
    assert "mật khẩu" not in people.people_file().read_text(encoding="utf-8")
    assert stored.startswith("scrypt$")
    assert people.check_login("Lan", "mật khẩu dài")
    assert not people.check_login("Lan", "mật khẩu dai")
    assert not people.check_login("Nam", "mật khẩu dài")
    assert people.people_file().stat().st_mode & 0o077 == 0
    with pytest.raises(people.PeopleError, match="at least 8"):
        people.set_password("Nam", "short")


def test_login_modes(tmp_path: Path) -> None:
    with pytest.raises(ServeError, match="nobody can log in"):
        DeskServer(None, host="127.0.0.1", port=8000)
    people.set_password("lan", "secret-pass")
    server = DeskServer(None, host="0.0.0.0", port=8000)
    assert server.identify(_basic("lan", "secret-pass")) == "lan"
    assert server.identify(_basic("lan", "wrong-pass")) is None
    assert server.identify({"X-Remote-User": "lan"}) is None  # no header trust here
    assert server.identify({}) is None
    assert server.identify({"Authorization": "Basic !!!"}) is None
    for mode in ("proxy", "none"):
        with pytest.raises(ServeError, match="only allowed on a loopback"):
            DeskServer(None, host="0.0.0.0", port=8000, auth=mode)
    proxy = DeskServer(None, host="127.0.0.1", port=8000, auth="proxy")
    assert proxy.identify({"X-Remote-User": "nam"}) == "nam"
    assert proxy.identify({}) is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(store: ProjectStore) -> Iterator[tuple[str, Path]]:
    store.add_cues("main", [NewCue(1000, 3000, "Mũi Cà Mau là điểm cực Nam.")])
    people.set_password("lan", "secret-pass")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ttdn_studio.cli", "serve", str(store.path), "--port", str(port)],
        env={**os.environ, "TTDN_USER": "server-account"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
        except urllib.error.HTTPError:
            break  # the server answers (401 until logged in)
        except OSError:
            time.sleep(0.1)
    try:
        yield url, store.path
    finally:
        proc.terminate()
        try:  # a loaded CI machine can take a while; a server that ignores SIGTERM fails
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise AssertionError("ttdn serve did not stop within 30 s of SIGTERM") from None


def test_without_a_login_nothing_is_served(served: tuple[str, Path]) -> None:
    url, _ = served
    for path in ("", "ws", "static/js/textual.js"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(url + path, timeout=5)
        assert err.value.code == 401


def _wait_for_change(page: object, before: bytes, settle: float, limit: float = 120.0) -> None:
    """Wait until the page looks different from ``before``, then ``settle`` seconds more
    (a blinking cursor means a desk's page is never still for long)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if page.screenshot() != before:  # type: ignore[attr-defined]
            time.sleep(settle)
            return
        time.sleep(0.25)
    raise AssertionError("the desk in the browser did not change")


@pytest.mark.slow
def test_a_browser_logs_in_types_a_translation_and_approves_it(
    served: tuple[str, Path],
) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/setup.sh installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    url, project = served
    text = "Ca Mau Cape is the southernmost point."
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            context = browser.new_context(
                http_credentials={"username": "lan", "password": "secret-pass"},
                viewport={"width": 1280, "height": 800},
            )
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector(".textual-terminal.-connected", timeout=60000)
            _wait_for_change(page, page.screenshot(), settle=3.0)  # the desk has drawn itself
            page.mouse.click(640, 400)
            before = page.screenshot()
            page.keyboard.press("Enter")  # edit the cue's English
            _wait_for_change(page, before, settle=1.0)  # the editor has opened
            page.keyboard.type(text, delay=10)
            page.wait_for_timeout(500)
            page.keyboard.press("F8")  # approve
            row = None
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                conn = sqlite3.connect(f"file:{project / DB_NAME}?mode=ro", uri=True)
                row = conn.execute(
                    "SELECT text, status, author FROM translations WHERE lang = 'en'"
                ).fetchone()
                conn.close()
                if row and row[1] == "approved":
                    break
                time.sleep(0.2)
        finally:
            browser.close()
    # what was typed in the browser is stored, approved, under the logged-in name
    assert row == (text, "approved", "lan")
