"""How cues look in the desk: status marks, times, truncated cells, jump targets."""

from __future__ import annotations

import re
import unicodedata
from datetime import tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any

from rich.cells import get_character_cell_size
from rich.text import Text

from ttdn_studio.layout.lines import split_lines
from ttdn_studio.layout.measure import char_count, strip_tags
from ttdn_studio.models import Status, Translation
from ttdn_studio.models.profiles import LanguageProfile
from ttdn_studio.models.station import StationProfile, clock_time
from ttdn_studio.store.project_store import OUTDATED_FLAG as OUTDATED_FLAG

TERM_FLAG = "term-check-failed"

STATUS_MARKS: dict[Status, str] = {
    Status.EMPTY: "○",
    Status.MT: "◌",
    Status.DRAFT: "✎",
    Status.REVIEWED: "✓",
    Status.APPROVED: "✔",
}
FLAG_MARK = "⚑"
OUTDATED_MARK = "↻"  # the source changed after this translation was written
STATUS_STYLES: dict[Status, str] = {
    Status.EMPTY: "dim",
    Status.MT: "magenta",
    Status.DRAFT: "yellow",
    Status.REVIEWED: "cyan",
    Status.APPROVED: "green",
}

LANG_NAMES = {"vi": "Tiếng Việt", "en": "English", "km": "ខ្មែរ Khmer"}

_TIME_RE = re.compile(r"^(?:(\d+):)?(?:(\d+):)?(\d+)(?:[.,](\d{1,3}))?$")


def status_mark(tr: Translation | None) -> str:
    """The workflow mark, plus ⚑ when the term check failed and ↻ when outdated."""
    if tr is None:
        return STATUS_MARKS[Status.EMPTY]
    mark = STATUS_MARKS[Status(tr.status)]
    mark = mark + FLAG_MARK if TERM_FLAG in tr.flags else mark
    return mark + OUTDATED_MARK if OUTDATED_FLAG in tr.flags else mark


def desk_words(message: str) -> str:
    """A QC finding's message in the desk's words: its keys, not a command to type."""
    from ttdn_studio.qc.spelling import ACCEPT_HINT

    return message.replace(ACCEPT_HINT, "(Alt+Shift+D on the word in the editor accepts it)")


