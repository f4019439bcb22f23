"""Legacy Vietnamese encodings: TCVN3 (ABC), VNI (Windows) and VISCII.

Python has no codec for any of them, so each is a small table here with a
decoder (bytes → NFC text) and an encoder (text → bytes, used to make samples
and to check the tables). The tables are the published layouts:

- **TCVN3 / ABC** (TCVN 5712:1993 VN3, the ``.VnTime`` fonts): one byte per
  letter in 0xA1-0xFE; lowercase toned letters only (uppercase toned letters
  were drawn by separate ``.VnTimeH`` fonts and come back lowercase).
- **VNI Windows** (``VNI-Times`` fonts): a base letter followed by a mark
  byte (``a`` + ``ù`` = á, ``a`` + ``â`` = â, ``a`` + ``á`` = ấ ...), a few
  letters as single bytes (``ñ`` = đ, ``ô`` = ơ, ``ö`` = ư, ``ò`` = ị ...).
- **VISCII** (RFC 1456): a real single-byte charset; six C0 control bytes and
  all of 0x80-0xFF hold letters (the table below is glibc's VISCII charmap).

Each codec is an entry in :data:`LEGACY_CODECS`; adding an encoding means
adding an entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# ---------------------------------------------------------------- TCVN3 (ABC)
_TCVN3_LETTERS = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
}
# Per base vowel, the bytes of its grave, hook, tilde, acute and dot-below forms.
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
# Combining marks in the order the tables above list the tones.
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")


def _toned(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONES[tone])


def _tcvn3_table() -> list[str]:
    table = [chr(b) for b in range(256)]
    table[0x80:0xA0] = list(bytes(range(0x80, 0xA0)).decode("cp1252", errors="replace"))
    for byte, letter in _TCVN3_LETTERS.items():
        table[byte] = letter
    for base, codes in _TCVN3_TONED.items():
        for tone, byte in enumerate(codes):
            table[byte] = _toned(base, tone)
    return table


# ---------------------------------------------------------------------- VISCII
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    "ÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    "àáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"
)
_VISCII_C0 = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}


def _viscii_table() -> list[str]:
    table = [chr(b) for b in range(128)] + list(_VISCII_HIGH)
    for byte, letter in _VISCII_C0.items():
        table[byte] = letter
    return table


# ------------------------------------------------------------------------- VNI
# Mark bytes (as cp1252 characters, lowercase form) following a base letter.
_VNI_TONE_MARKS = ("ø", "û", "õ", "ù", "ï")  # grave, hook, tilde, acute, dot
_VNI_HAT = ("â", ("à", "å", "ã", "á", "ä"))  # circumflex, then with each tone
_VNI_BREVE = ("ê", ("è", "ú", "ü", "é", "ë"))  # breve, then with each tone
_VNI_SINGLE = {
    "ñ": "đ",
    "ô": "ơ",
    "ö": "ư",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "í": "í",
    "ò": "ị",
    "î": "ỵ",
}


def _vni_pairs() -> dict[str, str]:
    """Legacy sequence → letter, lowercase and uppercase."""
    pairs: dict[str, str] = {}
    for base, letter in (
        ("a", "a"),
        ("e", "e"),
        ("o", "o"),
        ("u", "u"),
        ("y", "y"),
        ("ô", "ơ"),
        ("ö", "ư"),
    ):
        for tone, mark in enumerate(_VNI_TONE_MARKS):
            pairs[base + mark] = _toned(letter, tone)
    for base in "aeo":
        hat_mark, hat_toned = _VNI_HAT
        pairs[base + hat_mark] = unicodedata.normalize("NFC", base + "\u0302")
        for tone, mark in enumerate(hat_toned):
            pairs[base + mark] = _toned(base + "\u0302", tone)
    breve_mark, breve_toned = _VNI_BREVE
    pairs["a" + breve_mark] = "ă"
    for tone, mark in enumerate(breve_toned):
        pairs["a" + mark] = _toned("ă", tone)
    pairs.update(_VNI_SINGLE)
    return _with_upper(pairs)


def _with_upper(pairs: dict[str, str]) -> dict[str, str]:
    return {**pairs, **{seq.upper(): letter.upper() for seq, letter in pairs.items()}}


# Spellings some VNI documents use besides the single-byte forms (decoded, never written).
_VNI_DECODE_ONLY = _with_upper(
    {"yï": "ỵ", **{"i" + m: _toned("i", t) for t, m in enumerate(_VNI_TONE_MARKS)}}
)
_VNI_ENCODE = {letter: seq for seq, letter in _vni_pairs().items()}
_VNI_PAIRS = {**_VNI_DECODE_ONLY, **_vni_pairs()}
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI_PAIRS), key=len, reverse=True)))


def _decode_vni(data: bytes) -> str:
    surface = data.decode("cp1252", errors="strict")
    return _VNI_RE.sub(lambda m: _VNI_PAIRS[m.group(0)], surface)


def _encode_vni(text: str) -> bytes:
    out = "".join(_VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))
    return out.encode("cp1252")


# ------------------------------------------------------------------- registry
def _table_codec(table: list[str]) -> tuple[Callable[[bytes], str], Callable[[str], bytes]]:
    decode_map = "".join(table)
    encode_map = {ch: bytes([i]) for i, ch in reversed(list(enumerate(table)))}

    def decode(data: bytes) -> str:
        if "\ufffd" in decode_map:
            bad = [b for b in set(data) if decode_map[b] == "\ufffd"]
            if bad:
                raise UnicodeDecodeError(
                    "legacy",
                    data,
                    data.index(bad[0]),
                    data.index(bad[0]) + 1,
                    "byte not used by this encoding",
                )
        return data.decode("latin-1").translate(dict(enumerate(decode_map)))

    def encode(text: str) -> bytes:
        text = unicodedata.normalize("NFC", text)
        try:
            return b"".join(encode_map[ch] for ch in text)
        except KeyError as exc:
            raise UnicodeEncodeError("legacy", text, 0, 1, f"no byte for {exc.args[0]!r}") from exc

    return decode, encode


@dataclass(frozen=True)
class LegacyCodec:
    name: str
    aliases: tuple[str, ...]
    decode: Callable[[bytes], str]
    encode: Callable[[str], bytes]


def _make_codecs() -> dict[str, LegacyCodec]:
    tcvn3 = _table_codec(_tcvn3_table())
    viscii = _table_codec(_viscii_table())
    codecs = [
        LegacyCodec("tcvn3", ("abc", "tcvn", "vn3", "tcvn5712"), *tcvn3),
        LegacyCodec("vni", ("vni-windows", "vni-win"), _decode_vni, _encode_vni),
        LegacyCodec("viscii", ("rfc1456",), *viscii),
    ]
    return {c.name: c for c in codecs}


LEGACY_CODECS: dict[str, LegacyCodec] = _make_codecs()


def legacy_codec(name: str) -> LegacyCodec | None:
    """The legacy codec called ``name`` (or one of its aliases), if any."""
    key = name.strip().lower().replace("_", "-")
    for codec in LEGACY_CODECS.values():
        if key == codec.name or key in codec.aliases:
            return codec
    return None
