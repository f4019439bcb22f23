"""``ttdn qc`` (broadcast quality checks, with safe fixes) and ``ttdn profile``."""

from __future__ import annotations

from pathlib import Path

import click

from ttdn_studio.cli.common import (
    emit_json,
    json_option,
    load_project,
    printable,
    project_argument,
)


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
    empty, glossary, numbers, whitespace, khmer_invalid, missing_glyph, spelling, shot_change
    (times near a cut in the clip's video; --fix snaps them: in-time on the cut,
    out-time 2 frames before it).
    """
    from ttdn_studio.qc import apply_fixes, run_qc
    from ttdn_studio.services.editorial import may_change
    from ttdn_studio.services.qc import shot_changes, summarize

    store = load_project(project)
    shots = shot_changes(store, clip) if not checks or "shot_change" in checks else {}
    fixed = None
    if fix:
        with store.edit(f"qc fix {lang}" + (f" in {clip}" if clip else "")):
            snapped = 0
            if shots:  # first: the gap fixes then see the snapped times
                from ttdn_studio.models.profiles import profile_for
                from ttdn_studio.qc.shots import snap_to_shot_changes

                profile = profile_for(store.project, lang)
                gap = store.project.frames_to_ms(profile.min_gap_frames)
                snapped = snap_to_shot_changes(store, shots, gap, clip)
            fixed = apply_fixes(store, lang, clip, may_change=may_change(store))
            if shots:
                fixed.counts["shot_change"] = snapped
    findings = run_qc(store, lang, clip, checks=list(checks) or None, shot_changes=shots)
    summary = summarize(findings)
    if as_json:
        data: dict[str, object] = {
            "findings": [
                f.as_dict("clip", "index", "lang", "check", "severity", "message") for f in findings
            ],
            "summary": summary,
        }
        if fixed is not None:
            data["fixed"] = fixed.counts
            data["not_yours"] = fixed.not_yours
        emit_json(data)
    else:
        _print_report(findings, summary, fixed.counts if fixed else None)
        if fixed is not None and fixed.not_yours:
            click.echo(
                f"{fixed.not_yours} approved text(s) left as they are: "
                "only an editor or above may change approved text"
            )
    if summary["errors"]:
        click.get_current_context().exit(1)


def _print_report(findings: list, summary: dict, fixed: dict[str, int] | None) -> None:
    if fixed is not None:
        done = ", ".join(f"{k} {v}" for k, v in fixed.items() if v) or "nothing to fix"
        click.echo(f"Fixed: {done} (undo with `ttdn undo`)")
    for f in findings:
        colour = "red" if f.severity == "error" else "yellow"
        click.echo(
            f"{printable(f.clip)} #{f.index} [{f.lang}] "
            + click.style(f"{f.severity} {f.check}", fg=colour)
            + f": {printable(f.message)}"
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

    _check_numbers(assignments)
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


LARGEST_SETTING = 10**7  # no limit (ms, characters, frames) is anywhere near this


def _check_numbers(assignments: tuple[str, ...]) -> None:
    """Refuse ``nan``, ``inf`` and overflowing numbers before any setting is changed."""
    import math

    for item in assignments:
        key, _, value = item.partition("=")
        try:
            number = float(value)
        except ValueError:
            continue  # words (none, width) are checked with the setting itself
        if not math.isfinite(number) or abs(number) > LARGEST_SETTING:
            raise click.BadParameter(
                f"{key.strip()}={value.strip()} is not a usable number", param_hint="--set"
            )


@click.command("broadcast-date")
@project_argument
@click.argument("day", required=False)
def broadcast_date(project: Path, day: str | None) -> None:
    """Show or set when PROJECT airs (YYYY-MM-DD; "today" clears it).

    QC's outdated_name check warns about names replaced before this day (an
    archive programme set to its original air date keeps its old names).
    """
    from ttdn_studio.services.qc import set_broadcast_date

    store = load_project(project)
    if day is not None:
        set_broadcast_date(store, day)
    saved = store.project.settings.get("broadcast_date")
    shown = store.project.broadcast_date().isoformat()
    click.echo(shown if saved else f"{shown} (today: no broadcast date set)")


commands = [qc, profile, broadcast_date]
