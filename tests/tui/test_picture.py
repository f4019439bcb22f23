"""The half-block picture: two pixels per terminal cell, the image's shape kept."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from ttdn_studio.tui.widgets.picture import UPPER_HALF, fit_cells, picture_text


def test_fit_keeps_the_shape_within_the_room() -> None:
    assert fit_cells((1920, 1080), 160, 100) == (160, 45)  # 160 × 90 pixels: 16:9
    assert fit_cells((1920, 1080), 160, 30) == (107, 30)  # height-bound: 107 × 60 pixels
    assert fit_cells((1080, 1920), 100, 40) == (45, 40)  # vertical 9:16 clip
    assert fit_cells((10, 10), 0, 0) == (1, 1)


def test_each_cell_holds_an_upper_and_a_lower_pixel(tmp_path: Path) -> None:
    colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)]
    image = Image.new("RGB", (2, 4))
    for y, colour in enumerate(colours):
        for x in range(2):
            image.putpixel((x, y), colour)
    path = tmp_path / "bands.png"
    image.save(path)
    text = picture_text(path, 2, 10)
    assert text.plain == f"{UPPER_HALF * 2}\n{UPPER_HALF * 2}"
    cells = [(text.plain[s.start], s.style) for s in text.spans]
    assert len(cells) == 4
    pairs = [(s.color.get_truecolor(), s.bgcolor.get_truecolor()) for _, s in cells]  # type: ignore[union-attr]
    assert pairs[:2] == [((255, 0, 0), (0, 255, 0))] * 2
    assert pairs[2:] == [((0, 0, 255), (255, 255, 255))] * 2
