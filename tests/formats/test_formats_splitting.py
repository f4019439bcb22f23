"""Cutting narration into cues: pieces fit the profile, nothing is lost, timing follows reading speed."""

from __future__ import annotations

import pytest

from ttdn_studio.formats import align_pieces, estimate_times, split_script, wrap_lines
from ttdn_studio.formats.splitting import reading_ms, split_sentences
from ttdn_studio.models import Project
from ttdn_studio.models.profiles import LanguageProfile, profile_for

PARAGRAPHS = [
    "Cà Mau là tỉnh cực Nam của Tổ quốc, nơi có Mũi Cà Mau, rừng U Minh Hạ và vườn quốc gia "
    "Mũi Cà Mau với hệ sinh thái rừng ngập mặn đặc trưng của vùng đất mũi.",
    "Thực hiện Kế hoạch số 56/KH-UBND ngày 10/6/2020 của Ủy ban nhân dân tỉnh, Đài Phát thanh - "
    "Truyền hình Cà Mau tiếp tục sản xuất chương trình “Cà Mau - Đất và người” có phụ đề tiếng Anh; "
    "tăng thời lượng thông tin đối ngoại trong chương trình tiếng Khmer. TP. Cà Mau là trung tâm của tỉnh!",
    "Ngắn.",
    "Mộttừrấtdàikhôngcókhoảngtrắngnàocảđểkiểmtraviệccắtcứngkhiđoạnvănkhôngcóchỗngắttựnhiênnàohết",
]
PROFILES = [
    profile_for(None, "vi"),
    profile_for(None, "en"),
    LanguageProfile(lang="vi", max_chars=20, max_lines=1),
    LanguageProfile(lang="km", max_chars=None, max_lines=2, measure="width"),
]


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: f"{p.lang}-{p.max_chars}x{p.max_lines}")
@pytest.mark.parametrize("paragraph", PARAGRAPHS, ids=range(len(PARAGRAPHS)))
def test_pieces_fit_and_no_word_is_lost(paragraph: str, profile: LanguageProfile) -> None:
    pieces = split_script(paragraph, profile)
    line_limit = profile.max_chars or 38
    for piece in pieces:
        lines = piece.split("\n")
        assert len(lines) <= profile.max_lines
        assert all(0 < len(line) <= line_limit for line in lines), piece
    assert "".join("".join(pieces).split()) == "".join(paragraph.split())
    assert " ".join(" ".join(pieces).split()) == " ".join(paragraph.split()) or " " not in paragraph


def test_sentences_split_but_abbreviations_do_not() -> None:
    sentences = split_sentences("TP. Cà Mau nằm bên sông. Ông Mr. Lâm nói: “Đẹp quá!” Rồi đi.")
    assert sentences == ["TP. Cà Mau nằm bên sông.", "Ông Mr. Lâm nói: “Đẹp quá!”", "Rồi đi."]


def test_a_lower_case_letter_after_a_full_stop_goes_on_the_sentence() -> None:
    """As in machine translation and the memory: the letter's case decides, accents or not."""
    assert split_sentences("Nhà ở đây. ở đó thì khác. Ở kia thì khác nữa.") == [
        "Nhà ở đây. ở đó thì khác.",
        "Ở kia thì khác nữa.",
    ]
    assert split_sentences("Xa lắm. “đúng vậy.” Đi thôi.") == ["Xa lắm. “đúng vậy.”", "Đi thôi."]


def test_long_sentence_is_cut_at_clause_boundaries_first() -> None:
    profile = profile_for(None, "vi")
    pieces = split_script(PARAGRAPHS[1], profile)
    assert len(pieces) > 2
    clause_ends = sum(1 for p in pieces[:-1] if p.rstrip()[-1] in ",;.!")
    assert clause_ends >= len(pieces) // 2


def test_wrap_lines_balances_and_prefers_punctuation() -> None:
    wrapped = wrap_lines("Rừng U Minh Hạ, nơi những cánh rừng tràm bạt ngàn", 42)
    first, second = wrapped.split("\n")
    assert first == "Rừng U Minh Hạ, nơi những" or first.endswith(",")
    assert max(len(first), len(second)) <= 42
    assert wrap_lines("Đất Mũi", 42) == "Đất Mũi"


def test_align_pieces_keeps_all_words_and_cuts_at_clause_ends() -> None:
    source = split_script(PARAGRAPHS[0], profile_for(None, "vi"))
    target = (
        "Ca Mau is the southernmost province of the country, home to Ca Mau Cape, the U Minh Ha "
        "forest and Mui Ca Mau national park, with the mangrove ecosystem typical of the cape."
    )
    parts = align_pieces(target, source)
    assert len(parts) == len(source)
    assert " ".join(p for p in parts if p) == target
    assert all(parts)
    assert sum(p.endswith(",") for p in parts[:-1]) >= 1


def test_align_pieces_with_fewer_words_than_pieces() -> None:
    parts = align_pieces("Hello there", ["một", "hai", "ba"])
    assert len(parts) == 3
    assert " ".join(p for p in parts if p) == "Hello there"


def test_reading_time_is_clamped_and_follows_cps() -> None:
    profile = profile_for(None, "vi")
    assert reading_ms("Ừ", profile) == profile.min_duration_ms
    assert reading_ms("x" * 1000, profile) == profile.max_duration_ms
    text = "Cà Mau là tỉnh cực Nam của Tổ quốc"  # 34 chars at 17 cps = 2 s
    assert reading_ms(text, profile) == 2000


def test_estimated_times_have_two_frame_gaps() -> None:
    project = Project(title="t", fps=25)
    gap = project.frames_to_ms(2)
    times = estimate_times([1000, 2000, 1500], gap, start_ms=500)
    assert times == [(500, 1500), (1580, 3580), (3660, 5160)]


def test_times_squeeze_into_a_window() -> None:
    times = estimate_times([3000, 3000], 80, start_ms=0, window_end=4000)
    assert times[-1][1] <= 4000 and times[0][1] + 80 <= times[1][0]
