"""Labels, numbers and sentences of the report in Vietnamese (default) or English."""

from __future__ import annotations

from datetime import date

from ttdn_studio.errors import ReportError
from ttdn_studio.report.model import Period

LANGS = ("vi", "en")

LABELS: dict[str, dict[str, str]] = {
    "title": {
        "vi": "Báo cáo kết quả sản xuất thông tin đối ngoại",
        "en": "Foreign-information production report",
    },
    "period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "generated": {"vi": "Lập lúc", "en": "Generated"},
    "source": {"vi": "Thư mục dự án", "en": "Projects folder"},
    "summary": {"vi": "Tóm tắt", "en": "Summary"},
    "totals": {"vi": "Số liệu chung", "en": "Totals"},
    "figure": {"vi": "Chỉ tiêu", "en": "Figure"},
    "episodes": {
        "vi": "Số tập có sản phẩm trong kỳ",
        "en": "Episodes with work finished in the period",
    },
    "clips_total": {
        "vi": "Tổng số clip của các tập đó",
        "en": "Clips in those episodes (finished or not)",
    },
    "clips": {
        "vi": "Số clip hoàn thành trong kỳ (đủ phụ đề hoặc đã xuất bản giao)",
        "en": "Clips finished in the period (fully subtitled or delivered)",
    },
    "draft_renders": {
        "vi": "Bản nháp để kiểm tra (không tính là bản giao)",
        "en": "Proof renders for checking (not counted as delivered)",
    },
    "minutes": {"vi": "Số phút phụ đề", "en": "Minutes subtitled"},
    "minutes_all": {
        "vi": "Số phút phụ đề (mọi ngôn ngữ)",
        "en": "Minutes subtitled (all languages)",
    },
    "clips_subtitled": {"vi": "Clip có đủ phụ đề", "en": "Clips fully subtitled"},
    "cues_approved": {"vi": "Câu phụ đề đã duyệt", "en": "Subtitle lines approved"},
    "clips_rendered": {
        "vi": "Bản giao (clip đã xuất để phát sóng, đăng tải)",
        "en": "Clips delivered (rendered for air or web)",
    },
    "projects_scanned": {"vi": "Số dự án đã đọc", "en": "Projects read"},
    "projects_skipped": {"vi": "Số dự án bỏ qua (lỗi)", "en": "Projects skipped (unreadable)"},
    "per_language": {"vi": "Theo ngôn ngữ", "en": "By language"},
    "per_month": {"vi": "Theo tháng", "en": "By month"},
    "per_project": {"vi": "Theo tập (dự án)", "en": "By episode (project)"},
    "renders": {
        "vi": "Bản giao theo ngôn ngữ và cấu hình xuất",
        "en": "Delivered clips by language and output preset",
    },
    "lang": {"vi": "Ngôn ngữ", "en": "Language"},
    "month": {"vi": "Tháng", "en": "Month"},
    "preset": {"vi": "Cấu hình xuất", "en": "Preset"},
    "count": {"vi": "Số lượng", "en": "Count"},
    "project": {"vi": "Tập / dự án", "en": "Episode / project"},
    "qc": {"vi": "Kiểm tra chất lượng", "en": "Quality checks"},
    "qc_overridden": {
        "vi": "Câu được duyệt dù kiểm tra tự động còn báo lỗi",
        "en": "Lines approved although the automatic check still reports an error",
    },
    "share": {"vi": "Tỉ lệ", "en": "Share"},
    "not_available": {"vi": "không có số liệu", "en": "not available"},
    "terms": {"vi": "Thuật ngữ dùng nhiều nhất", "en": "Most used glossary terms"},
    "term_vi": {"vi": "Tiếng Việt", "en": "Vietnamese"},
    "term_en": {"vi": "Tiếng Anh", "en": "English"},
    "tm": {"vi": "Bộ nhớ dịch", "en": "Translation memory"},
    "tm_added": {"vi": "Số mục thêm mới", "en": "Entries added"},
    "tm_added_total": {"vi": "Cộng số mục thêm mới trong kỳ", "en": "Added in the period"},
    "tm_total": {"vi": "Tổng số mục hiện có", "en": "Entries in total"},
    "chart": {
        "vi": "Số phút phụ đề theo tháng và ngôn ngữ",
        "en": "Minutes subtitled per month and language",
    },
    "definitions": {"vi": "Cách tính số liệu", "en": "How the figures are counted"},
    "warnings": {"vi": "Lưu ý", "en": "Notes"},
    "nothing": {
        "vi": "Không có sản phẩm nào trong kỳ báo cáo.",
        "en": "Nothing was produced in this period.",
    },
    "nothing_body": {
        "vi": "không có sản phẩm nào được thực hiện: chưa có câu phụ đề nào được "
        "duyệt, chưa có clip nào được phụ đề xong và chưa có bản dựng nào "
        "được xuất.",
        "en": "nothing was produced: no cue was approved, no clip was subtitled "
        "and no clip was rendered.",
    },
}