def clock(ms: int, *, tenths: bool = True) -> str:
    """``m:ss.d`` (or ``h:mm:ss.d`` past an hour) for the grid's time column."""
    s, rest = divmod(max(ms, 0), 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    frac = f".{rest // 100}" if tenths else f".{rest:03d}"
    return f"{h}:{m:02d}:{s:02d}{frac}" if h else f"{m}:{s:02d}{frac}"


def one_line(text: str) -> str:
    return text.replace("\n", " ⏎ ")


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """The cells a terminal gives one character, by the system's wcwidth rules (glibc's,
    which tmux, xterm and VTE follow): a spacing combining mark (Unicode category Mc:
    the Khmer vowel signs ា ើ ៅ…) takes a cell; a non-spacing mark (Mn: ់ ិ, the COENG
    ្) takes none; East Asian wide characters take two."""
    if unicodedata.category(ch) == "Mc":
        return 1
    return get_character_cell_size(ch)


def text_width(text: str) -> int:
    """The cells ``text`` takes in the terminal (see :func:`char_width`)."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


_COENG = "\u17d2"  # Khmer sign: the next consonant is written below, in the same cluster


def clip_text(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` terminal cells with an ellipsis.

    Widths are the terminal's (:func:`text_width`), so a Khmer cell is not wider on
    screen than its column; a cut never separates a letter from its marks.
    """
    flat = one_line(text)
    if width <= 0:
        return ""
    if text_width(flat) <= width:
        return flat
    room, used, end = width - 1, 0, 0
    for i, ch in enumerate(flat):
        cells = char_width(ch)
        if used + cells > room:
            break
        used += cells
        if i + 1 < len(flat) and (char_width(flat[i + 1]) == 0 or ch == _COENG):
            continue  # a mark or a subscript follows: not a place to cut
        end = i + 1
    return flat[:end] + "…"


_PATCHED: list[bool] = []


def measure_like_the_terminal() -> bool:
    """Make Rich, and through it Textual, measure text as :func:`char_width` does.

    Rich counts a spacing combining mark as zero cells, while terminals using the
    system's wcwidth (tmux, xterm, VTE) draw it in a cell of its own: every Khmer
    vowel sign then pushed the rest of a line one cell to the right, past its column
    and the screen's edge. Rich has no setting for this, so its width table (where
    a character without an entry takes one cell) loses its Mc entries. Idempotent.
    False when this Rich keeps its table elsewhere (the desk then works, with Khmer
    lines measured Rich's way: ``ttdn doctor`` says so).
    """
    if _PATCHED:
        return True
    try:
        from rich import cells
        from rich._unicode_data import load
        from rich.segment import Segment

        widths = load("auto").widths
    except (ImportError, AttributeError, TypeError, ValueError):
        return False
    if not isinstance(widths, list):  # a Rich whose table is not the one expected
        return False
    fixed: list[tuple[int, int, int]] = []
    for start, end, cells_ in widths:
        if cells_ != 0:
            fixed.append((start, end, cells_))
            continue
        run: int | None = None
        for cp in range(start, end + 1):
            spacing = unicodedata.category(chr(cp)) == "Mc"
            if spacing and run is not None:
                fixed.append((run, cp - 1, 0))
                run = None
            elif not spacing and run is None:
                run = cp
        if run is not None:
            fixed.append((run, end, 0))
    widths[:] = fixed
    cells.get_character_cell_size.cache_clear()
    cells.cached_cell_len.cache_clear()
    clear = getattr(getattr(Segment, "_split_cells", None), "cache_clear", None)
    if clear is not None:
        clear()
    _PATCHED.append(True)
    return True


def khmer_breaks(line: str, width: int) -> list[int]:
    """Where to break ``line`` (no newline) into rows of at most ``width`` cells: between
    Khmer words (khmercut's) and at spaces, as the subtitles break it; a word wider than a
    row is cut between clusters, never before a vowel sign or inside a subscript (COENG).
    A space at a break stays at the end of the row before it."""
    from rich.cells import cell_len

    from ttdn_studio.layout.khmer import khmer_tokens

    breaks: list[int] = []
    start = pos = 0
    for token in khmer_tokens(line) if line else ():
        end = pos + len(token)
        if cell_len(line[start:end]) > width and not token.isspace() and pos > start:
            breaks.append(pos)
            start = pos
        while cell_len(line[start:end]) > width and not token.isspace():
            cut = start + _cluster_cut(line[start:end], width)
            breaks.append(cut)
            start = cut
        pos = end
    return breaks


def _cluster_cut(word: str, width: int) -> int:
    """The longest start of ``word`` within ``width`` cells that ends between clusters."""
    from rich.cells import cell_len

    from ttdn_studio.layout.khmer import COENG, is_mark

    best = 1
    for i in range(1, len(word)):
        if cell_len(word[:i]) > width:
            break
        if not is_mark(word[i]) and COENG not in (word[i], word[i - 1]):  # a cluster starts
            best = i
    return best


class KhmerWrapped:
    """Text with Khmer, wrapped to the width it is drawn at between words
    (:func:`khmer_breaks`), its styles kept: Rich, finding no spaces, folds Khmer at any
    character, even between a consonant and its vowel sign."""

    def __init__(self, text: str | Text) -> None:
        self.text = Text(text) if isinstance(text, str) else text

    def __rich_console__(self, console: Any, options: Any) -> Any:
        text, width = self.text, max(options.max_width, 1)
        cuts, at = [], 0
        for line in text.plain.split("\n"):
            cuts += [at + cut for cut in khmer_breaks(line, width)]
            at += len(line) + 1
        rows = text.divide(cuts)
        for row in rows:
            row.rstrip()
        yield Text("").join(
            Text.assemble(row, "\n") if i < len(rows) - 1 and not row.plain.endswith("\n") else row
            for i, row in enumerate(rows)
        )

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.cells import cell_len
        from rich.measure import Measurement

        return Measurement(2, max(cell_len(line) for line in self.text.plain.split("\n")))


_WRAP_PATCHED: list[bool] = []


def wrap_khmer_between_words() -> bool:
    """Make Textual's TextArea soft-wrap Khmer lines between words (:func:`khmer_breaks`).

    Textual, finding no spaces in Khmer, folded a line at any character: a subscript was
    torn from its COENG (សមុទ្ | រ), a vowel sign from its consonant. Lines without Khmer,
    or with tabs, wrap as Textual wraps them. Idempotent; False when this Textual wraps
    elsewhere (the editor then works, folding Khmer Textual's way).
    """
    if _WRAP_PATCHED:
        return True
    try:
        from textual.document import _wrapped_document as wrapped
    except ImportError:
        return False
    textual_wrap = getattr(wrapped, "compute_wrap_offsets", None)
    if textual_wrap is None:
        return False
    from ttdn_studio.layout.khmer import has_khmer

    def wrap_offsets(text: str, width: int, tab_size: int, *args: Any, **kwargs: Any) -> list[int]:
        if width <= 0 or "\t" in text or not has_khmer(text):
            return list(textual_wrap(text, width, tab_size, *args, **kwargs))
        return khmer_breaks(text, width)

    wrapped.compute_wrap_offsets = wrap_offsets
    _WRAP_PATCHED.append(True)
    return True


KHMER_SAMPLE = "ខេត្តទឹកខ្មៅ"  # vowel signs (Mc) and subscript consonants (Mn)


def khmer_measured_like_the_terminal() -> bool:
    """Whether Rich (after :func:`measure_like_the_terminal`) gives Khmer the cells the
    terminal draws: what ``ttdn doctor`` reports for the desk."""
    from rich.cells import cell_len

    measure_like_the_terminal()
    return cell_len(KHMER_SAMPLE) == text_width(KHMER_SAMPLE)


_SEPARATORS = " ,:;-–—"


def common_title_part(titles: list[str]) -> str:
    """What every title begins with (the series name), up to a word boundary."""
    if len(titles) < 2:
        return ""
    import os.path

    prefix = os.path.commonprefix(titles)
    if not all(len(t) == len(prefix) or t[len(prefix)] in _SEPARATORS for t in titles):
        # back to the last punctuation ("…người, tập 3" keeps "tập 3" whole), else a space
        cut = max(prefix.rfind(ch) for ch in ",:;–—-")
        prefix = prefix[: cut if cut > 0 else max(prefix.rfind(" "), 0)]
    return prefix if prefix.rstrip(_SEPARATORS) else ""


def distinct_title(title: str, common: str, width: int) -> str:
    """A title cut to ``width`` cells with its own part (episode, subtitle) first when
    it does not fit: "tập 3: Rừng đước · Cà Mau - Đất và…" rather than the series name."""
    flat = one_line(title)
    if text_width(flat) <= width or not common or not flat.startswith(common):
        return clip_text(flat, width)
    own = flat[len(common) :].strip(_SEPARATORS)
    if not own:
        return clip_text(flat, width)
    return clip_text(f"{own} · {common.strip(_SEPARATORS)}", width)


def parse_jump(value: str) -> tuple[str, int] | None:
    """``"12"`` → ("index", 12); ``"1:05"`` / ``"00:01:05.200"`` → ("time", ms); else None."""
    value = value.strip()
    if value.isdigit():
        return ("index", int(value))
    if ":" not in value:
        return None
    match = _TIME_RE.match(value)
    if not match:
        return None
    parts = [int(p) for p in value.split(".")[0].split(",")[0].split(":")]
    frac = match.group(4) or "0"
    h, m, s = ([0] * (3 - len(parts)) + parts)[-3:]
    return ("time", ((h * 60 + m) * 60 + s) * 1000 + int(frac.ljust(3, "0")))


RATE_WIDTH = 8  # "2.5s  16": the duration and the reading speed


def rate_cell(duration_ms: int, text: str, profile: LanguageProfile) -> Text:
    """Duration and characters per second of ``text``, coloured against ``profile``:
    red above the profile's limit (or a duration out of its bounds), yellow within 10%
    of the limit, dim otherwise; no speed for an empty text."""
    seconds = duration_ms / 1000
    dur_style = (
        "bold red" if not profile.min_duration_ms <= duration_ms <= profile.max_duration_ms else ""
    )
    out = Text(f"{seconds:.1f}s".rjust(5), style=dur_style)
    if not text.strip() or seconds <= 0:
        return out
    # the count the QC's cps check makes (ttdn_studio.qc.checks_layout.reading_chars),
    # without importing the checks before the desk's first frame
    chars = sum(char_count(strip_tags(line)) for line in split_lines(text))
    cps = chars / seconds
    limit = profile.max_cps
    style = "bold red" if cps > limit + 1e-9 else "yellow" if cps > 0.9 * limit else "dim"
    out.append(f"{cps:>3.0f}", style=style)
    return out


NOTE_MARK = "✉"  # the cue has a note not resolved yet
_MARKED = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.DOTALL)
REMOVED_STYLE = "bold red strike"
ADDED_STYLE = "bold green underline"


