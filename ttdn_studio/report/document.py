"""A report laid out as an administrative document, shared by the Markdown, HTML and DOCX renderers.

The layout follows the format of state administrative documents (Nghị định
30/2020/NĐ-CP): a header block with the parent body and the issuing unit on the
left and the national title on the right, the document number, place and date,
the document type and subject, "Kính gửi", the body in numbered parts, then
"Nơi nhận" and the signature block. Every name in it comes from the station
profile. Renderers only decide how a :class:`Document` looks; what it says
(labels, numbers in the reader's conventions, which rows appear) is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ttdn_studio.report.collect import DRAFT_PRESETS, MACHINE
from ttdn_studio.report.model import Report, parse_stamp
from ttdn_studio.report.summary import summary_paragraph
from ttdn_studio.report.wording import (
    cap,
    check_lang,
    definitions,
    label,
    lang_name,
    number,
    percent,
    period_text,
)

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NATIONAL = {
    "vi": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
    "en": ("SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness"),
}
FILL_IN = {
    "vi": "[Phần để lãnh đạo đơn vị viết: xóa dòng này và điền nội dung.]",
    "en": "[For the manager to write: delete this line and fill in.]",
}

LINE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    # key -> lang -> (line of work, unit)
    "episodes_en": {
        "vi": ("Phim tài liệu “Cà Mau - Đất và người” có phụ đề tiếng Anh", "tập"),
        "en": ("Documentary episodes with English subtitles", "episodes"),
    },
    "minutes_en": {
        "vi": ("Thời lượng chương trình có phụ đề tiếng Anh", "phút"),
        "en": ("Programme time subtitled in English", "minutes"),
    },
    "khmer_items": {
        "vi": ("Nội dung chương trình tiếng Khmer (clip có đủ phụ đề)", "clip"),
        "en": ("Khmer programme content (clips fully subtitled)", "clips"),
    },
    "minutes_km": {
        "vi": ("Thời lượng chương trình có phụ đề tiếng Khmer", "phút"),
        "en": ("Programme time subtitled in Khmer", "minutes"),
    },
    "clips": {
        "vi": ("Video clip tiếng Anh, tiếng Khmer đã xuất để phát sóng, đăng tải", "clip"),
        "en": ("English and Khmer video clips delivered for air or web", "clips"),
    },
    "bilingual": {
        "vi": ("Tài liệu song ngữ Việt - Anh (kịch bản clip đủ hai thứ tiếng)", "kịch bản"),
        "en": ("Bilingual Vietnamese-English materials (clip scripts in both)", "scripts"),
    },
    "glossary_terms": {
        "vi": ("Thuật ngữ đối ngoại thống nhất (bảng thuật ngữ)", "thuật ngữ"),
        "en": ("Unified foreign-information terminology (glossary)", "terms"),
    },
}


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # fractions of the line, when the default will not do

    def numeric_columns(self) -> list[bool]:
        """Per column: every filled cell is a figure."""
        return [
            bool(self.rows) and all(is_number(r[i]) or r[i] in ("", "—") for r in self.rows)
            for i in range(len(self.headers))
        ]


def is_number(text: str) -> bool:
    """A cell holding a figure (aligned right): digits with separators, %, / or —."""
    return any(ch.isdigit() for ch in text) and all(ch.isdigit() or ch in ".,% /" for ch in text)


@dataclass
class Section:
    """A numbered part of the body: paragraphs, tables, or a space for the manager to fill in."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    fill_in: str = ""  # placeholder text of a narrative part the manager writes
    chart: bool = False  # the minutes chart goes after this section's first table


@dataclass
class Document:
    title: str  # the file's title property
    parent_body: str
    unit: str
    number: str  # "Số: …/BC-BĐCM"
    national: tuple[str, str]
    place_date: str
    kind: str  # BÁO CÁO
    subject: str
    recipients: list[str]
    summary: str
    empty: bool
    chart_title: str
    sections: list[Section] = field(default_factory=list)
    copies_to: list[str] = field(default_factory=list)
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]


def month_label(month: str, lang: str, *, short: bool = False, with_year: bool = True) -> str:
    """``2026-03`` → ``03/2026`` (vi) or ``Mar 2026`` (en); short: ``T3`` / ``Mar``."""
    year, mon = month.split("-")
    if lang == "vi":
        text = f"T{int(mon)}" if short else f"{mon}/{year}"
        return f"{text}/{year}" if short and with_year else text
    text = MONTHS_EN[int(mon) - 1]
    return f"{text} {year}" if with_year else text


