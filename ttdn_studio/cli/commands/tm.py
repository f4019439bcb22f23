"""``ttdn tm``: the shared translation memory (import, export, lookup, stats)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ttdn_studio.cli.common import (
    InputFile,
    OutputFile,
    emit_json,
    json_option,
    os_reason,
    printable,
)

if TYPE_CHECKING:
    from ttdn_studio.store.translation_memory import TranslationMemory


@click.group("tm")
def tm() -> None:
    """The translation memory: every approved translation, shared by all projects.

    Approving cues (ttdn status ... --set approved) adds them automatically.
    """


@tm.command("import")
@click.argument("file", type=InputFile())
@json_option
def import_file(file: Path, as_json: bool) -> None:
    """Add the pairs of a TMX 1.4 FILE to the memory."""
    from ttdn_studio.store.translation_memory import TranslationMemory
    from ttdn_studio.tm import import_tmx

    with TranslationMemory() as memory:
        read, added = import_tmx(memory, file)
    if as_json:
        emit_json({"file": str(file), "units": read, "added": added})
        return
    click.echo(f"Read {read} pairs from {file}: {added} new, {read - added} already known")


@tm.command("export")
@click.argument("out", type=OutputFile(stdout_ok=True))
@click.option("--src", help="Only pairs from this source language (e.g. vi).")
@click.option("--tgt", help="Only pairs into this target language (e.g. en).")
@json_option
def export(out: Path, src: str | None, tgt: str | None, as_json: bool) -> None:
    """Write the memory (or one language pair) to OUT as TMX 1.4 (- for standard output)."""
    from ttdn_studio.errors import TtdnError
    from ttdn_studio.formats.atomic import is_stdout
    from ttdn_studio.store.translation_memory import TranslationMemory
    from ttdn_studio.tm import export_tmx

    with TranslationMemory() as memory:
        try:
            count = export_tmx(memory, out, src, tgt)
        except OSError as exc:
            raise TtdnError(f"cannot be written ({os_reason(exc)})", file=out) from None
    if is_stdout(out):
        return  # the TMX itself went to standard output
    if as_json:
        emit_json({"file": str(out), "units": count})
        return
    click.echo(f"Wrote {count} pairs to {out}")


@tm.command("lookup")
@click.argument("text")
@click.option("--src", default="vi", show_default=True, help="Language of TEXT.")
@click.option("--tgt", default="en", show_default=True, help="Language of the translations wanted.")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option(
    "--min-score",
    default=70,
    show_default=True,
    type=click.IntRange(0, 100),
    help="Lowest similarity (0-100) to show.",
)
@json_option
def lookup(text: str, src: str, tgt: str, limit: int, min_score: int, as_json: bool) -> None:
    """Find translations of TEXT: the exact match, then similar sentences.

    A TEXT of several sentences is also answered sentence by sentence. When no
    stored sentence is similar enough, the pairs that contain every word of TEXT
    are listed instead (as ttdn tm search does for a phrase).
    """
    from ttdn_studio.services.workflow import open_memory

    with open_memory() as memory:
        _check_pair(memory, src, tgt)
        exact = memory.exact(text, src, tgt)
        similar = memory.fuzzy(text, src, tgt, limit=limit, min_score=min_score)
        if exact is not None and not any(m.source == exact.source for m in similar):
            similar.insert(0, exact)
        containing = [] if similar else memory.search(text, src, tgt, limit=limit, all_words=True)
    if as_json:
        emit_json(
            {
                "exact": asdict(exact) if exact else None,
                "fuzzy": [asdict(m) for m in similar],
                "containing": [asdict(m) for m in containing],
            }
        )
        return
    if not similar and not containing:
        click.echo("No match in the translation memory.")
    for m in similar:
        click.echo(
            printable(
                f"{m.score:5.1f}  {m.source}\n       → {m.target}  ({m.project or 'no project'})",
                keep_newlines=True,
            )
        )
    if containing:
        click.echo("No similar sentence; stored sentences with all of its words:")
    for m in containing:
        click.echo(f"       {m.source}\n       → {m.target}  ({m.project or 'no project'})")


@tm.command("search")
@click.argument("text")
@click.option("--src", help="Only pairs from this source language (e.g. vi).")
@click.option("--tgt", help="Only pairs into this target language (e.g. en).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10000))
@json_option
def search(text: str, src: str | None, tgt: str | None, limit: int, as_json: bool) -> None:
    """Concordance: stored pairs whose source or translation contains TEXT.

    Letter case, accents and old/new tone placement do not matter, as in the
    desk's find ("Ca Mau" finds "Cà Mau", "Tỉnh uỷ" finds "Tỉnh ủy"). Newest first.
    """
    from ttdn_studio.services.workflow import open_memory

    with open_memory() as memory:
        hits = memory.search(text, src, tgt, limit=limit)
    if as_json:
        emit_json({"text": text, "matches": [asdict(m) for m in hits]})
        return
    if not hits:
        click.echo(f"No stored pair contains {text!r}.")
    for m in hits:
        click.echo(
            f"{m.src_lang}→{m.tgt_lang}  {m.source}\n        → {m.target}"
            f"  ({m.project or 'no project'})"
        )


@tm.command("rebuild")
@click.argument("projects", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--check",
    is_flag=True,
    help="Only report approved translations the memory lacks (exit 1 if any); change nothing.",
)
@json_option
def rebuild(projects: tuple[Path, ...], check: bool, as_json: bool) -> None:
    """Add every approved translation of PROJECTS to the memory (default: all projects).

    A folder that is not a project itself stands for the projects inside it
    (e.g. ttdn tm rebuild projects).

    Approvals normally reach the memory at once; this repairs a memory that was
    lost, restored from an old backup, or could not be written (disk full).
    Pairs already in the memory are left as they are. A project that cannot be
    read is skipped with a warning (exit 1 when it was named).
    """
    from ttdn_studio import locations
    from ttdn_studio.errors import TtdnError
    from ttdn_studio.services.workflow import open_memory, project_folders, rebuild_memory
    from ttdn_studio.store import open_project

    folders = project_folders(projects or [locations.projects_dir()])
    results: list[dict[str, object]] = []
    missing_total = 0
    with open_memory() as memory:
        for folder in folders:
            try:
                with open_project(folder) as store:
                    approved, missing = rebuild_memory(store, memory, check=check)
            except TtdnError as exc:
                click.secho(f"ttdn: warning: skipped {exc}", err=True, fg="yellow")
                results.append({"project": str(folder), "error": exc.message})
                continue
            results.append({"project": str(folder), "approved": approved, "missing": missing})
            missing_total += missing
    if as_json:
        emit_json({"check": check, "projects": results, "missing": missing_total})
    else:
        if not folders:
            click.echo("No projects found.")
        for r in results:
            if "error" in r:
                continue
            verb = "missing from" if check else "added to"
            click.echo(
                f"{r['project']}: {r['approved']} approved, {r['missing']} {verb} the memory"
            )
    failed = any("error" in r for r in results)
    if (check and missing_total) or (projects and failed):
        raise SystemExit(1)


def _check_pair(memory: TranslationMemory, src: str, tgt: str) -> None:
    """A language code that neither the program nor the memory knows is a typo: say so."""
    from ttdn_studio.errors import NotFoundError
    from ttdn_studio.glossary import LANGS

    known = set(LANGS) | {code for s, t, _ in memory.pairs() for code in (s, t)}
    for option, code in (("--src", src), ("--tgt", tgt)):
        if code not in known:
            raise NotFoundError(
                f"unknown language {printable(repr(code))} for {option} "
                f"(known: {', '.join(sorted(known))})"
            )
    if src == tgt:
        raise click.UsageError(f"--src and --tgt are both {src!r}")


@tm.command("stats")
@json_option
def stats(as_json: bool) -> None:
    """How many pairs the memory holds, per language pair."""
    from ttdn_studio.services.workflow import open_memory

    with open_memory() as memory:
        pairs = memory.pairs()
        total = memory.count()
        path = memory.path
    if as_json:
        emit_json(
            {
                "file": str(path),
                "total": total,
                "pairs": [{"src": s, "tgt": t, "units": n} for s, t, n in pairs],
            }
        )
        return
    click.echo(f"{total} pairs in {path}")
    for s, t, n in pairs:
        click.echo(f"  {s} → {t}: {n}")


commands = [tm]
