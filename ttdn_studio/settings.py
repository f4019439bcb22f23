"""Settings from the environment: the only module that reads (or sets) environment variables.

Every variable the program honours is a field of :class:`Settings`, read afresh
by :func:`current` (cheap: a handful of lookups), so a change of the environment
is seen by the next call. A malformed value is a :class:`~ttdn_studio.errors.ValidationError`
naming the variable when that setting is used, not a crash deep inside an engine (and
not a failure of commands that do not use it).

=========================  ====================================================
variable                   meaning
=========================  ====================================================
``TTDN_DATA_DIR``          translation memory, user glossary, MT models
``TTDN_CONFIG_DIR``        ``config.toml`` (key bindings, theme), ``mt.json``
``TTDN_PROJECTS_DIR``      the projects folder
``TTDN_USER``              the name written into the edit history
``TTDN_CT2_MODEL``         a multilingual CTranslate2 model folder
``TTDN_MT_INTRA_THREADS``  CTranslate2 threads per translation (default: chosen
                           from the machine, see :mod:`ttdn_studio.translate.threads`)
``TTDN_MT_INTER_THREADS``  translations run in parallel (same)
``ARGOS_PACKAGE_INDEX``    where ``ttdn models`` looks for Argos packages
``TTDN_PLAYER``            the desk's audio player command (default: ffplay)
``TTDN_HUNSPELL_DIR``      a folder of Hunspell dictionaries, searched first
``TTDN_DESK_SPELLING``     ``off`` turns the desk editor's spell checking off
                           (it loads the dictionaries in a second process)
=========================  ====================================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ttdn_studio.errors import ValidationError


@dataclass(frozen=True)
class Settings:
    data_dir: Path | None = None
    config_dir: Path | None = None
    projects_dir: Path | None = None
    user: str | None = None
    ct2_model: Path | None = None
    argos_package_index: str | None = None
    mt_intra_threads_text: str | None = None
    mt_inter_threads_text: str | None = None
    player: str | None = None

    @property
    def mt_intra_threads(self) -> int | None:
        return _count("TTDN_MT_INTRA_THREADS", self.mt_intra_threads_text)

    @property
    def mt_inter_threads(self) -> int | None:
        return _count("TTDN_MT_INTER_THREADS", self.mt_inter_threads_text)

    hunspell_dir: Path | None = None
    desk_spelling_text: str | None = None

    @property
    def desk_spelling(self) -> bool:
        """Spell checking in the desk's editor (``TTDN_DESK_SPELLING=off``: none)."""
        value = (self.desk_spelling_text or "on").casefold()
        if value not in ("on", "off", "1", "0", "yes", "no", "true", "false"):
            raise ValidationError(f"TTDN_DESK_SPELLING must be on or off (got {value!r})")
        return value in ("on", "1", "yes", "true")


def _text(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def _path(name: str) -> Path | None:
    value = _text(name)
    return Path(value).expanduser() if value else None


def _count(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValidationError(f"{name} must be a whole number of at least 1 (got {value!r})")
    return int(value)


def current() -> Settings:
    """The settings as the environment gives them now."""
    return Settings(
        data_dir=_path("TTDN_DATA_DIR"),
        config_dir=_path("TTDN_CONFIG_DIR"),
        projects_dir=_path("TTDN_PROJECTS_DIR"),
        user=_text("TTDN_USER"),
        ct2_model=_path("TTDN_CT2_MODEL"),
        argos_package_index=_text("ARGOS_PACKAGE_INDEX"),
        mt_intra_threads_text=_text("TTDN_MT_INTRA_THREADS"),
        mt_inter_threads_text=_text("TTDN_MT_INTER_THREADS"),
        player=_text("TTDN_PLAYER"),
        hunspell_dir=_path("TTDN_HUNSPELL_DIR"),
        desk_spelling_text=_text("TTDN_DESK_SPELLING"),
    )


def point_argos_at(packages_dir: Path) -> None:
    """Argos Translate reads its packages folder from the environment when first imported."""
    os.environ.setdefault("ARGOS_PACKAGES_DIR", str(packages_dir))


def act_as(user: str) -> None:
    """Record edits of this process under ``user`` (``ttdn --as NAME``, for scripts)."""
    os.environ["TTDN_USER"] = user
