"""The render queue's job labels."""

from __future__ import annotations


def test_render_job_label_says_how_far_how_fast_and_how_long() -> None:
    from ttdn_studio.tui.screens.render import job_detail

    assert job_detail("tap-01.en.web", 42.4, 3.25, 95) == "tap-01.en.web  42%  3.2x  1:35 left"
    assert job_detail("tap-01.km.web", 0.0, None, None) == "tap-01.km.web  0%"
    assert job_detail("x", 99.9, 12.0, 4.4) == "x  100%  12.0x  4 s left"
