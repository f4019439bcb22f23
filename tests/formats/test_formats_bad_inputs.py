"""Bad input: one clear message naming the file (and line), exit 1, project unchanged."""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.errors import TtdnError
from ttdn_studio.services.importing import import_file
from ttdn_studio.store import NewCue, ProjectStore

GOOD_CUE = "1\n00:00:01,000 --> 00:00:02,000\nĐất Mũi\n\n"


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Cà Mau - Đất và người. " * 20)
    document.save(buffer)
    return buffer.getvalue()


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "không phải Word")
    return buffer.getvalue()


def _garbage(seed: int, size: int = 4096) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(size))


@dataclass
class Case:
    name: str
    filename: str
    content: bytes | None  # None: do not create the file
    match: str
    line: int | None = None
    options: dict[str, Any] = field(default_factory=dict)
    named: str | None = None  # the file the message must name (default: the imported file)
    make_dir: bool = False


CASES = [
    Case("empty file", "a.srt", b"", "is empty"),
    Case("blank lines only", "a.vtt", b"\r\n  \n\t\n", "is empty"),
    Case("binary garbage", "a.srt", _garbage(1), "binary"),
    Case("binary with NUL bytes", "a.srt", bytes(range(256)) * 4, "NUL bytes"),
    Case(
        "NUL byte inside text",
        "a.srt",
        (GOOD_CUE + "2\n00:00:03,000 --> 00:00:04,000\nx\x00y\n").encode(),
        "NUL bytes",
        line=7,
    ),
    Case(
        "truncated SRT",
        "a.srt",
        (GOOD_CUE + "2\n00:00:03,0").encode(),
        "timing line without",
        line=6,
    ),
    Case(
        "bad timestamp",
        "a.srt",
        b"1\n00:00:01,000 --> 00:00:0x,000\nhi\n",
        "bad timing line",
        line=2,
    ),
    Case(
        "end before start",
        "a.srt",
        GOOD_CUE.encode() + b"2\n00:00:05,000 --> 00:00:03,000\nhi\n",
        "ends before it starts",
        line=6,
    ),
    Case(
        "negative time",
        "a.srt",
        b"1\n-00:00:01,000 --> 00:00:02,000\nhi\n",
        "bad timing line",
        line=2,
    ),
    Case(
        "numbering garbage",
        "a.srt",
        (GOOD_CUE + "1a?\n00:00:03,000 --> 00:00:04,000\nho\n").encode(),
        "is not a number",
        line=5,
    ),
    Case(
        "SRT with no cues",
        "a.srt",
        "Chỉ là văn bản.\nKhông có thời gian.\n".encode(),
        "no subtitles found",
    ),
    Case(
        "huge line",
        "a.srt",
        (GOOD_CUE + "2\n00:00:03,000 --> 00:00:04,000\n" + "x" * 20_000 + "\n").encode(),
        "characters long",
        line=7,
    ),
    Case("huge script line", "a.txt", ("Đất Mũi " * 3000).encode(), "characters long", line=1),
    Case("unknown extension", "a.xyz", b"hello", "unknown file type '.xyz'"),
    Case("old Word .doc", "a.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "unknown file type '.doc'"),
    Case("directory instead of file", "a.srt", None, "is a folder", make_dir=True),
    Case("missing file", "missing.srt", None, "no such file"),
    Case(
        "undecodable with --encoding utf-8",
        "a.srt",
        GOOD_CUE.encode() + "2\n00:00:03,000 --> 00:00:04,000\nĐ\xe2t\n".encode("cp1258"),
        "cannot be read as utf-8",
        line=7,
        options={"encoding": "utf-8"},
    ),
    Case(
        "unknown --encoding",
        "a.srt",
        GOOD_CUE.encode(),
        "unknown encoding",
        options={"encoding": "klingon"},
    ),
    Case("docx that is not a zip", "a.docx", "Cà Mau".encode(), "not a readable Word"),
    Case("corrupt zip", "a.docx", _docx_bytes()[:3000], "not a readable Word"),
    Case("zip without a document", "a.docx", _zip_without_document(), "not a readable Word"),
    Case(
        "ASS without [Events]",
        "a.ass",
        b"[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name\n",
        "no [Events] section",
    ),
    Case(
        "VTT without header",
        "a.vtt",
        b"00:00:01.000 --> 00:00:02.000\nhi\n",
        "must start with 'WEBVTT'",
        line=1,
    ),
    Case(
        "broken TTML",
        "a.ttml",
        b"<tt xmlns='http://www.w3.org/ns/ttml'><body><p begin=",
        "cannot be read as TTML",
    ),
    Case(
        "timed script going backwards",
        "a.txt",
        b"00:00:10 one\n00:00:05 two\n",
        "time goes backwards",
        line=2,
    ),
    Case(
        "language not in project",
        "a.srt",
        GOOD_CUE.encode(),
        "language 'fr' is not in this project",
        options={"lang": "fr"},
    ),
    Case(
        "target into clip with no cues",
        "a.srt",
        GOOD_CUE.encode(),
        "has no cues",
        options={"lang": "en", "clip": "empty"},
    ),
    Case(
        "target into missing clip",
        "a.srt",
        GOOD_CUE.encode(),
        "no clip named 'nowhere'",
        options={"lang": "en", "clip": "nowhere"},
    ),
    Case(
        "script as a target language",
        "a.txt",
        b"Land and people.",
        "only be imported in the source",
        options={"lang": "en"},
    ),
    Case(
        "source into clip that has cues",
        "a.srt",
        GOOD_CUE.encode(),
        "already has cues",
        options={"clip": "main"},
    ),
    Case(
        "video file missing",
        "a.srt",
        GOOD_CUE.encode(),
        "video file not found",
        options={"video": "no-such-video.mp4"},
        named="no-such-video.mp4",
    ),
]


def snapshot(store: ProjectStore) -> str:
    """Every row of the project database, as SQL."""
    return "\n".join(store.conn.iterdump())


@pytest.fixture
def busy_store(store: ProjectStore) -> ProjectStore:
    """A project with cues in ``main`` (and translations), an empty clip and some history."""
    store.add_cues(
        "main", [NewCue(1000, 2000, "Đất Mũi", {"en": "Dat Mui"}), NewCue(3000, 4000, "Năm Căn")]
    )
    store.add_clip("empty")
    return store


def _cli_args(project: Path, path: Path, options: dict[str, Any]) -> list[str]:
    args = ["import", str(project), str(path)]
    for key, value in options.items():
        args += [f"--{key}", str(value)]
    return args


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_refused_cleanly(busy_store: ProjectStore, tmp_path: Path, case: Case) -> None:
    path = tmp_path / "in" / case.filename
    path.parent.mkdir()
    if case.make_dir:
        path.mkdir()
    elif case.content is not None:
        path.write_bytes(case.content)
    before = snapshot(busy_store)
    named = case.named or path.name

    with pytest.raises(TtdnError) as info:
        import_file(busy_store, path, **case.options)
    message = str(info.value)
    assert case.match in message
    assert named in message
    if case.line is not None:
        assert info.value.line == case.line and f"line {case.line}" in message
    assert snapshot(busy_store) == before

    result = CliRunner().invoke(cli, _cli_args(busy_store.path, path, case.options))
    assert result.exit_code == 1, result.output
    assert (
        result.stderr.startswith("ttdn: ")
        and named in result.stderr
        and case.match in result.stderr
    )
    assert "Traceback" not in result.output + result.stderr
    assert snapshot(busy_store) == before


def test_there_are_at_least_twenty_kinds() -> None:
    assert len({c.name for c in CASES}) >= 20
