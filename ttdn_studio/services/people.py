"""The station's people: who may log in to the desk in a browser, with a password hash.

Kept in ``people.toml`` in the config folder, one table per person::

    [people."lan"]
    password = "scrypt$16384$8$1$<salt hex>$<hash hex>"

Passwords are never stored, only their scrypt hash (standard library ``hashlib``) with
a random salt per person; checking one takes a constant time whatever the input.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import os
import secrets
import tomllib
from pathlib import Path

from ttdn_studio import locations
from ttdn_studio.errors import TtdnError
from ttdn_studio.formats.atomic import atomic_write_text

FILE_NAME = "people.toml"
_N, _R, _P = 2**14, 8, 1
MIN_PASSWORD = 8


class PeopleError(TtdnError):
    title = "People"


def people_file() -> Path:
    return locations.config_dir() / FILE_NAME


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def load_people(path: Path | None = None) -> dict[str, dict[str, str]]:
    path = path or people_file()
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PeopleError(f"the people file cannot be read ({exc})", file=path) from exc
    people = data.get("people", {})
    if not isinstance(people, dict):
        raise PeopleError("the people file has no [people] tables", file=path)
    return {str(k): dict(v) for k, v in people.items() if isinstance(v, dict)}


def save_people(people: dict[str, dict[str, str]], path: Path | None = None) -> None:
    path = path or people_file()
    lines = ["# People who may log in to `ttdn serve` (managed with `ttdn people`).", ""]
    for name in sorted(people):
        lines.append(f"[people.{json.dumps(name, ensure_ascii=False)}]")
        for key, value in sorted(people[name].items()):
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        lines.append("")
    atomic_write_text(path, "\n".join(lines))
    os.chmod(path, 0o600)  # password hashes are for this account's eyes only


def check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64 or any(not ch.isprintable() or ch in ":/\\" for ch in name):
        raise PeopleError("a name is 1 to 64 printable characters, without ':', '/' or '\\'")
    return name


def check_acting_as(name: str, path: Path | None = None) -> None:
    """``ttdn --as NAME``: once the station keeps a people file, NAME must be in it (a typo
    would otherwise record edits, roles and sign-offs under a person who does not exist).
    Without a people file (or an empty one) any printable name is accepted: the name goes
    into the history, reports and terminals."""
    if not name.strip() or not name.isprintable():
        raise PeopleError(f"--as takes a person's name in printable characters, not {name!r}")
    _check_known(name, "", path)


def acting_person() -> tuple[str, str]:
    """Who this process acts as, and where the name comes from: ``TTDN_USER`` (which
    ``ttdn --as NAME`` sets) or ``login`` (the operating system's user)."""
    from ttdn_studio.settings import current

    user = current().user
    return (user, "TTDN_USER") if user else (current_os_user(), "login")


def check_acting_person(path: Path | None = None) -> str:
    """The person this process acts as (see :func:`acting_person`), checked against the
    station's people file as ``--as`` is: a mistyped ``TTDN_USER`` or a login name that
    is not one of the station's people is refused instead of becoming a new person with
    no role. Without a people file (or an empty one) any name is accepted."""
    name, source = acting_person()
    _check_known(name, source, path)
    return name


def _check_known(name: str, source: str, path: Path | None) -> None:
    path = path or people_file()
    people = load_people(path)
    if not people or name in people:
        return
    known = ", ".join(sorted(people)[:8]) + (", …" if len(people) > 8 else "")
    add = f"add them with: ttdn people add {name}"
    if source == "TTDN_USER":
        message = (
            f"TTDN_USER is {name!r}, who is not one of the station's people ({known}); "
            f"set it to one of them, or {add}"
        )
    elif source == "login":
        message = (
            f"the login name {name!r} is not one of the station's people ({known}); act as "
            f"one of them (ttdn --as NAME, or TTDN_USER), or {add}"
        )
    else:
        message = f"{name!r} is not one of the station's people ({known}); {add}"
    raise PeopleError(message, file=path)


def set_password(name: str, password: str, path: Path | None = None) -> None:
    name = check_name(name)
    if len(password) < MIN_PASSWORD:
        raise PeopleError(f"a password needs at least {MIN_PASSWORD} characters")
    people = load_people(path)
    people.setdefault(name, {})["password"] = hash_password(password)
    save_people(people, path)


def remove_person(name: str, path: Path | None = None) -> None:
    people = load_people(path)
    if name not in people:
        raise PeopleError(f"no person named {name!r}")
    del people[name]
    save_people(people, path)


def check_login(name: str, password: str, path: Path | None = None) -> bool:
    stored = load_people(path).get(name, {}).get("password")
    if stored is None:  # same work as a real check, so a wrong name takes as long
        verify_password(password, hash_password("x"))
        return False
    return verify_password(password, stored)


def current_os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "editor"