LANG_NAMES: dict[str, dict[str, str]] = {
    "vi": {
        "vi": "tiếng Việt",
        "en": "tiếng Anh",
        "km": "tiếng Khmer",
        "fr": "tiếng Pháp",
        "zh": "tiếng Trung",
        "ja": "tiếng Nhật",
        "ko": "tiếng Hàn",
        "lo": "tiếng Lào",
    },
    "en": {
        "vi": "Vietnamese",
        "en": "English",
        "km": "Khmer",
        "fr": "French",
        "zh": "Chinese",
        "ja": "Japanese",
        "ko": "Korean",
        "lo": "Lao",
    },
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ReportError(f"reports are written in {' or '.join(LANGS)}, not {lang!r}")
    return lang


def cap(text: str) -> str:
    """Upper-case the first letter only (``tiếng Anh`` → ``Tiếng Anh``)."""
    return text[:1].upper() + text[1:]


def label(key: str, lang: str) -> str:
    return LABELS[key][lang]


def lang_name(code: str, lang: str) -> str:
    fallback = f"tiếng {code}" if lang == "vi" else code
    return LANG_NAMES[lang].get(code, fallback)


def number(value: float | int, lang: str, decimals: int = 1) -> str:
    """``1234.5`` → ``1.234,5`` in Vietnamese, ``1,234.5`` in English; integers stay integers."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(share: float, lang: str) -> str:
    return f"{number(share * 100, lang)} %" if lang == "vi" else f"{number(share * 100, lang)}%"


def _day(d: date, lang: str) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if lang == "vi" else d.isoformat()


def period_text(period: Period, lang: str) -> str:
    """``năm 2026`` / ``2026`` for a calendar year, else the two dates."""
    if period.is_calendar_year:
        return f"năm {period.start.year}" if lang == "vi" else str(period.start.year)
    if lang == "vi":
        return f"từ ngày {_day(period.start, lang)} đến ngày {_day(period.end, lang)}"
    return f"{_day(period.start, lang)} to {_day(period.end, lang)}"


def period_phrase(period: Period, lang: str) -> str:
    """The opening words of the summary: ``Trong năm 2026`` / ``In 2026``."""
    text = period_text(period, lang)
    if lang == "vi":
        return f"Trong {text}" if period.is_calendar_year else text[0].upper() + text[1:]
    return f"In {text}" if period.is_calendar_year else f"From {text}"


def definitions(lang: str, tz: str, delivered: list[str], drafts: list[str]) -> list[str]:
    """How each figure is counted, in words a reader outside the team understands."""
    counted = ", ".join(delivered) if delivered else ("không có" if lang == "vi" else "none")
    left_out = ", ".join(drafts)
    if lang == "vi":
        return [
            f"Mọi ngày, tháng tính theo giờ của đài (múi giờ {tz}).",
            "Câu phụ đề đã duyệt: câu có bản dịch đã được người duyệt chấp thuận, tính vào ngày "
            "duyệt; sửa lỗi nhỏ sau khi duyệt không làm đổi ngày này.",
            "Số phút phụ đề của một ngôn ngữ: tổng thời lượng các clip đã có đủ phụ đề ngôn ngữ "
            "đó (mọi câu có lời đều đã duyệt); clip được tính vào tháng duyệt câu cuối cùng.",
            "Tập có phụ đề tiếng Anh: tập mà mọi clip có lời đều đã có đủ phụ đề tiếng Anh, "
            "hoàn thành trong kỳ.",
            f"Bản giao: lượt xuất clip hoàn tất với cấu hình để phát sóng hoặc đăng tải ({counted}); "
            f"bản nháp để kiểm tra ({left_out}) không được tính. Một bản có hai ngôn ngữ phụ đề "
            "được tính cho mỗi ngôn ngữ.",
            "Tập có sản phẩm: tập có ít nhất một câu được duyệt hoặc một clip được xuất trong kỳ. "
            "Clip hoàn thành: clip có đủ phụ đề ở ít nhất một ngôn ngữ, hoặc đã xuất bản giao.",
            "Người dịch và người duyệt: lấy từ nhật ký chỉnh sửa của từng tập (tên người dùng "
            "trên máy); “không ghi nhận” khi nhật ký không có thông tin này; “dịch máy” khi bản "
            "dịch máy được duyệt không sửa.",
            "Câu duyệt dù còn lỗi: câu được duyệt trong kỳ mà đến nay phần kiểm tra tự động vẫn "
            "báo lỗi (ví dụ quá số dòng, đọc quá nhanh).",
            "Thuật ngữ thống nhất: số thuật ngữ trong bảng thuật ngữ chung và bảng riêng của đài, "
            "của từng tập; số tệp thuật ngữ cập nhật trong kỳ tính theo ngày sửa tệp.",
        ]
    return [
        f"All days and months are in the station's time ({tz}).",
        "Subtitle lines approved: lines whose translation a reviewer accepted, counted on the "
        "day of the approval; a small fix after the approval does not move it.",
        "Minutes subtitled in a language: total running time of the clips fully subtitled in "
        "that language (every spoken line approved), counted in the month of the last approval.",
        "Episodes with English subtitles: episodes whose every spoken clip is fully subtitled "
        "in English, finished in the period.",
        f"Clips delivered: finished renders with a preset for air or web ({counted}); proof "
        f"renders for checking ({left_out}) are not counted. A clip with two subtitle "
        "languages counts once for each.",
        "Episodes with work: at least one line approved or one clip rendered in the period. "
        "Clips finished: fully subtitled in at least one language, or delivered.",
        "Translator and reviewer: from each episode's edit log (the computer user name); "
        "“not recorded” when the log does not say; “machine translation” when a machine "
        "draft was approved unchanged.",
        "Lines approved despite an error: approved in the period, and the automatic check "
        "still reports an error on them today (e.g. too many lines, reading too fast).",
        "Unified terminology: terms in the shared glossary and the station's and episodes' own "
        "lists; glossary files updated in the period, by the file's date.",
    ]
