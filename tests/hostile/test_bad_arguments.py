"""Every command answers bad arguments with a short message and a non-zero exit, never a
traceback, and leaves the project exactly as it was (its database dumped before and after)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_cli import assert_refused, dump, run

LONG = "a" * 300  # longer than any file system allows for one name


def device(t: Path, name: str = "null", minor: int = 3) -> Path:
    """A character device to aim outputs at. As root, a private node in the scratch folder
    (the same device as /dev/null), so a regression could only replace this copy, never
    the machine's own; otherwise the real one, which an ordinary user cannot replace."""
    if os.geteuid() != 0:
        return Path(f"/dev/{name}")
    node = t / f"dev-{name}"
    if not node.exists():
        import stat

        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    return node


SRT = "1\n00:00:01,000 --> 00:00:02,000\nxin chào\n"

# (arguments built from the project folder and a scratch folder, exit code, words expected)
Case = tuple[Callable[[Path, Path], list[object]], int, str]
CASES: dict[str, Case] = {
    "preview at inf": (
        lambda p, t: ["preview", p, "--lang", "en", "--at", "inf", "-o", t / "f.png"],
        2,
        "'inf' is not a time",
    ),
    "preview at nan": (
        lambda p, t: ["preview", p, "--lang", "en", "--at", "nan", "-o", t / "f.png"],
        2,
        "'nan' is not a time",
    ),
    "preview at an overflowing time": (
        lambda p, t: ["preview", p, "--lang", "en", "--at", "1e400", "-o", t / "f.png"],
        2,
        "is not a time",
    ),
    "preview at a year": (
        lambda p, t: ["preview", p, "--lang", "en", "--at", "31536000", "-o", t / "f.png"],
        2,
        "is not a time",
    ),
    "preview to a gif": (
        lambda p, t: ["preview", p, "--lang", "en", "--at", "1", "-o", t / "f.gif"],
        2,
        "image type from '.gif'",
    ),
    "preview onto a device": (
        lambda p, t: ["preview", p, "--lang", "en", "--at", "1", "-o", device(t)],
        2,
        "is a device, not a file",
    ),
    "import with an unknown codec": (
        lambda p, t: ["import", p, t / "in.srt", "--clip", "x", "--encoding", "klingon-8"],
        1,
        "unknown encoding 'klingon-8'",
    ),
    **{
        f"import with the {codec} codec": (
            lambda p, t, codec=codec: ["import", p, t / "in.srt", "--encoding", codec],
            1,
            f"{codec!r} is not a text encoding",
        )
        for codec in ("base64", "rot13", "zlib", "hex", "uu", "bz2", "undefined", "punycode")
    },
    "import from a FIFO": (
        lambda p, t: ["import", p, t / "pipe.srt", "--clip", "x"],
        1,
        "is not a regular file",
    ),
    "tm import from a FIFO": (lambda p, t: ["tm", "import", t / "pipe.srt"], 2, "not a regular"),
    "glossary import from a FIFO": (
        lambda p, t: ["glossary", "import", t / "pipe.srt"],
        2,
        "is not a regular file",
    ),
    "preview of a language stacked twice": (
        lambda p, t: ["preview", p, "--stack", "en,en", "--at", "1", "-o", t / "f.png"],
        2,
        "appears twice",
    ),
    **{
        f"profile set to {value}": (
            lambda p, t, value=value: ["profile", p, "--lang", "en", "--set", f"max_cps={value}"],
            2,
            f"max_cps={value} is not a usable number",
        )
        for value in ("nan", "inf", "-inf", "1e400", "99999999999999999999999")
    },
    "new under /proc": (lambda p, t: ["new", "/proc/ttdn-new", "--title", "T"], 1, "cannot create"),
    "new with a name too long": (
        lambda p, t: ["new", t / LONG, "--title", "T"],
        1,
        "too long for the file system",
    ),
    "new with no targets": (
        lambda p, t: ["new", t / "n", "--title", "T", "--targets", ""],
        2,
        "at least one target language",
    ),
    "new with blank targets": (
        lambda p, t: ["new", t / "n", "--title", "T", "--targets", " , "],
        2,
        "at least one target language",
    ),
    "new with a target twice": (
        lambda p, t: ["new", t / "n", "--title", "T", "--targets", "en,km,en"],
        2,
        "en is listed more than once",
    ),
    "glossary add with no term": (
        lambda p, t: ["glossary", "add", "", "--en", "Ca Mau"],
        2,
        "vi: an entry needs a Vietnamese term",
    ),
    "cues of a path too long": (lambda p, t: ["cues", t / LONG], 1, "too long"),
    "export onto /dev/null": (
        lambda p, t: ["export", p, "--lang", "vi", "--format", "srt", "-o", device(t)],
        2,
        "is a device, not a file",
    ),
    "export under a file": (
        lambda p, t: ["export", p, "--lang", "vi", "-o", t / "in.srt" / "x.srt"],
        2,
        "in.srt is a file, not a folder",
    ),
    "export to a name too long": (
        lambda p, t: ["export", p, "--lang", "vi", "-o", t / f"{LONG}.srt"],
        2,
        "longer than the file system allows",
    ),
    "export with both status options": (
        lambda p, t: [
            "export",
            p,
            "--lang",
            "en",
            "--min-status",
            "mt",
            "--include-drafts",
            "-o",
            t / "x.srt",
        ],  # fmt: skip
        2,
        "not both",
    ),
    "glossary export as xlsx": (
        lambda p, t: ["glossary", "export", t / "terms.xlsx"],
        2,
        "cannot write a glossary as '.xlsx'",
    ),
    "glossary export onto a folder": (
        lambda p, t: ["glossary", "export", t],
        2,
        "is a folder, not a file",
    ),
    "tm lookup into an unknown language": (
        lambda p, t: ["tm", "lookup", "Đất Mũi", "--tgt", "xx"],
        1,
        "unknown language 'xx' for --tgt",
    ),
    "tm lookup from an unknown language": (
        lambda p, t: ["tm", "lookup", "Đất Mũi", "--src", "zz"],
        1,
        "unknown language 'zz' for --src",
    ),
    "tm export onto a device": (
        lambda p, t: ["tm", "export", device(t, "zero", 5)],
        2,
        "is a device",
    ),
    "status over a huge range": (
        lambda p, t: ["status", p, "--lang", "en", "--set", "draft", "--cues", "1-99999999999999"],
        1,
        "has no cue 99999999999999 (it has 3)",
    ),
    "history with a negative limit": (lambda p, t: ["history", p, "--limit", "-1"], 2, "--limit"),
    "report onto a folder": (
        lambda p, t: ["report", p.parent, "--year", "2026", "-o", t],
        2,
        "is a folder, not a file",
    ),
    "import a file that is not there": (
        lambda p, t: ["import", p, t / "nowhere.srt"],
        1,
        "no such file",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_argument_is_refused_and_project_unchanged(
    name: str, project: Path, tmp_path: Path
) -> None:
    build, code, words = CASES[name]
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    (scratch / "in.srt").write_text(SRT, encoding="utf-8")
    os.mkfifo(scratch / "pipe.srt")  # reading it would wait for a writer for ever
    before = dump(project)
    err = assert_refused(run(*build(project, scratch)), code=code)
    assert words in err
    assert "pydantic" not in err and "For further information" not in err
    assert dump(project) == before


def test_unprintable_user_text_in_an_error_is_escaped(project: Path) -> None:
    err = assert_refused(run("cues", project, "--clip", "\x1b[2J\x07evil\u202e"), code=1)
    assert "\\x1b[2J\\x07evil\\u202e" in err
    assert "\x07" not in err and "\u202e" not in err


def test_the_installed_command_refuses_in_one_line(project: Path, tmp_path: Path) -> None:
    """The same contract through the real entry point, in its own process."""
    import subprocess
    import sys

    ttdn = Path(sys.executable).parent / "ttdn"
    before = dump(project)
    for args, words in (
        (["preview", project, "--lang", "vi", "--at", "nan", "-o", tmp_path / "f.png"], "'nan'"),
        (["new", "/proc/ttdn-new", "--title", "T"], "cannot create the project folder"),
        (["export", project, "--lang", "vi", "-o", device(tmp_path)], "is a device"),
    ):
        done = subprocess.run([ttdn, *map(str, args)], capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and "Traceback" not in done.stderr
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert words in done.stderr and 1 <= len(lines) <= 3
    assert dump(project) == before


def test_a_name_to_act_as_with_control_characters_is_refused(project: Path) -> None:
    before = dump(project)
    for name in ("Lan\x1b[2J", "", "Lan\u202e"):
        args = ("--as", name, "status", project, "--lang", "en", "--set", "approved", "--all")
        err = assert_refused(run(*args), code=1, max_lines=1)
        assert "--as takes a person's name in printable characters" in err
        assert "\x1b" not in err
    assert dump(project) == before
