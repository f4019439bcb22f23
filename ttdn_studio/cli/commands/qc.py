"""``ttdn qc`` (broadcast quality checks, with safe fixes) and ``ttdn profile``."""

from __future__ import annotations

from pathlib import Path

import click

from ttdn_studio.cli.common import emit_json, json_option, load_project, project_argument


@click.command("qc")
@project_argument
@click.option("--lang", required=True, help="Language to check (a target, or the source).")
@click.option("--clip", help="Only this clip (default: all clips).")
@click.option(
    "--check",
    "checks",
    multiple=True,
    metavar="ID",
    help="Run only this check (repeatable); see the list below.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="First apply the safe fixes (line breaks, stray spaces, gaps, overlaps, "
    "too-short cues; never words) as one undoable edit, then report what is left.",
)
@json_option
def qc(
    project: Path, lang: str, clip: str | None, checks: tuple[str, ...], fix: bool, as_json: bool
) -> None:
    """Check the subtitles of PROJECT in one language against broadcast norms.

    Reading speed, line length (characters, or rendered width for Khmer), line
    count, duration, gaps, overlaps, missing translations, glossary terms,
    numbers, spacing, broken Khmer and characters the font cannot draw. Limits
    come from the language profile (see `ttdn profile`).

    Exits 0 when nothing of severity "error" is found, 1 when something is
    (like a linter), 2 on a usage error.

    Checks: cps, line_length, line_count, min_duration, max_duration, gap, overlap,
    empty, glossary, numbers, whitespace, khmer_invalid, missing_glyph, spelling.
    """
    from ttdn_studio.qc import apply_fixes, run_qc
    from ttdn_studio.services.qc import summarize

    store = load_project(project)
    fixed = apply_fixes(store, lang, clip) if fix else None
    findings = run_qc(store, lang, clip, checks=list(checks) or None)
    summary = summarize(findings)
    if as_json:
        data: dict[str, object] = {
            "findings": [
                f.model_dump(include={"clip", "index", "lang", "check", "severity", "message"})
                for f in findings
            ],
            "summary": summary,
        }
        if fixed is not None:
            data["fixed"] = fixed.counts
        emit_json(data)
    else:
        _print_report(findings, summary, fixed.counts if fixed else None)
    if summary["errors"]:
        click.get_current_context().exit(1)


def _print_report(findings: list, summary: dict, fixed: dict[str, int] | None) -> None:
    if fixed is not None:
        done = ", ".join(f"{k} {v}" for k, v in fixed.items() if v) or "nothing to fix"
        click.echo(f"Fixed: {done} (undo with `ttdn undo`)")
    for f in findings:
        colour = "red" if f.severity == "error" else "yellow"
        click.echo(
            f"{f.clip} #{f.index} [{f.lang}] "
            + click.style(f"{f.severity} {f.check}", fg=colour)
            + f": {f.message}"
        )
    click.echo(f"{summary['errors']} error(s), {summary['warnings']} warning(s)")


@click.command("profile")
@project_argument
@click.option("--lang", required=True, help="Language whose profile to show or change.")
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="KEY=VALUE",
    help="Change one setting for this project (repeatable), e.g. --set max_cps=17, "
    "--set max_chars=none, --set measure=width.",
)
@json_option
def profile(project: Path, lang: str, assignments: tuple[str, ...], as_json: bool) -> None:
    """Show or change PROJECT's subtitle limits for one language.

    Settings: max_chars (per line; none = measure width only), max_lines, max_cps
    (characters per second, spaces and punctuation counted), min_duration_ms,
    max_duration_ms, min_gap_frames, chain_gap_frames (gaps this short close to
    the minimum when fixing), max_width_fraction (of the frame width), measure
    (chars or width).
    """
    from ttdn_studio.models.profiles import profile_for
    from ttdn_studio.services.qc import parse_assignments, set_profile

    store = load_project(project)
    store.check_lang(lang)
    if assignments:
        current = set_profile(store, lang, parse_assignments(list(assignments)))
    else:
        current = profile_for(store.project, lang)
    if as_json:
        emit_json(current.model_dump())
        return
    for key, value in current.model_dump().items():
        click.echo(f"{key:<20} {value}")


commands = [qc, profile]
