"""What the desk shows when work fails: a title and a message for a notification."""

from __future__ import annotations

from ttdn_studio.errors import TtdnError


def error_text(exc: BaseException) -> tuple[str, str]:
    """(title, message) for a notification."""
    if isinstance(exc, TtdnError):
        return exc.title, str(exc)
    return "Unexpected error", f"{type(exc).__name__}: {exc}"
