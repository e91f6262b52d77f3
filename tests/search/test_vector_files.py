"""The embedded vector store's files are checked before Chroma's native code reads them, and
`unqueryable` finds vectors the metadata lists but the graph lost (issue 13, case 3). Random
8-dimensional vectors: 1,100 of them pass Chroma's sync threshold, so an HNSW directory exists."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.errors import IndexCorrupt
from core.settings import Settings
from search.chunking import Chunk
from search.vector import VectorIndex
from search.vector_files import check_store

N = 1100
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def filled(tmp_path: Path) -> Settings:
    settings = Settings(data_dir=tmp_path / "data")
    index = VectorIndex(settings, "probe")
    chunks = [Chunk(id=f"{i:016x}:0", doc_id=f"{i:016x}", n=0, text="x", start=0, end=1) for i in range(N)]
    index.add(chunks, np.random.default_rng(0).normal(size=(N, 8)).astype(np.float32), ["d"] * N)
    return settings


def _segment(settings: Settings) -> Path:
    return max(settings.chroma_dir.glob("*/data_level0.bin"), key=lambda p: p.stat().st_size).parent


def test_sound_store_passes_and_every_vector_is_queryable(filled: Settings) -> None:
    check_store(filled.chroma_dir)
    index = VectorIndex(filled, "probe")
    assert index.unqueryable([f"{i:016x}:0" for i in range(N)]) == set()


def test_garbled_level0_is_refused_before_chroma_reads_it(filled: Settings) -> None:
    level0 = _segment(filled) / "data_level0.bin"
    raw = bytearray(level0.read_bytes())
    raw[0:len(raw):7] = bytes([0xFF]) * len(range(0, len(raw), 7))
    level0.write_bytes(bytes(raw))
    with pytest.raises(IndexCorrupt, match=r"data_level0\.bin"):
        check_store(filled.chroma_dir)
    # in a child process, as a server would open it: an error, not SIGSEGV (exit -11)
    code = (f"from core.settings import Settings; from search.vector import VectorIndex\n"
            f"VectorIndex(Settings(data_dir={str(filled.data_dir)!r}), 'probe')")
    child = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                           timeout=120)
    assert child.returncode == 1 and "IndexCorrupt" in child.stderr, (child.returncode, child.stderr[-300:])


def test_truncated_or_inconsistent_header_is_refused(filled: Settings) -> None:
    header = _segment(filled) / "header.bin"
    header.write_bytes(header.read_bytes()[:50])
    with pytest.raises(IndexCorrupt, match=r"header\.bin"):
        check_store(filled.chroma_dir)


def test_deleted_hnsw_directory_leaves_vectors_a_query_cannot_find(filled: Settings) -> None:
    shutil.rmtree(_segment(filled))
    index = VectorIndex(filled, "probe")
    assert len(index.state()) == N  # the metadata still lists every vector ...
    lost = index.unqueryable([f"{i:016x}:0" for i in range(N)])
    assert len(lost) > N // 2  # ... but the graph kept only Chroma's unsynced tail


def test_garbage_chroma_sqlite_is_refused(filled: Settings) -> None:
    (filled.chroma_dir / "chroma.sqlite3").write_bytes(b"not a database" * 1000)
    with pytest.raises(IndexCorrupt, match=r"chroma\.sqlite3"):
        VectorIndex(filled, "probe")
