"""`vanban serve --workers 2` as real processes over one store: a document uploaded through one
worker is found by words and by meaning through the other, which had its indexes loaded before
the upload; a worker that dies is replaced. Slow: the upload loads the embedding models."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from apisupport import HATINH_NEWS

from api.devserver import background_server

pytestmark = pytest.mark.slow
WORKER = "x-vanban-worker"


@pytest.fixture
def server(indexed_dir: Path, tmp_path: Path) -> Iterator[str]:
    data = tmp_path / "data"
    shutil.copytree(indexed_dir, data)  # a private copy: this test writes
    env = {k: v for k, v in os.environ.items() if k != "VANBAN_API_KEY"} | {"VANBAN_DATA_DIR": str(data)}

    def command(port: int) -> list[str]:
        return [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                "--workers", "2"]

    with (tmp_path / "server.log").open("wb") as log, \
            background_server(env, timeout_s=120, output=log, command=command) as (url, _proc):
        yield url


def _through(url: str, pid: str | None = None, seconds: float = 30) -> httpx.Client:
    """A connection held by worker ``pid`` (any worker when None). A keep-alive connection stays
    with the worker that accepted it, but the kernel picks that worker (and uvicorn closes idle
    connections after 5 s), so connect until the wanted one answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        client = httpx.Client(base_url=url, timeout=120)
        if pid is None or client.get("/health").headers[WORKER] == pid:
            return client
        client.close()
    raise AssertionError(f"worker {pid} did not answer within {seconds:g} s")


def _workers(url: str, seconds: float = 30) -> list[str]:
    """The two workers' pids."""
    seen: set[str] = set()
    deadline = time.monotonic() + seconds
    while len(seen) < 2:
        assert time.monotonic() < deadline, f"only workers {sorted(seen)} answered"
        with closing(_through(url)) as client:
            seen.add(client.get("/health").headers[WORKER])
    return sorted(seen)


def _found(url: str, pid: str, query: str, mode: str) -> set[str]:
    """Documents found by worker ``pid``."""
    with closing(_through(url, pid)) as client:
        r = client.get("/search", params={"q": query, "mode": mode, "top_k": 10})
    assert r.status_code == 200, r.text
    assert r.headers[WORKER] == pid
    return {hit["document_id"] for hit in r.json()["results"]}


def test_an_upload_through_one_worker_is_searchable_through_the_other(server: str) -> None:
    writer, reader = _workers(server)
    query = "du lịch biển Hà Tĩnh"
    for mode in ("bm25", "dense"):  # both workers have loaded their indexes before the upload
        for pid in (writer, reader):
            _found(server, pid, query, mode)

    with closing(_through(server, writer)) as client:
        r = client.post("/documents", files={"file": (HATINH_NEWS.name, HATINH_NEWS.read_bytes(),
                                                       "text/plain")})
    assert r.status_code == 201, r.text
    assert r.headers[WORKER] == writer
    new = r.json()["id"]

    for mode in ("bm25", "dense", "hybrid"):
        assert new in _found(server, reader, query, mode), mode
    with closing(_through(server, reader)) as client:
        assert client.get(f"/documents/{new}").status_code == 200
        assert client.get("/health").json()["documents"] == 3


def test_a_dead_worker_is_replaced(server: str) -> None:
    victim = _workers(server)[0]
    os.kill(int(victim), signal.SIGKILL)
    seen: set[str] = set()
    deadline = time.monotonic() + 30
    while len(seen) < 2:  # the survivor and the replacement
        assert time.monotonic() < deadline, f"workers answering: {sorted(seen)}"
        with httpx.Client(base_url=server, timeout=30) as client:
            r = client.get("/health")
        assert r.status_code == 200
        seen.add(r.headers[WORKER])
    assert victim not in seen
