"""What ``ttdn doctor`` reports: the machine, the threads chosen for it, and what was found.

Each line is a :class:`Finding`; ``ok=False`` marks something the program needs and
does not have (ffmpeg with libass, the fonts, the curated glossary). Missing MT models
are not a problem: translation then says how to install one.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
from dataclasses import dataclass

from ttdn_studio import __version__, locations
from ttdn_studio.errors import TtdnError
from ttdn_studio.fonts import ALL_FONTS
from ttdn_studio.machine import this_machine
from ttdn_studio.render.executors import local_plan
from ttdn_studio.translate.threads import mt_threads


@dataclass(frozen=True)
class Finding:
    topic: str
    value: str
    ok: bool = True


def _ffmpeg() -> list[Finding]:
    exe = shutil.which("ffmpeg")
    if exe is None:
        return [Finding("ffmpeg", "not found on PATH (rendering needs it)", ok=False)]
    try:
        out = subprocess.run(
            [exe, "-hide_banner", "-version"], capture_output=True, text=True, timeout=20
        ).stdout
        filters = subprocess.run(
            [exe, "-hide_banner", "-filters"], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return [Finding("ffmpeg", f"{exe} does not run ({exc})", ok=False)]
    first = out.splitlines()[0] if out else "unknown version"
    has_ass = any(line.split()[1:2] == ["ass"] for line in filters.splitlines())
    return [
        Finding("ffmpeg", f"{exe}: {first}"),
        Finding(
            "ffmpeg ass filter",
            "yes (libass)" if has_ass else "missing: burning subtitles needs libass",
            ok=has_ass,
        ),
    ]


def _fonts() -> list[Finding]:
    found = []
    for font in ALL_FONTS:
        try:
            found.append(Finding(f"font {font.filename}", str(font.path)))
        except TtdnError as exc:
            found.append(Finding(f"font {font.filename}", str(exc), ok=False))
    return found


def _glossary() -> Finding:
    try:
        files = locations.bundled_glossary_files()
    except TtdnError as exc:
        return Finding("curated glossary", str(exc), ok=False)
    return Finding("curated glossary", ", ".join(str(f) for f in files))


def _models() -> list[Finding]:
    from ttdn_studio.translate.argos import scan_packages
    from ttdn_studio.translate.multilingual import configured_setup

    found = []
    try:
        packages, damaged = scan_packages()
        names = ", ".join(f"{p.src}→{p.tgt} ({p.name})" for p in packages)
        none = "none installed (`ttdn models install`, or the desk's Models screen: Alt+Shift+T)"
        found.append(Finding("Argos packages", names or none))
        for folder in damaged:  # not used for translation; worth removing
            found.append(
                Finding(
                    "damaged Argos package",
                    f"{folder.name}: {folder.reason} (remove it with `ttdn models remove "
                    f"{folder.name}` or on the desk's Models screen)",
                )
            )
    except TtdnError as exc:
        found.append(Finding("Argos packages", str(exc), ok=False))
    try:
        setup = configured_setup()
        found.append(Finding("multilingual model", str(setup.path) if setup else "none configured"))
    except TtdnError as exc:
        found.append(Finding("multilingual model", str(exc), ok=False))
    return found


def diagnose() -> list[Finding]:
    """Everything ``ttdn doctor`` shows, in order."""
    machine = this_machine()
    findings = [
        Finding("TTĐN Studio", __version__),
        Finding("Python", f"{platform.python_version()} ({platform.platform()})"),
        Finding("machine", machine.describe()),
    ]
    try:
        findings.append(Finding("MT threads", mt_threads().describe()))
    except TtdnError as exc:
        findings.append(Finding("MT threads", str(exc), ok=False))
    many = local_plan(machine.cores, waiting=machine.cores, memory_mb=machine.memory_mb)
    findings.append(Finding("renders", f"up to {many.describe()} (--jobs N to change)"))
    findings += [
        Finding("data folder", str(locations.data_dir())),
        Finding("projects folder", str(locations.projects_dir())),
        *_ffmpeg(),
        *_fonts(),
        _glossary(),
        *_models(),
    ]
    return findings
