"""The chart of minutes subtitled per month and language, as PNG bytes (matplotlib, Agg)."""

from __future__ import annotations

import io

from ttdn_studio.report.document import month_label
from ttdn_studio.report.model import Report
from ttdn_studio.report.wording import cap, label, lang_name

COLOURS = ("#1f5f8b", "#d8892b", "#3f8f4f", "#9b3d5a", "#6b5fa8", "#7a7a7a")


def minutes_chart_png(report: Report, lang: str = "vi", *, dpi: int = 110) -> bytes | None:
    """Grouped bars, one group per month and one bar per language; None when no minutes."""
    if not any(row.minutes for row in report.per_month):
        return None
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure

    months = report.period.months()
    several_years = report.period.start.year != report.period.end.year
    langs = report.languages
    width = 0.8 / max(len(langs), 1)
    fig = Figure(figsize=(9, 3.8), dpi=dpi, layout="constrained")
    ax = fig.add_subplot()
    minutes = {(r.month, r.lang): r.minutes for r in report.per_month}
    for i, code in enumerate(langs):
        xs = [m + (i - (len(langs) - 1) / 2) * width for m in range(len(months))]
        ys = [minutes.get((month, code), 0.0) for month in months]
        ax.bar(
            xs, ys, width=width, label=cap(lang_name(code, lang)), color=COLOURS[i % len(COLOURS)]
        )
    ax.set_xticks(
        range(len(months)),
        [month_label(m, lang, short=True, with_year=several_years) for m in months],
    )
    ax.set_ylabel(label("minutes", lang))
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, loc="upper left")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
