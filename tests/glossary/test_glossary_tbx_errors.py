"""TBX files read through the shared XML reader: clear errors, language codes reduced."""

from __future__ import annotations

from pathlib import Path

import pytest

from ttdn_studio.errors import GlossaryError
from ttdn_studio.glossary.tbx import read_tbx

ENTRY = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic"><text><body>
<termEntry id="e1">
  <langSet xml:lang="vi"><tig><term>Năm Căn</term></tig></langSet>
  <langSet xml:lang="en_GB"><tig><term>Nam Can</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_malformed_tbx_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text('<?xml version="1.0"?>\n<martif>\n<text>\n</martif>\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match="not valid TBX/XML") as caught:
        read_tbx(path)
    assert caught.value.line == 4 and caught.value.file == path


def test_unreadable_tbx_is_a_glossary_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="cannot read the file"):
        read_tbx(tmp_path)  # a folder, not a file


def test_region_and_underscore_language_codes_read_as_the_language(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text(ENTRY, encoding="utf-8")
    (entry,) = read_tbx(path)
    assert (entry.vi, entry.en) == ("Năm Căn", "Nam Can")