def place_date(place: str, when: datetime, lang: str) -> str:
    """``Cà Mau, ngày 03 tháng 12 năm 2026``: as the format asks, days below 10 and the
    months January and February take a leading zero (ngày 03, tháng 01, tháng 3)."""
    if lang == "vi":
        month = f"{when.month:02d}" if when.month < 3 else str(when.month)
        return f"{place}, ngày {when.day:02d} tháng {month} năm {when.year}"
    return f"{place}, {when.day} {MONTHS_EN[when.month - 1]} {when.year}"


def person_name(person: str, lang: str) -> str:
    if not person:
        return "không ghi nhận" if lang == "vi" else "not recorded"
    if person == MACHINE:
        return "dịch máy" if lang == "vi" else "machine translation"
    return person


def build_document(report: Report, lang: str = "vi") -> Document:
    check_lang(lang)
    st = report.station
    when = parse_stamp(report.generated_at) or datetime.now()
    year = report.period.end.year
    if lang == "vi":
        subject = f"Kết quả công tác thông tin đối ngoại {period_text(report.period, lang)}"
        kind = "BÁO CÁO"
    else:
        subject = f"Results of foreign-information work, {period_text(report.period, lang)}"
        kind = "REPORT"
    doc = Document(
        title=f"{kind.capitalize()}: {subject}",
        parent_body=st.parent_body.upper(),
        unit=st.unit.upper(),
        number=("Số: " if lang == "vi" else "No. ") + st.document_number(),
        national=NATIONAL[lang],
        place_date=place_date(st.place, when, lang),
        kind=kind,
        subject=subject,
        recipients=list(st.recipients),
        summary=summary_paragraph(report, lang),
        empty=report.is_empty,
        chart_title=label("chart", lang),
        copies_to=_copies(st.recipients, st.copies_to, lang),
        signer_authority=st.signer_authority.upper(),
        signer_title=st.signer_title.upper(),
        signer_name=st.signer_name,
        meta=[
            (label("period", lang), cap(period_text(report.period, lang))),
            (label("generated", lang), f"{report.generated_at} ({report.period.tz})"),
            (label("source", lang), report.projects_dir),
        ],
        notes=list(report.warnings),
    )
    results = Section(
        "I. KẾT QUẢ THỰC HIỆN" if lang == "vi" else "I. RESULTS",
        paragraphs=[doc.summary] + ([label("nothing", lang)] if report.is_empty else []),
        tables=[_lines(report, lang), _totals(report, lang)],
    )
    doc.sections.append(results)
    if not report.is_empty:
        details = [
            _months(report, lang),
            _languages(report, lang),
            _people(report, lang),
            _projects(report, lang),
            _renders(report, lang),
        ]
        doc.sections.append(
            Section(
                "II. SỐ LIỆU CHI TIẾT" if lang == "vi" else "II. DETAILED FIGURES",
                tables=[t for t in details if t.rows],
                chart=True,
            )
        )
    quality = [
        _qc(report, lang),
        _terms(report, lang),
        _tm(report, lang),
        _signoffs(report, lang),
        _post_edit(report, lang),
    ]
    doc.sections.append(
        Section(
            "III. CHẤT LƯỢNG VÀ THUẬT NGỮ" if lang == "vi" else "III. QUALITY AND TERMINOLOGY",
            tables=[t for t in quality if t.rows],
        )
    )
    next_year = year + 1
    narrative = (
        [
            ("IV. ĐÁNH GIÁ CHUNG", "Ưu điểm, hạn chế và nguyên nhân."),
            ("V. KHÓ KHĂN, VƯỚNG MẮC", "Khó khăn, vướng mắc và đề xuất, kiến nghị."),
            (
                f"VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {next_year}",
                "Nhiệm vụ trọng tâm và chỉ tiêu dự kiến.",
            ),
        ]
        if lang == "vi"
        else [
            ("IV. ASSESSMENT", "Strengths, shortcomings and their causes."),
            ("V. DIFFICULTIES", "Difficulties and proposals."),
            (f"VI. DIRECTION FOR {next_year}", "Main tasks and planned targets."),
        ]
    )
    for title, hint in narrative:
        doc.sections.append(Section(title, paragraphs=[hint], fill_in=FILL_IN[lang]))
    delivered = sorted({r.preset for r in report.renders})
    doc.sections.append(
        Section(
            "Ghi chú: cách tính số liệu" if lang == "vi" else "Note: how the figures are counted",
            paragraphs=definitions(lang, report.period.tz, delivered, sorted(DRAFT_PRESETS)),
        )
    )
    return doc


