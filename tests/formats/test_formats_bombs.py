"""A .docx that unpacks to far more than it weighs is refused before it is read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from ttdn_studio.cli import cli
from ttdn_studio.errors import ImportFailed
from ttdn_studio.formats import scripts
from ttdn_studio.formats.ziplimits import MIB, ZipLimits
from ttdn_studio.services.importing import import_file
from ttdn_studio.store import ProjectStore


def _docx(extra_members: int = 0, padding_mib: int = 0) -> bytes:
    """A real Word document, plus a highly compressible member and/or many tiny members."""
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Cà Mau - Đất và người.")
    document.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        if padding_mib:
            with dst.open("word/media/padding.bin", "w") as member:
                chunk = b"\0" * MIB
                for _ in range(padding_mib):
                    member.write(chunk)
        for i in range(extra_members):
            dst.writestr(f"customXml/ttdn{i}.xml", "")
    return out.getvalue()


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> ZipLimits:
    limits = ZipLimits(max_bytes=4 * MIB, max_entries=100)
    monkeypatch.setattr(scripts, "DOCX_LIMITS", limits)
    return limits


def test_docx_expanding_past_the_cap_is_refused(
    store: ProjectStore, tmp_path: Path, small_cap: ZipLimits
) -> None:
    bomb = tmp_path / "kich-ban.docx"
    bomb.write_bytes(_docx(padding_mib=20))
    assert bomb.stat().st_size < 200_000  # small on disk, 20 MiB unpacked
    before = "\n".join(store.conn.iterdump())
    with pytest.raises(ImportFailed) as info:
        import_file(store, bomb)
    message = str(info.value)
    assert "kich-ban.docx" in message and "limit of 4.0 MiB" in message
    assert "\n".join(store.conn.iterdump()) == before

    result = CliRunner().invoke(cli, ["import", str(store.path), str(bomb)])
    assert result.exit_code == 1
    assert "limit of 4.0 MiB" in result.stderr and "Traceback" not in result.output


def test_docx_with_too_many_entries_is_refused(tmp_path: Path, small_cap: ZipLimits) -> None:
    path = tmp_path / "many.docx"
    with pytest.raises(ImportFailed, match="more than the limit of 100"):
        scripts.read_docx(_docx(extra_members=200), path)


def test_default_cap_refuses_a_300_mib_member_without_unpacking_it(tmp_path: Path) -> None:
    # Declared in the archive's directory; that is all the check reads.
    data = _declare_size(_docx(padding_mib=1), b"word/media/padding.bin", 300 * MIB)
    with pytest.raises(
        ImportFailed, match=r"unpack to 300\.\d MiB, more than the limit of 256\.0 MiB"
    ):
        scripts.read_docx(data, tmp_path / "bomb.docx")


def test_a_docx_within_the_cap_still_reads(tmp_path: Path, small_cap: ZipLimits) -> None:
    blocks = scripts.read_docx(_docx(padding_mib=1, extra_members=10), tmp_path / "ok.docx")
    assert [b.text for b in blocks] == ["Cà Mau - Đất và người."]


def _declare_size(data: bytes, member: bytes, size: int) -> bytes:
    """Make the zip claim ``member`` unpacks to ``size`` bytes (local and central headers)."""
    out = bytearray(data)
    for signature, size_at, name_len_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),
        (b"PK\x01\x02", 24, 28, 46),
    ):
        pos = 0
        while (pos := out.find(signature, pos)) != -1:
            name_len = int.from_bytes(out[pos + name_len_at : pos + name_len_at + 2], "little")
            if bytes(out[pos + name_at : pos + name_at + name_len]) == member:
                out[pos + size_at : pos + size_at + 4] = size.to_bytes(4, "little")
            pos += 4
    return bytes(out)


def test_a_docx_that_understates_its_sizes_is_refused_cleanly(
    tmp_path: Path, small_cap: ZipLimits
) -> None:
    """The declared size passes the cap, but reading stops there: the member fails its check."""
    lying = _declare_size(_docx(padding_mib=20), b"word/media/padding.bin", 1000)
    with zipfile.ZipFile(io.BytesIO(lying)) as zf:
        assert zf.getinfo("word/media/padding.bin").file_size == 1000
        with pytest.raises(zipfile.BadZipFile):
            zf.read("word/media/padding.bin")  # never more than the 1000 bytes declared
    blocks = scripts.read_docx(lying, tmp_path / "lying.docx")  # the padding is never read
    assert [b.text for b in blocks] == ["Cà Mau - Đất và người."]
