"""One glossary entry: the agreed Vietnamese, English and Khmer forms of a term."""

from __future__ import annotations

import unicodedata
from datetime import date

from pydantic import BaseModel, Field, field_validator

from ttdn_studio.models.domain import LANG_RE
from ttdn_studio.text import clean_text, fold, without_controls

LANGS = ("vi", "en", "km")
DOMAINS = ("place", "agency", "programme", "product", "culture", "title", "nature", "other")
FORBIDDEN_SEPARATOR = "|"


def squash(text: str) -> str:
    """NFC with every whitespace run (line breaks too) turned into one space, trimmed, and no
    control characters (a TBX export could not hold them; a terminal would obey them)."""
    return " ".join(without_controls(clean_text(text)).split())


def strip_diacritics(text: str) -> str:
    """``Năm Căn`` → ``Nam Can``; ``Đất Mũi`` → ``Dat Mui`` (đ is not a combining mark)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def parse_forbidden(value: str) -> dict[str, list[str]]:
    """``en:Camau|en:Ca-Mau`` → ``{"en": ["Camau", "Ca-Mau"]}`` (ValueError when malformed)."""
    out: dict[str, list[str]] = {}
    for item in value.split(FORBIDDEN_SEPARATOR):
        item = item.strip()
        if not item:
            continue
        lang, sep, term = item.partition(":")
        lang, term = lang.strip(), squash(term)
        if not sep or not LANG_RE.match(lang) or not term:
            raise ValueError(f"forbidden variant {item!r} must look like en:Variant")
        out.setdefault(lang, []).append(term)
    return out


def format_forbidden(forbidden: dict[str, list[str]]) -> str:
    return FORBIDDEN_SEPARATOR.join(
        f"{lang}:{v}" for lang, items in forbidden.items() for v in items
    )


class GlossaryEntry(BaseModel):
    """A curated term. ``forbidden`` lists, per language, variants that must not be used.

    A name that an official change replaced keeps its entry (archive programmes
    still say it) with ``valid_until`` (its last valid day) and ``successor``
    (the Vietnamese term of the name that replaced it); ``source`` cites where
    the facts come from.
    """

    vi: str
    en: str = ""
    km: str = ""
    domain: str = "other"
    note: str = ""
    forbidden: dict[str, list[str]] = Field(default_factory=dict)
    # Where the rule comes from, for a sensitive term (official names, sovereignty,
    # leaders' titles); "" = not sensitive. A sensitive entry's findings gate a clip's air.
    sensitive: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    successor: str = ""
    source: str = ""

    @field_validator("valid_from", "valid_until", mode="before")
    @classmethod
    def _date(cls, v: object) -> object:
        if isinstance(v, str):
            v = v.strip()
            if not v:
                return None
            try:
                return date.fromisoformat(v)
            except ValueError:
                raise ValueError(f"{v!r} is not a date (write YYYY-MM-DD)") from None
        return v

    @field_validator("successor", "source")
    @classmethod
    def _plain(cls, v: str) -> str:
        return squash(v)

    def valid_on(self, day: date) -> bool:
        """Whether the name was in official use on ``day``."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until

    @field_validator("vi")
    @classmethod
    def _vi(cls, v: str) -> str:
        v = squash(v)
        if not v:
            raise ValueError("an entry needs a Vietnamese term")
        return v

    @field_validator("en", "km", "note", "sensitive")
    @classmethod
    def _text(cls, v: str) -> str:
        return squash(v)

    @field_validator("domain")
    @classmethod
    def _domain(cls, v: str) -> str:
        v = v.strip().lower() or "other"
        if v not in DOMAINS:
            raise ValueError(f"unknown domain {v!r} (use one of: {', '.join(DOMAINS)})")
        return v

    @field_validator("forbidden")
    @classmethod
    def _forbidden(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for lang, items in v.items():
            if not LANG_RE.match(lang):
                raise ValueError(f"not a language code in forbidden variants: {lang!r}")
            for item in items:
                item = squash(item)
                if not item or FORBIDDEN_SEPARATOR in item:
                    raise ValueError(f"bad forbidden variant {item!r} for {lang}")
                if item not in out.setdefault(lang, []):
                    out[lang].append(item)
        return {lang: items for lang, items in out.items() if items}

    def term(self, lang: str) -> str:
        """The agreed form in ``lang`` ("" when the glossary has none)."""
        return getattr(self, lang) if lang in LANGS else ""

    def keeps_source(self, lang: str) -> bool:
        """True when ``lang`` keeps the Vietnamese name (with or without diacritics)."""
        target = self.term(lang)
        if not target:
            return False
        return fold(target) in {fold(self.vi), fold(strip_diacritics(self.vi))}

    @property
    def is_sensitive(self) -> bool:
        return bool(self.sensitive)

    def forbidden_in(self, lang: str) -> list[str]:
        return list(self.forbidden.get(lang, []))