def _copies(recipients: list[str], copies: list[str], lang: str) -> list[str]:
    first = "Như trên" if lang == "vi" else "As above"
    items = [first, *copies] if recipients else list(copies)
    return [f"- {c};" for c in items[:-1]] + [f"- {items[-1]}."] if items else []


def _lines(report: Report, lang: str) -> Table:
    headers = (
        ["Nội dung", "Đơn vị tính", "Kết quả", "Chỉ tiêu năm", "Tỷ lệ đạt"]
        if lang == "vi"
        else ["Line of work", "Unit", "Achieved", "Target", "Achieved / target"]
    )
    rows = []
    for line in report.lines_of_work:
        name, unit = LINE_LABELS[line.key][lang]
        achieved = (
            number(line.achieved, lang)
            if isinstance(line.achieved, int)
            else number(float(line.achieved), lang)
        )
        target = number(line.target, lang) if line.target else "—"
        share = percent(line.share, lang) if line.share is not None else "—"
        rows.append([name, unit, achieved, target, share])
    title = "Kết quả theo nội dung công việc" if lang == "vi" else "Results by line of work"
    return Table(title, headers, rows, widths=[0.46, 0.13, 0.12, 0.14, 0.15])


def _totals(report: Report, lang: str) -> Table:
    t = report.totals
    values: list[tuple[str, float | int]] = [
        ("episodes", t.episodes),
        ("clips_total", t.clips_total),
        ("clips", t.clips),
        ("minutes_all", t.minutes_subtitled),
        ("cues_approved", t.cues_approved),
        ("clips_rendered", t.clips_rendered),
        ("draft_renders", t.draft_renders),
        ("projects_scanned", t.projects_scanned),
        ("projects_skipped", t.projects_skipped),
    ]
    rows = [[label(key, lang), number(value, lang)] for key, value in values]
    return Table(label("totals", lang), [label("figure", lang), label("count", lang)], rows)


def _languages(report: Report, lang: str) -> Table:
    headers = [
        label(k, lang)
        for k in ("lang", "minutes", "clips_subtitled", "cues_approved", "clips_rendered")
    ]
    rows = [
        [
            cap(lang_name(f.lang, lang)),
            number(f.minutes, lang),
            number(f.clips_subtitled, lang),
            number(f.cues_approved, lang),
            number(f.clips_rendered, lang),
        ]
        for f in report.per_language
    ]
    return Table(label("per_language", lang), headers, rows)


def _months(report: Report, lang: str) -> Table:
    headers = [
        label(k, lang) for k in ("month", "lang", "minutes", "cues_approved", "clips_rendered")
    ]
    rows = [
        [
            month_label(r.month, lang),
            cap(lang_name(r.lang, lang)),
            number(r.minutes, lang),
            number(r.cues_approved, lang),
            number(r.clips_rendered, lang),
        ]
        for r in report.per_month
        if r.minutes or r.cues_approved or r.clips_rendered
    ]
    return Table(label("per_month", lang), headers, rows)


def _people(report: Report, lang: str) -> Table:
    headers = (
        ["Người thực hiện", "Câu đã dịch (được duyệt)", "Câu đã duyệt"]
        if lang == "vi"
        else ["Person", "Lines translated (approved)", "Lines approved"]
    )
    rows = [
        [person_name(p.person, lang), number(p.translated, lang), number(p.approved, lang)]
        for p in report.people
    ]
    title = "Theo người thực hiện" if lang == "vi" else "By person"
    return Table(title, headers, rows)


def _renders(report: Report, lang: str) -> Table:
    headers = [label("lang", lang), label("preset", lang), label("clips_rendered", lang)]
    rows = [[cap(lang_name(r.lang, lang)), r.preset, number(r.count, lang)] for r in report.renders]
    return Table(label("renders", lang), headers, rows)


