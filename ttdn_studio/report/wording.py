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
    "generated": {"vi": "Lập lúc (UTC)", "en": "Generated (UTC)"},
    "source": {"vi": "Thư mục dự án", "en": "Projects folder"},
    "summary": {"vi": "Tóm tắt", "en": "Summary"},
    "totals": {"vi": "Số liệu chung", "en": "Totals"},
    "figure": {"vi": "Chỉ tiêu", "en": "Figure"},
    "episodes": {"vi": "Số tập (dự án) đã thực hiện", "en": "Episodes (projects) produced"},
    "clips": {"vi": "Số clip đã thực hiện", "en": "Clips produced"},
    "minutes": {"vi": "Số phút phụ đề", "en": "Minutes subtitled"},
    "minutes_all": {
        "vi": "Số phút phụ đề (mọi ngôn ngữ)",
        "en": "Minutes subtitled (all languages)",
    },
    "clips_subtitled": {"vi": "Clip phụ đề xong", "en": "Clips subtitled"},
    "cues_approved": {"vi": "Câu phụ đề đã duyệt", "en": "Cues approved"},
    "clips_rendered": {"vi": "Bản dựng (clip đã xuất)", "en": "Clips rendered"},
    "projects_scanned": {"vi": "Số dự án đã đọc", "en": "Projects read"},
    "projects_skipped": {"vi": "Số dự án bỏ qua (lỗi)", "en": "Projects skipped (unreadable)"},
    "per_language": {"vi": "Theo ngôn ngữ", "en": "By language"},
    "per_month": {"vi": "Theo tháng", "en": "By month"},
    "per_project": {"vi": "Theo tập (dự án)", "en": "By episode (project)"},
    "renders": {
        "vi": "Bản dựng theo ngôn ngữ và cấu hình xuất",
        "en": "Renders by language and preset",
    },
    "lang": {"vi": "Ngôn ngữ", "en": "Language"},
    "month": {"vi": "Tháng", "en": "Month"},
    "preset": {"vi": "Cấu hình xuất", "en": "Preset"},
    "count": {"vi": "Số lượng", "en": "Count"},
    "project": {"vi": "Tập / dự án", "en": "Episode / project"},
    "qc": {"vi": "Kiểm tra chất lượng", "en": "Quality checks"},
    "qc_overridden": {
        "vi": "Câu được duyệt khi còn lỗi kiểm tra",
        "en": "Cues approved with QC errors overridden",
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
    "definitions": {"vi": "Cách tính", "en": "How the figures are counted"},
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

DEFINITIONS: dict[str, list[str]] = {
    "vi": [
        "Câu đã duyệt: bản dịch có trạng thái 'approved', tính theo thời điểm sửa cuối cùng "
        "(updated_at, giờ UTC) nằm trong kỳ.",
        "Số phút phụ đề của một ngôn ngữ: tổng thời lượng (cuối câu cuối − đầu câu đầu) của "
        "các clip mà mọi câu có lời gốc đều đã duyệt bằng ngôn ngữ đó; clip được tính vào "
        "tháng của lần duyệt cuối cùng.",
        "Bản dựng: lượt xuất clip hoàn tất (status 'done') theo thời điểm kết thúc; một bản "
        "dựng nhiều ngôn ngữ được tính cho từng ngôn ngữ.",
        "Tập đã thực hiện: dự án có ít nhất một câu được duyệt hoặc một clip được xuất trong "
        "kỳ; clip đã thực hiện: clip phụ đề xong ở ít nhất một ngôn ngữ hoặc đã xuất.",
        "Câu duyệt khi còn lỗi: câu đã duyệt trong kỳ hiện vẫn có lỗi kiểm tra mức 'error'.",
    ],
    "en": [
        "Cues approved: translations with status 'approved', counted by their last change "
        "(updated_at, UTC) inside the period.",
        "Minutes subtitled in a language: total duration (end of the last cue − start of the "
        "first) of the clips in which every cue with source text is approved in that language, "
        "counted in the month of the last approval.",
        "Renders: finished clip renders (status 'done') by their finishing time; a render with "
        "several languages counts once for each language.",
        "Episodes produced: projects with at least one cue approved or one clip rendered in the "
        "period; clips produced: clips subtitled in at least one language or rendered.",
        "Cues approved with QC errors overridden: cues approved in the period that currently "
        "carry at least one QC finding of severity 'error'.",
    ],
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
