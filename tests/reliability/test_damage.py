"""Issue 13, case 3: `check` looks at the stores themselves, not only at what they list, and
`check --repair` rebuilds what it flags. Damage to BM25 runs on both deployments; damage to
SQLite and embedded Chroma files only where those files are ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from relsupport import Store, write_docs

from api.service import Service
from core.errors import IndexCorrupt
from search.lexical import _shard

pytestmark = pytest.mark.slow


def _filled(store: Store, tmp_path: Path, n: int = 3) -> Service:
    service = Service(store.settings)
    assert service.ingest_paths(write_docs(tmp_path / "in", n)).count("failed") == 0
    return service


def test_missing_bm25_shard_is_flagged_not_hidden(backend: Store, tmp_path: Path) -> None:
    service = _filled(backend, tmp_path)
    doc = service.show("101/QĐ-UBND")[0]
    (backend.data_dir / "bm25" / f"chunks-{_shard(doc.id):02d}.json").unlink()
    with pytest.raises(IndexCorrupt, match="missing"):  # before: the document silently vanished
        Service(backend.settings).search("101/QĐ-UBND")
    check = backend.vanban("check")
    assert check.returncode == 1 and "is missing" in check.stderr, check.stderr
    assert backend.vanban("check", "--repair").returncode == 0
    assert Service(backend.settings).search("101/QĐ-UBND").results[0].document_id == doc.id


def test_zeroed_sqlite_page_is_flagged_and_recovered(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    _filled(store, tmp_path, 6)
    db = store.data_dir / "vanban.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every row in the main file
    con.close()
    raw = bytearray(db.read_bytes())
    page = 4096
    raw[2 * page:3 * page] = bytes(page)  # page 3: inside the tables
    db.write_bytes(bytes(raw))
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    check = store.vanban("check")
    assert check.returncode == 1 and "store: SQLite file" in check.stderr + check.stdout, check
    export = store.vanban("export", "decisions", "--format", "csv")
    assert "Traceback" not in export.stderr
    assert len(export.stderr.strip().splitlines()) <= 1
    repair = store.vanban("check", "--repair")
    assert "Traceback" not in repair.stderr, repair.stderr
    assert store.vanban("check").returncode == 0, store.vanban("check").stderr
    assert (store.data_dir / "vanban.db.damaged").exists()


def test_garbled_hnsw_file_is_reported_not_a_crash(tmp_path: Path) -> None:
    """A damaged HNSW file: `check` and `search` exit with a message (before: SIGSEGV, 139),
    `--repair` rebuilds the vectors."""
    store = Store(tmp_path / "data")
    _filled(store, tmp_path)
    # three documents stay in Chroma's log, below its sync threshold: write a damaged segment
    # directory beside them, as a store past 1,000 vectors has
    from search.vector import VectorIndex

    vectors = VectorIndex(store.settings, "probe")
    import numpy as np

    from search.chunking import Chunk

    chunks = [Chunk(id=f"{i:016x}:0", doc_id=f"{i:016x}", n=0, text="x", start=0, end=1) for i in range(1100)]
    vectors.add(chunks, np.random.default_rng(0).normal(size=(1100, 8)).astype(np.float32), ["d"] * 1100)
    del vectors
    # the probe collection's graph (the documents' own collection may have an empty one too)
    level0 = max((store.data_dir / "chroma").glob("*/data_level0.bin"), key=lambda p: p.stat().st_size)
    raw = bytearray(level0.read_bytes())
    raw[0:len(raw):7] = bytes([0xFF]) * len(range(0, len(raw), 7))
    level0.write_bytes(bytes(raw))
    for args in (("check",), ("search", "101/QĐ-UBND", "--json")):
        run = store.vanban(*args)
        assert run.returncode in (0, 1), (args, run.returncode, run.stderr[-500:])
    assert "damaged" in store.vanban("check").stderr
    assert '"degraded": true' in store.vanban("search", "101/QĐ-UBND", "--json").stdout
    assert store.vanban("check", "--repair").returncode == 0
    assert store.vanban("check").returncode == 0
