"""Checks of an embedded Chroma store's files that run *before* Chroma's native code reads them.

Why: Chroma's HNSW reader trusts its files. A garbled ``data_level0.bin`` (a disk error, a
half-copied backup) makes it follow neighbour ids past the end of its arrays and the whole
process dies with SIGSEGV: ``check``, ``--repair`` and every search, with no message. Reading the
same files here with numpy costs a fraction of a second and turns that into an ``IndexCorrupt``
that ``check`` reports, ``--repair`` rebuilds and search answers around (BM25 only).

What is checked, per HNSW segment directory (hnswlib's persisted format, version 1):
``header.bin`` (100 bytes: sizes and offsets that must agree with each other), the size of
``data_level0.bin`` (elements × bytes per element), every level-0 neighbour list (count ≤ maxM0,
ids < element count) and the size of ``length.bin`` (one norm per element). The
vectors themselves are not checked: a wrong float gives a wrong distance, never a crash.
``chroma.sqlite3`` must open as SQLite and pass ``PRAGMA quick_check``.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import numpy as np

from core.errors import IndexCorrupt

# version, offsetLevel0, max_elements, cur_count, size_per_element, label_offset, offset_data,
# maxlevel, enterpoint, maxM, maxM0, M, mult, ef_construction
_HEADER = struct.Struct("<iQQQQQQiIQQQdQ")
_HEADER_BYTES = 100


def check_store(chroma_dir: Path) -> None:
    """Raise ``IndexCorrupt`` naming the first damaged file of an embedded Chroma store."""
    db = chroma_dir / "chroma.sqlite3"
    if db.exists():
        _check_sqlite(db)
    for header in sorted(chroma_dir.glob("*/header.bin")):
        check_segment(header.parent)


def _check_sqlite(db: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            row = con.execute("PRAGMA quick_check").fetchone()
        finally:
            con.close()
    except sqlite3.Error as err:
        raise IndexCorrupt(f"vector index database {db} is unreadable ({err})") from err
    if not row or row[0] != "ok":
        raise IndexCorrupt(f"vector index database {db} is damaged ({row[0] if row else 'no answer'})")


def check_segment(folder: Path) -> None:
    """One HNSW segment directory (what Chroma writes once a collection passes its sync threshold)."""
    def bad(why: str) -> IndexCorrupt:
        return IndexCorrupt(f"vector index files in {folder} are damaged ({why})")

    try:
        raw = (folder / "header.bin").read_bytes()
        level0 = folder / "data_level0.bin"
        level0_size = level0.stat().st_size
    except OSError as err:
        raise bad(f"cannot read: {err}") from err
    if len(raw) < _HEADER_BYTES:
        raise bad("header.bin too short")
    (version, off0, _max, count, per, label_off, data_off, maxlevel, entry, max_m, max_m0, _m, _mult,
     _ef) = _HEADER.unpack_from(raw)
    empty = count == 0
    if (version != 1 or off0 != 0 or not -1 <= maxlevel < 64 or max_m0 == 0 or max_m == 0 or max_m0 > 4096
            or (maxlevel == -1) != empty):
        raise bad("header.bin holds impossible values")
    if data_off != max_m0 * 4 + 4 or label_off + 8 != per or not data_off < label_off:
        raise bad("header.bin sizes disagree")
    if level0_size not in (count * per, _max * per) or count > _max:
        raise bad(f"data_level0.bin has {level0_size} bytes, expected {count * per}")
    if empty:
        return
    if entry >= count:
        raise bad("entry point outside the index")
    rows = np.fromfile(level0, dtype=np.uint8, count=count * per).reshape(count, per)
    links = rows[:, :data_off].copy().view(np.uint32)  # first word: neighbour count (low 16 bits)
    _check_links(links, max_m0, count, bad, "data_level0.bin")
    lengths = folder / "length.bin"  # one float32 norm per element
    if lengths.exists() and lengths.stat().st_size < count * 4:
        raise bad("length.bin is shorter than the index")


def _check_links(links: np.ndarray, most: int, count: int, bad, name: str) -> None:  # type: ignore[no-untyped-def]
    sizes = links[:, 0] & 0xFFFF
    if (sizes > most).any():
        raise bad(f"{name}: a neighbour list longer than {most}")
    used = np.arange(links.shape[1] - 1)[None, :] < sizes[:, None]
    if (links[:, 1:][used] >= count).any():
        raise bad(f"{name}: a neighbour id outside the index")