def changes_text(marked: str, *, show: str = "both") -> Text:
    """A text marked by ``reviewing.mark_changes`` (``[-old-]``, ``{+new+}``) as Rich text:
    removed words struck out in red, added words underlined in green. ``show``: ``old``
    keeps only the text as it was, ``new`` only the text as it is, ``both`` the two."""
    out = Text()
    at = 0
    for m in _MARKED.finditer(marked):
        out.append(marked[at : m.start()])
        removed, added = m.group(1), m.group(2)
        if removed is not None and show in ("old", "both"):
            out.append(removed, style=REMOVED_STYLE)
        if added is not None and show in ("new", "both"):
            out.append(added, style=ADDED_STYLE)
        at = m.end()
    out.append(marked[at:])
    return out


def local_time(stamp: str, zone: tzinfo, *, short: bool = False) -> str:
    """A stored UTC time stamp on the station's clock (see ``models.station.clock_time``)."""
    return clock_time(stamp, zone, short=short)


DIALOG_WIDTH = 110  # the notes and history dialogs (at most 95% of the terminal)
COMPACT_BELOW = 100  # terminals narrower than this get the dialogs' compact columns


def dialog_columns(
    terminal_width: int, wide: dict[str, int], compact: dict[str, int]
) -> tuple[dict[str, int], int]:
    """Widths of a dialog table's fixed columns, and what is left for its last column."""
    fixed = compact if terminal_width < COMPACT_BELOW else wide
    inner = min(DIALOG_WIDTH, terminal_width * 95 // 100) - 2 - 4 - 2  # border, padding, bar
    last = inner - sum(fixed.values()) - 2 * (len(fixed) + 1)
    return fixed, max(12, last)


def station_profile(project: Path | None = None) -> StationProfile:
    """The station profile (station.toml), or the defaults if it cannot be read.

    ``project``: the station of this project folder, whose profile is looked for in the
    folder that holds it (as the CLI does), then in the config folder."""
    from ttdn_studio.errors import TtdnError
    from ttdn_studio.models.station import StationProfile, load_station

    try:
        return load_station(project.resolve().parent if project is not None else None)
    except (TtdnError, OSError, ValueError):
        return StationProfile()


def station_zone(project: Path | None = None) -> tzinfo:
    """The station's time zone (see :func:`station_profile`)."""
    return station_profile(project).zone
