"""Reaching the core's services from the desk, lazily and safely.

Services are imported only when an action needs them (startup stays fast). A
service that is not installed yet becomes :class:`ServiceMissing`, which the
desk shows as "… is not available yet" instead of a traceback.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from ttdn_studio.errors import TtdnError


class ServiceMissing(TtdnError):
    title = "Not available"


SERVICE_NAMES = {
    "ttdn_studio.services.workflow": "The review workflow",
    "ttdn_studio.services.translating": "Machine translation",
    "ttdn_studio.services.rendering": "Rendering",
    "ttdn_studio.services.importing": "Importing",
    "ttdn_studio.services.demo": "The demo project",
    "ttdn_studio.qc": "Quality checks",
    "ttdn_studio.glossary": "The glossary",
    "ttdn_studio.report": "The yearly report",
}


def service(module: str, name: str) -> Any:
    """``module.name``, or :class:`ServiceMissing` when it is not there (yet)."""
    label = SERVICE_NAMES.get(module, module)
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
            raise ServiceMissing(f"{label} is not available yet") from exc
        raise
    try:
        return getattr(mod, name)
    except AttributeError as exc:
        raise ServiceMissing(f"{label} is not available yet ({name} is missing)") from exc


def available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None if _parent_exists(module) else False


def _parent_exists(module: str) -> bool:
    parent = module.rpartition(".")[0]
    try:
        return not parent or importlib.util.find_spec(parent) is not None
    except ModuleNotFoundError:
        return False


def error_text(exc: BaseException) -> tuple[str, str]:
    """(title, message) for a notification."""
    if isinstance(exc, TtdnError):
        return exc.title, str(exc)
    return "Unexpected error", f"{type(exc).__name__}: {exc}"
