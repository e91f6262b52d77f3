"""SIGKILL at the worst moments: while documents are being stored, while they are embedded,
during `vanban reindex`, and inside a BM25 shard write. Afterwards a re-run (or `check
--repair`) must leave every document stored exactly once, whole, and the SQL store, BM25 and
Chroma in agreement, with search working.

The kill points are found by watching what the child process has written (documents in the
SQL store, vectors in Chroma's SQLite file, BM25 shard files), not by sleeping, so they land
where they are meant to on a slow machine too.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from relsupport import REPO, Store, assert_whole, stored_count, write_docs

from search.lexical import LexicalIndex

N_DOCS = 6
CHUNKS_PER_DOC = 4  # header group, basis, two articles (asserted through `check` below)
POLL_S = 0.05


def wait_for(what: str, cond: Callable[[], bool], proc: subprocess.Popen[bytes],
             timeout: float = 240) -> None:
    """Poll ``cond`` until true; fail if the child exits or the time runs out first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return
        if proc.poll() is not None:
            pytest.fail(f"the child exited ({proc.returncode}) before {what}")
        time.sleep(POLL_S)
    proc.kill()
    pytest.fail(f"timed out waiting for {what}")


def kill(proc: subprocess.Popen[bytes]) -> None:
    assert proc.poll() is None, "the child finished before the kill: the test proved nothing"
    proc.kill()
    proc.wait(timeout=30)


def vectors_written(store: Store) -> int:
    """Vectors in Chroma's SQLite file (read-only, while the child writes)."""
    path = store.data_dir / "chroma" / "chroma.sqlite3"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
    except sqlite3.Error:  # tables not created yet, or locked for a moment
        return 0


def assert_consistent_and_searchable(store: Store, sources: set[str],
                                     checked: subprocess.CompletedProcess[str] | None = None) -> None:
    """Whole in SQL, same documents and chunk counts in both indexes (``checked``: the output
    of a `check --repair` that ran already, which ends with a fresh check), search answers."""
    assert_whole(store, sources)
    check = checked or store.vanban("check")
    assert check.returncode == 0, check.stderr + check.stdout
    n = len(sources)
    assert check.stdout.strip() == f"store {n} documents; indexes: bm25 {n}, vectors {n}; consistent"
    found = store.vanban("search", "kế hoạch số 3 giao Sở Nội vụ", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["results"][0]["number"] == "103/QĐ-UBND"
    assert "Traceback" not in check.stderr + found.stderr


@pytest.mark.slow
def test_kill_while_storing_then_rerun(store: Store, tmp_path: Path) -> None:
    """Killed after the first document committed: the re-run stores the rest, once each."""
    folder = tmp_path / "in"
    sources = {p.name for p in write_docs(folder, N_DOCS)}
    proc = store.start("ingest", str(folder))
    wait_for("a document is stored", lambda: stored_count(store) >= 1, proc)
    kill(proc)
    survived = stored_count(store)
    assert 1 <= survived <= N_DOCS

    rerun = store.vanban("ingest", str(folder))
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip() == f"ingested {N_DOCS - survived}, unchanged {survived}, failed 0"
    assert_consistent_and_searchable(store, sources)


@pytest.mark.slow
def test_kill_while_embedding_and_during_reindex(tmp_path: Path) -> None:
    """Killed after the first vectors were written (ingest, then reindex): `check` sees the
    damage, a re-run of ingest or `check --repair` mends it from the SQL store."""
    store = Store(tmp_path / "data")
    folder = tmp_path / "in"
    sources = {p.name for p in write_docs(folder, N_DOCS)}
    batch = "2"  # many small embedding batches: the kill lands between two of them

    proc = store.start("ingest", str(folder), VANBAN_EMBED_BATCH=batch)
    wait_for("the first vectors", lambda: vectors_written(store) >= 1, proc)
    kill(proc)
    assert stored_count(store) == N_DOCS  # the store committed before indexing started
    assert vectors_written(store) < N_DOCS * CHUNKS_PER_DOC
    broken = store.vanban("check")
    assert broken.returncode == 1 and "problems" in broken.stdout

    rerun = store.vanban("ingest", str(folder))
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip() == f"ingested 0, unchanged {N_DOCS}, failed 0"
    assert store.vanban("check").stdout.strip().endswith("; consistent")

    # reindex rewrites the collection in place (a server on the same store keeps answering):
    # a document's old vectors go, then its new ones come batch by batch
    full = vectors_written(store)
    marker = store.data_dir / "vectors.gen"
    before = marker.stat().st_ino
    proc = store.start("reindex", VANBAN_EMBED_BATCH=batch)
    wait_for("the old vectors deleted", lambda: marker.stat().st_ino != before, proc)
    wait_for("the first reindexed vectors", lambda: 1 <= vectors_written(store) < full, proc)
    kill(proc)
    broken = store.vanban("check")
    assert broken.returncode == 1, broken.stdout
    assert "is stored but not indexed" in broken.stderr or "chunks, expected" in broken.stderr
    repaired = store.vanban("check", "--repair")
    assert repaired.returncode == 0, repaired.stderr + repaired.stdout
    assert_consistent_and_searchable(store, sources, checked=repaired)


# A child that rewrites every BM25 shard over and over, each round with new chunk texts. The
# analyzer is swapped for str.split: what is under test is the file write, not the analysis,
# and real analysis would make each round take seconds.
_REWRITER = """
import sys
from pathlib import Path
from search import lexical
from search.chunking import Chunk
lexical.analyze = str.split
index = lexical.LexicalIndex(Path(sys.argv[1]))
round_ = 0
while True:
    for d in range(200):
        text = f"round {round_} document {d} " + "văn bản quyết định " * 400
        chunks = [Chunk(id=f"d{d}:{n}", doc_id=f"d{d}", n=n, text=text, start=0, end=len(text))
                  for n in range(3)]
        index.put(f"d{d}", f"r{round_}", chunks)
    index.save()
    if round_ == 0:
        Path(sys.argv[2]).touch()
    round_ += 1
"""


@pytest.mark.slow
def test_kill_during_bm25_save_never_corrupts_a_shard(tmp_path: Path) -> None:
    """Several kills at random moments of a loop that does little but write shards, segments
    and the manifest: every file still parses, every document is there with all its chunks
    from one round, and BM25 finds exactly those chunks."""
    bm25 = tmp_path / "bm25"
    rng = random.Random(6)
    for attempt in range(3):
        ready = tmp_path / f"ready-{attempt}"
        proc = subprocess.Popen([sys.executable, "-c", _REWRITER, str(bm25), str(ready)], cwd=REPO)
        wait_for("the first full save", ready.exists, proc, timeout=120)
        time.sleep(rng.uniform(0.05, 1.5))
        kill(proc)

        index = LexicalIndex(bm25)  # raises IndexError_ on a half-written shard
        counts = index.counts()
        assert len(counts) == 200 and set(counts.values()) == {3}
        chunks = index.chunks()
        for doc_id, digest in index.digests().items():
            texts = {c.text for c in chunks if c.doc_id == doc_id}
            assert len(texts) == 1
            assert texts.pop().startswith(f"round {digest[1:]} document {doc_id[1:]} ")
        # BM25 answers from exactly the stored chunks: segments caught up with the shards
        hits = index.search("văn bản quyết định", 10_000)
        assert sorted(c.id for c, _ in hits) == sorted(c.id for c in chunks)
        assert not list(bm25.glob(".*.tmp"))  # a dead writer's temp files are swept at open