def _projects(report: Report, lang: str) -> Table:
    headers = (
        ["Tập", "Clip hoàn thành / tổng số", "Số phút phụ đề", "Câu đã duyệt", "Bản giao"]
        if lang == "vi"
        else ["Episode", "Clips finished / all", "Minutes subtitled", "Lines approved", "Delivered"]
    )
    rows = []
    for p in report.projects:
        minutes = " · ".join(f"{code} {number(v, lang)}" for code, v in p.minutes.items() if v)
        cues = " · ".join(f"{code} {number(v, lang)}" for code, v in p.cues_approved.items() if v)
        rows.append(
            [
                p.title,
                f"{p.clips_produced}/{p.clips_total}",
                minutes or "0",
                cues or "0",
                number(p.clips_rendered, lang),
            ]
        )
    return Table(label("per_project", lang), headers, rows)


def _qc(report: Report, lang: str) -> Table:
    qc = report.qc_overridden
    headers = [label("qc_overridden", lang), label("cues_approved", lang), label("share", lang)]
    if not qc.available:
        return Table(
            label("qc", lang),
            headers,
            [[label("not_available", lang), number(qc.approved, lang), "—"]],
        )
    return Table(
        label("qc", lang),
        headers,
        [[number(qc.cues, lang), number(qc.approved, lang), percent(qc.share, lang)]],
    )


def _terms(report: Report, lang: str) -> Table:
    headers = [label("term_vi", lang), label("term_en", lang), label("count", lang)]
    rows = [[t.vi, t.en, number(t.count, lang)] for t in report.top_terms]
    g = report.glossary
    if g.available:
        extra = (
            [
                ["Tổng số thuật ngữ thống nhất", "", number(g.terms, lang)],
                ["Trong đó của đài và các tập", "", number(g.own_terms, lang)],
                ["Số tệp thuật ngữ cập nhật trong kỳ", "", number(g.files_changed, lang)],
            ]
            if lang == "vi"
            else [
                ["Terms in the unified terminology", "", number(g.terms, lang)],
                ["Of which the station's and episodes' own", "", number(g.own_terms, lang)],
                ["Glossary files updated in the period", "", number(g.files_changed, lang)],
            ]
        )
        rows += extra
    return Table(label("terms", lang), headers, rows)


def _tm(report: Report, lang: str) -> Table:
    tm = report.tm_growth
    headers = [label("month", lang), label("tm_added", lang)]
    if not tm.available:
        return Table(label("tm", lang), headers, [[label("not_available", lang), "—"]])
    rows = [[month_label(m, lang), number(n, lang)] for m, n in tm.by_month.items() if n]
    rows.append([label("tm_added_total", lang), number(tm.added, lang)])
    rows.append([label("tm_total", lang), number(tm.total or 0, lang)])
    return Table(label("tm", lang), headers, rows)


def _signoffs(report: Report, lang: str) -> Table:
    headers = (
        ["Clip", "Câu", "Ngôn ngữ", "Phát hiện", "Lý do", "Người ký", "Lúc"]
        if lang == "vi"
        else ["Clip", "Line", "Language", "Finding", "Reason", "Signed off by", "At"]
    )
    rows = [
        [s.clip, str(s.cue), lang_name(s.lang, lang), s.finding, s.reason, s.person, s.at]
        for s in report.signoffs
    ]
    title = (
        "Thuật ngữ nhạy cảm đã được lãnh đạo ký duyệt"
        if lang == "vi"
        else "Sensitive findings signed off by a chief editor"
    )
    return Table(title, headers, rows)


def _post_edit(report: Report, lang: str) -> Table:
    headers = (
        ["Ngôn ngữ", "Máy dịch", "Số câu", "Tỷ lệ sửa trung bình"]
        if lang == "vi"
        else ["Language", "Engine", "Lines", "Mean edit ratio"]
    )
    rows = [
        [cap(lang_name(p.lang, lang)), p.engine, number(p.cues, lang), f"{p.mean_ratio:.0%}"]
        for p in report.post_edit
    ]
    title = (
        "Mức sửa bản dịch máy (0% = giữ nguyên)"
        if lang == "vi"
        else "Post-editing of machine drafts (0% = kept as is)"
    )
    return Table(title, headers, rows)
