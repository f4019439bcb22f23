"""Short texts from a report: the summary paragraph and the lines the Projects screen shows."""

from __future__ import annotations

from ttdn_studio.report.model import Report
from ttdn_studio.report.wording import (
    cap,
    check_lang,
    label,
    lang_name,
    number,
    percent,
    period_phrase,
    period_text,
)


def _language_parts(report: Report, lang: str) -> list[str]:
    parts: list[str] = []
    for fig in report.per_language:
        if not (fig.minutes or fig.cues_approved):
            continue
        name, minutes = lang_name(fig.lang, lang), number(fig.minutes, lang)
        if lang == "vi":
            parts.append(
                f"{name} {minutes} phút ({number(fig.cues_approved, lang)} câu được duyệt)"
            )
        else:
            parts.append(
                f"{minutes} minutes in {name} ({number(fig.cues_approved, lang)} cues approved)"
            )
    return parts


def _join(parts: list[str], lang: str) -> str:
    word = " và " if lang == "vi" else " and "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + word + parts[-1]


def _main_sentence(report: Report, lang: str) -> str:
    t = report.totals
    opening = period_phrase(report.period, lang)
    langs = _language_parts(report, lang)
    if lang == "vi":
        text = (
            f"{opening}, Đài đã làm việc trên {t.episodes} tập phim, hoàn thành {t.clips} "
            f"trong tổng số {t.clips_total} clip của các tập đó"
        )
        text += f"; phụ đề {_join(langs, lang)}" if langs else ""
        return text + f"; xuất {t.clips_rendered} bản giao để phát sóng, đăng tải."
    text = (
        f"{opening}, the station worked on {t.episodes} episodes and finished {t.clips} of "
        f"their {t.clips_total} clips"
    )
    text += f"; subtitled {_join(langs, lang)}" if langs else ""
    return text + f"; delivered {t.clips_rendered} clips for air or web."


def _extra_sentences(report: Report, lang: str) -> list[str]:
    out: list[str] = []
    qc, tm = report.qc_overridden, report.tm_growth
    if qc.available and qc.approved:
        share = percent(qc.share, lang)
        out.append(
            f"Có {number(qc.cues, lang)} câu ({share}) được duyệt dù kiểm tra tự động còn báo lỗi."
            if lang == "vi"
            else f"{number(qc.cues, lang)} lines ({share}) were approved although the automatic "
            "check still reports an error."
        )
    if tm.available and tm.added:
        added = number(tm.added, lang)
        out.append(
            f"Bộ nhớ dịch tăng thêm {added} mục."
            if lang == "vi"
            else f"The translation memory grew by {added} entries."
        )
    return out


def summary_paragraph(report: Report, lang: str = "vi") -> str:
    """The short paragraph that opens the HTML and DOCX reports."""
    check_lang(lang)
    if report.is_empty:
        opening = period_phrase(report.period, lang)
        return f"{opening}, {label('nothing_body', lang)}"
    return " ".join([_main_sentence(report, lang), *_extra_sentences(report, lang)])


def summary_lines(report: Report, lang: str = "vi") -> list[str]:
    """A few short lines of totals (for the Projects screen of the desk)."""
    check_lang(lang)
    t = report.totals
    when = period_text(report.period, lang)
    when = cap(when)
    if report.is_empty:
        lines = [f"{when}: " + ("chưa có sản phẩm nào" if lang == "vi" else "nothing produced")]
    elif lang == "vi":
        lines = [
            f"{when}: {t.episodes} tập, {t.clips}/{t.clips_total} clip hoàn thành, "
            f"{t.clips_rendered} bản giao"
        ]
    else:
        lines = [
            f"{when}: {t.episodes} episodes, {t.clips}/{t.clips_total} clips finished, "
            f"{t.clips_rendered} delivered"
        ]
    for fig in report.per_language:
        if fig.minutes or fig.cues_approved:
            name = cap(lang_name(fig.lang, lang))
            unit = "phút" if lang == "vi" else "min"
            lines.append(
                f"{name}: {number(fig.minutes, lang)} {unit}, "
                f"{number(fig.cues_approved, lang)} {label('cues_approved', lang).lower()}"
            )
    if t.projects_skipped:
        lines.append(f"{label('projects_skipped', lang)}: {t.projects_skipped}")
    return lines
