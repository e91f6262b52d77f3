"""The vector index on a Chroma server (`chroma run`, started by .ci/chroma.sh) instead of the
embedded store: index, search, check and repair work the same, through the Service and the CLI.

The server outlives the test, so the test first empties its collection.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from relsupport import Store, write_docs

from api.service import Service
from core.settings import Settings
from search.chunking import Chunk

CHROMA_URL = os.environ.get("VANBAN_TEST_CHROMA_URL")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMA_URL, reason="VANBAN_TEST_CHROMA_URL not set (.ci/chroma.sh starts a "
                                              "Chroma server and prints it)"),
]


def test_index_search_check_and_repair_on_a_chroma_server(store: Store, tmp_path: Path) -> None:
    settings = Settings(data_dir=store.data_dir, database_url=store.database_url, chroma_url=CHROMA_URL)
    service = Service(settings)
    service.engine.reset()  # what an earlier run left on the server
    paths = write_docs(tmp_path / "in", 3, first=40)
    summary = service.ingest_paths(paths)
    assert summary.line == "ingested 3, unchanged 0, failed 0"
    ids = service.repo.ids()

    state = service.check()
    assert state.ok, state.problems
    assert set(state.indexes["vectors"]) == ids

    hits = service.search("kế hoạch số 41 giao Sở Nội vụ", mode="dense", top_k=3)
    assert hits.results and hits.results[0].document_id in ids
    hybrid = service.search("141/QĐ-UBND")
    assert hybrid.results[0].number == "141/QĐ-UBND"

    # on the server, one document's vectors lost and a document the store never had: check
    # sees both, repair fixes both from the SQL store
    lost = sorted(ids)[0]
    service.engine.vectors.delete_docs([lost])
    text = "Điều 1. Văn bản lạc"
    stray = Chunk(id="0123456789abcdef:0", doc_id="0123456789abcdef", n=0, text=text, start=0, end=len(text))
    service.engine.vectors.add([stray], service.engine.embedder.embed_passages([text]), ["stray"])
    fresh = Service(settings)  # a new process would read the server's state afresh
    assert sorted(fresh.check().problems) == sorted([
        "vectors: document 0123456789abcdef is indexed but not stored",
        f"vectors: document {lost} is stored but not indexed",
    ])
    assert fresh.check(repair=True).ok

    env_store = Store(store.data_dir, store.database_url, extra_env={"VANBAN_CHROMA_URL": CHROMA_URL or ""})
    check = env_store.vanban("check")
    assert check.returncode == 0, check.stderr + check.stdout
    assert check.stdout.strip() == "store 3 documents; indexes: bm25 3, vectors 3; consistent"
