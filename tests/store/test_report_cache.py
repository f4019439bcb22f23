"""The report's QC cache: results come back for the same key only; a bad cache file is ignored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ttdn_studio.store.report_cache import MIGRATIONS, QcCache


def test_results_come_back_for_the_same_key_only(tmp_path: Path) -> None:
    path = tmp_path / "report-cache.sqlite"
    cache = QcCache(path)
    cache.put("/p/tap-01", 3, "en", "k1", {7, 5})
    cache.close()  # written on close
    again = QcCache(path)
    assert again.get("/p/tap-01", 3, "en", "k1") == {5, 7}
    assert again.get("/p/tap-01", 3, "en", "k2") is None  # the clip changed since
    assert again.get("/p/tap-01", 3, "km", "k1") is None
    assert again.conn is not None
    assert again.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    again.close()


def test_a_damaged_cache_file_is_ignored_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "report-cache.sqlite"
    path.write_bytes(b"not a database" * 300)
    cache = QcCache(path)
    assert cache.get("/p/tap-01", 1, "en", "k") is None
    cache.put("/p/tap-01", 1, "en", "k", {1})
    cache.close()
    assert path.read_bytes() == b"not a database" * 300


def test_a_cache_from_a_newer_program_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "report-cache.sqlite"
    cache = QcCache(path)
    cache.put("/p/tap-01", 1, "en", "k", {1})
    cache.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.commit()
    conn.close()
    newer = QcCache(path)
    assert newer.conn is None and newer.get("/p/tap-01", 1, "en", "k") is None
    newer.close()
