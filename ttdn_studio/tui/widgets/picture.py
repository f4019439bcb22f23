"""A picture drawn with half blocks: two pixels per cell, in any 24-bit colour terminal.

Each cell is an upper half block (▀) whose foreground is the upper pixel and
whose background is the lower one, so a terminal cell (about twice as tall as
it is wide) holds two square pixels. No terminal graphics protocol is needed,
so the preview shows the same way in every terminal, over SSH and in tmux.
"""

from __future__ import annotations

from pathlib import Path

from rich.color import Color
from rich.style import Style
from rich.text import Text

UPPER_HALF = "\u2580"


def fit_cells(size: tuple[int, int], max_cols: int, max_rows: int) -> tuple[int, int]:
    """Columns and rows that show an image of ``size`` pixels as large as fits, keeping its
    shape (a row holds two pixels)."""
    width, height = size
    cols = max(1, max_cols)
    rows = max(1, round(cols * height / width / 2))
    if rows > max_rows:
        rows = max(1, max_rows)
        cols = max(1, min(max_cols, round(rows * 2 * width / height)))
    return cols, rows


def picture_text(path: Path, max_cols: int, max_rows: int) -> Text:
    """The image at ``path`` as lines of half blocks, at most ``max_cols`` × ``max_rows`` cells."""
    from PIL import Image

    with Image.open(path) as image:
        rgb = image.convert("RGB")
    cols, rows = fit_cells(rgb.size, max_cols, max_rows)
    small = rgb.resize((cols, rows * 2), Image.Resampling.LANCZOS)
    pixels = small.load()
    assert pixels is not None
    styles: dict[tuple[object, object], Style] = {}
    text = Text(no_wrap=True, overflow="crop")
    for row in range(rows):
        for col in range(cols):
            top, bottom = pixels[col, 2 * row], pixels[col, 2 * row + 1]
            style = styles.get((top, bottom))
            if style is None:
                style = styles[(top, bottom)] = Style(
                    color=Color.from_rgb(*top[:3]),  # type: ignore[index]
                    bgcolor=Color.from_rgb(*bottom[:3]),  # type: ignore[index]
                )
            text.append(UPPER_HALF, style)
        if row < rows - 1:
            text.append("\n")
    return text
