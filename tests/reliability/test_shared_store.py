"""Issue 13, cases 1, 2 and 4: `vanban serve` beside CLI ingest and reindex on the same store,
and a search whose vector side is lost. Each runs on SQLite + embedded Chroma and on PostgreSQL
+ a Chroma server (``backend``)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import httpx
import pytest
from relsupport import PROVINCES, Store, write_docs

from api.devserver import background_server
from api.service import Service
from core.settings import Settings

pytestmark = pytest.mark.slow
QUERY = "giao Sở Nội vụ chủ trì triển khai kế hoạch"


def _ids(url: str) -> set[str]:
    page = httpx.get(f"{url}/documents", params={"limit": 200}, timeout=30).json()
    return {d["id"] for d in page["items"]}


def _dense_ids(url: str, **params: object) -> set[str]:
    r = httpx.get(f"{url}/search", params={"q": QUERY, "mode": "dense", "top_k": 100, **params}, timeout=60)
    assert r.status_code == 200, r.text
    return {hit["document_id"] for hit in r.json()["results"]}


def _until(check, seconds: float = 1.0) -> float:  # type: ignore[no-untyped-def]
    """Seconds until ``check()`` holds (fails past ``seconds``)."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, "the server did not see the change in time"
        time.sleep(0.05)
    return time.monotonic() - started


def test_cli_ingest_and_reindex_beside_a_running_server(backend: Store, tmp_path: Path) -> None:
    first = backend.vanban("ingest", *map(str, write_docs(tmp_path / "a", 3)))
    assert first.returncode == 0, first.stderr
    with (tmp_path / "server.log").open("wb") as log, \
            background_server(backend.env, timeout_s=120, output=log) as (url, _proc):
        assert len(_dense_ids(url)) == 3  # the server has loaded its vectors

        # 1. a CLI ingest beside it: dense and filtered searches see every new document
        more = backend.vanban("ingest", *map(str, write_docs(tmp_path / "b", 5, first=3)))
        assert more.returncode == 0, more.stderr
        every = _ids(url)
        assert len(every) == 8
        _until(lambda: _dense_ids(url) == every)
        province = PROVINCES[5]
        for mode in ("dense", "hybrid", "bm25"):
            r = httpx.get(f"{url}/search", params={"q": QUERY, "mode": mode, "province": province,
                                                   "year_from": 2024, "top_k": 20}, timeout=60)
            assert r.status_code == 200, r.text
            assert [h["number"] for h in r.json()["results"]] == ["105/QĐ-UBND"]

        # 2. a reindex while 2 clients search: no 5xx during or after
        statuses: list[int] = []
        stop = threading.Event()

        def search_loop() -> None:
            while not stop.is_set():
                for mode in ("dense", "hybrid"):
                    statuses.append(httpx.get(f"{url}/search", params={
                        "q": QUERY, "mode": mode, "province": province}, timeout=60).status_code)

        clients = [threading.Thread(target=search_loop) for _ in range(2)]
        for t in clients:
            t.start()
        reindex = backend.vanban("reindex")
        stop.set()
        for t in clients:
            t.join()
        assert reindex.returncode == 0, reindex.stderr
        assert statuses and max(statuses) < 500, sorted(set(statuses))
        _until(lambda: _dense_ids(url) == every)
        new = write_docs(tmp_path / "c", 1, first=8)[0]
        r = httpx.post(f"{url}/documents", files={"file": (new.name, new.read_bytes(), "text/plain")},
                       timeout=120)
        assert r.status_code == 201, r.text
        assert _dense_ids(url) == every | {r.json()["id"]}
    assert backend.vanban("check").returncode == 0


def test_search_without_its_vector_side_answers_from_bm25_degraded(backend: Store, tmp_path: Path) -> None:
    service = Service(backend.settings)
    assert service.ingest_paths(write_docs(tmp_path / "in", 3)).count("failed") == 0
    if backend.chroma_url:  # the Chroma server goes away
        broken = Settings(data_dir=backend.data_dir, database_url=backend.database_url,
                          chroma_url="http://127.0.0.1:9")
    else:  # chroma.sqlite3 overwritten with garbage
        (backend.data_dir / "chroma" / "chroma.sqlite3").write_bytes(os.urandom(64 * 1024))
        broken = backend.settings
    damaged = Service(broken)
    for mode in ("hybrid", "dense"):
        resp = damaged.search("101/QĐ-UBND", mode=mode)
        assert resp.degraded, mode
        assert resp.results[0].number == "101/QĐ-UBND"
    state = damaged.check()
    assert not state.ok and state.problems[0].startswith("vectors: ")
    if not backend.chroma_url:
        assert damaged.check(repair=True).ok
        healed = Service(backend.settings).search(QUERY, mode="dense")
        assert not healed.degraded and len(healed.results) == 3
