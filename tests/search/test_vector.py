"""Chroma in a temp folder with our own vectors: cosine ranking, where-filters, delete by doc."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from core.errors import IndexError_
from core.record import Document
from core.settings import Settings
from search.chunking import chunk
from search.vector import VectorIndex


def _unit(v: list[float]) -> np.ndarray:
    a = np.array(v, dtype=np.float32)
    return a / np.linalg.norm(a)


def _docs() -> list[Document]:
    return [
        Document(id="d1", source="a.txt", text="Đoạn một.", kind="decision", issued_on="2022-01-01"),
        Document(id="d2", source="b.txt", text="Đoạn hai.", kind="news", published_at="2023-01-01"),
        Document(id="d3", source="c.txt", text="Đoạn ba.", kind="decision", issued_on="2024-01-01"),
    ]


def test_add_query_filter_delete(settings):
    index = VectorIndex(settings, "test/embedder")
    chunks = [c for d in _docs() for c in chunk(d)]
    vectors = np.stack([_unit([1, 0, 0]), _unit([0.9, 0.1, 0]), _unit([0, 1, 0])])
    index.add(chunks, vectors, ["x1", "x2", "x3"])
    hits = index.query(_unit([1, 0, 0]), 3)
    assert [h[0] for h in hits] == ["d1:0", "d2:0", "d3:0"]
    assert hits[0][1] > 0.99 and hits[2][1] < 0.01  # cosine similarity
    assert [h[0] for h in index.query(_unit([1, 0, 0]), 3, {"kind": "decision"})] == ["d1:0", "d3:0"]
    assert [h[0] for h in index.query(_unit([1, 0, 0]), 3, {"year": {"$gte": 2023}})] == ["d2:0", "d3:0"]
    assert index.state() == {"d1": (1, "x1"), "d2": (1, "x2"), "d3": (1, "x3")}

    index.delete_docs(["d1", "unknown"])
    assert set(index.state()) == {"d2", "d3"}
    # a second client on the same folder sees the same data (embedded persistence)
    assert set(VectorIndex(settings, "test/embedder").state()) == {"d2", "d3"}
    # another embedder gets its own collection: vectors of different spaces never mix
    assert VectorIndex(settings, "other").state() == {}
    index.reset()
    assert index.state() == {} and index.query(_unit([1, 0, 0]), 3) == []


@pytest.mark.slow
def test_chroma_server_over_http(tmp_path):
    """``chroma_url`` switches to ``HttpClient``: same behaviour against a real local server."""
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        pytest.skip("chroma CLI not installed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("chroma server did not start")
                time.sleep(0.5)
        settings = Settings(data_dir=tmp_path / "data", chroma_url=f"http://127.0.0.1:{port}")
        index = VectorIndex(settings, "test/http")
        chunks = [c for d in _docs() for c in chunk(d)]
        index.add(chunks, np.stack([_unit([1, 0, 0]), _unit([0, 1, 0]), _unit([0, 0, 1])]), ["a", "b", "c"])
        assert index.query(_unit([0, 1, 0.1]), 1)[0][0] == "d2:0"
        assert not (tmp_path / "data" / "chroma").exists()  # nothing embedded locally
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_unreachable_server_is_an_index_error(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    settings = Settings(data_dir=tmp_path / "data", chroma_url=f"http://127.0.0.1:{port}")
    with pytest.raises(IndexError_, match="cannot open the vector index"):
        VectorIndex(settings, "test/http")


def test_two_deployments_on_one_server_keep_their_own_documents(tmp_path):
    """Issue 15: the collection was named after the embedder only, so two deployments on one
    Chroma server shared it. ``deployment`` names it; unset, the old name stays (existing
    stores open as they are)."""
    import os
    import uuid

    url = os.environ.get("VANBAN_TEST_CHROMA_URL")
    if not url:
        pytest.skip("VANBAN_TEST_CHROMA_URL not set (.ci/run starts a Chroma server and sets it)")
    tag = uuid.uuid4().hex[:6]
    a = VectorIndex(Settings(data_dir=tmp_path / "a", chroma_url=url, deployment=f"so-a-{tag}"), "test/emb")
    b = VectorIndex(Settings(data_dir=tmp_path / "b", chroma_url=url, deployment=f"so-b-{tag}"), "test/emb")
    legacy = VectorIndex(Settings(data_dir=tmp_path / "c", chroma_url=url), "test/emb")
    try:
        assert (a.name, b.name, legacy.name) == (f"vanban-so-a-{tag}-test-emb", f"vanban-so-b-{tag}-test-emb",
                                                  "vanban-test-emb")
        d1, d2 = _docs()[:2]
        a.add(chunk(d1), np.stack([_unit([1, 0, 0])]), ["x1"])
        b.add(chunk(d2), np.stack([_unit([1, 0, 0])]), ["x2"])
        assert set(a.state()) == {"d1"} and set(b.state()) == {"d2"}
        assert a.doc_state("d1") == (1, "x1") and a.doc_state("d2") == (0, "")
    finally:
        for index in (a, b):
            index.reset()
