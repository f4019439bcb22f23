"""``ttdn serve``: textual-serve behind a login.

Three ways to know who is at the browser (``--auth``):

* ``password`` (default): HTTP Basic login checked against ``people.toml``
  (``ttdn people add NAME``). Use it behind HTTPS (a reverse proxy such as nginx or
  Caddy terminates TLS) when the desk is reached over a network.
* ``proxy``: a reverse proxy on this machine has logged the person in and passes the
  name in a header (``--user-header``, default ``X-Remote-User``). Only allowed when
  the server listens on loopback, so that only the proxy can set that header.
* ``none``: no login, the desk runs as the account that started the server; only on
  loopback (one person on their own machine).
"""

from __future__ import annotations

import base64
import binascii
import contextvars
import ipaddress
import shlex
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

from ttdn_studio.errors import TtdnError
from ttdn_studio.services.people import check_login, current_os_user, load_people, people_file

AUTH_MODES = ("password", "proxy", "none")
REALM = "TTĐN Studio"
_USER: contextvars.ContextVar[str] = contextvars.ContextVar("ttdn_web_user")


class ServeError(TtdnError):
    title = "Serve"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def desk_command(project: Path | None) -> str:
    """The command each visitor's desk runs (the person's name is added per request)."""
    parts = [sys.executable, "-m", "ttdn_studio.cli", "tui" if project else ""]
    if project is not None:
        parts.append(str(project.resolve()))
    return shlex.join(p for p in parts if p)


class DeskServer(Server):
    """textual-serve's server with a login in front of every page and the websocket."""

    def __init__(
        self,
        project: Path | None,
        *,
        host: str,
        port: int,
        auth: str = "password",
        user_header: str = "X-Remote-User",
        people_path: Path | None = None,
    ) -> None:
        if auth not in AUTH_MODES:
            raise ServeError(f"--auth must be one of {', '.join(AUTH_MODES)}")
        if auth in ("proxy", "none") and not is_loopback(host):
            raise ServeError(
                f"--auth {auth} is only allowed on a loopback address (127.0.0.1 or"
                " localhost): anyone on the network could otherwise use the desk;"
                " use --auth password, or put a reverse proxy on this machine in front"
            )
        if auth == "password" and not load_people(people_path):
            raise ServeError(
                "nobody can log in yet: add a person first with `ttdn people add NAME`"
            )
        self.base_command = desk_command(project)
        self.auth = auth
        self.user_header = user_header
        self.people_path = people_path
        super().__init__(self.base_command, host=host, port=port, title="TTĐN Studio")

    # textual-serve reads ``self.command`` when a browser connects; it is computed per
    # request so that each desk runs under its own person's name.
    @property
    def command(self) -> str:
        user = _USER.get(None)
        prefix = f"env TTDN_USER={shlex.quote(user)} " if user else ""
        return prefix + self.base_command

    @command.setter
    def command(self, value: str) -> None:
        self.base_command = value

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._login)
        return app

    @web.middleware
    async def _login(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[Any]]
    ) -> Any:
        user = self.identify(request.headers)
        if user is None:
            return web.Response(
                status=401,
                text="Log in to TTĐN Studio",
                headers={"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8"'},
            )
        token = _USER.set(user)
        try:
            return await handler(request)
        finally:
            _USER.reset(token)

    def identify(self, headers: Any) -> str | None:
        """Who is asking (``None``: not logged in)."""
        if self.auth == "none":
            return current_os_user()
        if self.auth == "proxy":
            name = (headers.get(self.user_header) or "").strip()
            return name or None
        return _basic_login(headers.get("Authorization", ""), self.people_path)


_CHECKED: dict[tuple[str, float], str] = {}  # (header, people file mtime) → name


def _basic_login(header: str, people_path: Path | None) -> str | None:
    """The person a Basic ``Authorization`` header logs in, checked once per header
    while the people file is unchanged (a page loads several files)."""
    path = people_path or people_file()
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    known = _CHECKED.get((header, stamp))
    if known is not None:
        return known
    kind, _, encoded = header.partition(" ")
    if kind.lower() != "basic" or not encoded:
        return None
    try:
        name, sep, password = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    if not sep or not check_login(name, password, path):
        return None
    if len(_CHECKED) > 256:
        _CHECKED.clear()
    _CHECKED[(header, stamp)] = name
    return name
