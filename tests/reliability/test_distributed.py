"""Issue 15: queued ingest by several workers into PostgreSQL + a Chroma server, as separate
machines would run it (each process has its own data dir; they share only the two servers).

Every test gets a new PostgreSQL database (so the workers' first start races on creating the
schema, as two first ingests into a new database did) and its own Chroma collection
(``VANBAN_DEPLOYMENT``). Skipped unless CI's servers are there (.ci/run sets both URLs).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from relsupport import CHROMA_URL, PG_URL, REPO, Store, assert_whole, write_docs

from api.devserver import stop_processes
from api.service import Service
from core.settings import Settings
from search.chunking import chunk

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (PG_URL and CHROMA_URL),
                       reason="VANBAN_TEST_PG_URL and VANBAN_TEST_CHROMA_URL not both set (.ci/run)"),
]


class Cluster:
    """One database and one collection; ``node(name)`` is a machine with its own data dir."""

    def __init__(self, tmp: Path, database_url: str, deployment: str) -> None:
        self.tmp, self.database_url, self.deployment = tmp, database_url, deployment
        self.workers: list[subprocess.Popen[bytes]] = []

    def node(self, name: str, **env: str) -> Store:
        return Store(self.tmp / name, self.database_url, chroma_url=CHROMA_URL,
                     extra_env={"VANBAN_DEPLOYMENT": self.deployment, **env})

    def settings(self, name: str) -> Settings:
        """A node's settings in this process (``Store.settings`` knows no deployment)."""
        return self.node(name).settings.model_copy(update={"deployment": self.deployment})

    def worker(self, name: str, **env: str) -> subprocess.Popen[bytes]:
        node = self.node(name, **env)
        log = (self.tmp / f"{name}.log").open("wb")
        proc = subprocess.Popen(node.argv("worker"), env=node.env, cwd=REPO, stdout=log,
                                stderr=subprocess.STDOUT)
        self.workers.append(proc)
        return proc

    def log(self, name: str) -> str:
        return (self.tmp / f"{name}.log").read_text(errors="replace")

    def jobs(self) -> list[tuple[str, int]]:
        with psycopg.connect(self.database_url) as conn:
            return [(r[0], r[1]) for r in conn.execute(
                "SELECT status::text, attempts FROM procrastinate_jobs ORDER BY id").fetchall()]


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    assert PG_URL is not None
    name = f"vanban_distrib_{uuid.uuid4().hex[:8]}"
    server = PG_URL.rsplit("/", 1)[0]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    c = Cluster(tmp_path, f"{server}/{name}", name.replace("_", "-"))
    yield c
    stop_processes(c.workers)
    Service(c.settings("cleanup")).engine.reset_vectors()  # drop this test's collection
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _assert_searchable_once(cluster: Cluster, sources: set[str]) -> None:
    """Each document whole in SQL once, its chunks in Chroma once; a serving node with an empty
    data dir builds BM25 from the store without embedding anything, and finds each by number."""
    ids = assert_whole(cluster.node("serving"), sources)
    svc = Service(cluster.settings("serving"))
    vectors = svc.engine.vectors.state()
    for doc_id in ids:
        doc = svc.repo.get(doc_id)
        assert doc is not None
        assert vectors[doc_id][0] == len(chunk(doc, svc.settings.chunk_max_chars)), doc.source
    assert set(vectors) == ids, "vectors of a document the store lacks"
    missing, extra = svc.sync_index()
    assert (missing, extra) == (len(ids), 0)
    assert "embedder" not in svc.engine.__dict__, "the serving node embedded what workers had"
    assert svc.check().ok
    for doc_id in ids:
        doc = svc.repo.get(doc_id)
        assert doc is not None and doc.number
        hits = svc.search(doc.number, top_k=10, per_document=10).results
        assert hits and hits[0].document_id == doc_id
        chunk_ids = [h.chunk_id for h in hits]
        assert len(chunk_ids) == len(set(chunk_ids)), "a passage found twice"


def test_two_workers_store_every_document_once(cluster: Cluster, tmp_path: Path) -> None:
    """Two workers start together on a new database, a third machine queues 6 files and waits:
    the usual summary, every document stored and searchable exactly once."""
    paths = write_docs(tmp_path / "in", 6)
    cluster.worker("worker-a")
    cluster.worker("worker-b")
    queuing = cluster.node("queue")
    done = queuing.vanban("ingest", "--queue", str(tmp_path / "in"), timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "ingested 6, unchanged 0, failed 0"
    for name in ("worker-a", "worker-b"):
        log = cluster.log(name)
        assert "Traceback" not in log and "UniqueViolation" not in log, log[-3000:]
    _assert_searchable_once(cluster, {p.name for p in paths})
    assert [s for s, _ in cluster.jobs()] == ["succeeded"] * 6
    again = queuing.vanban("ingest", "--queue", str(tmp_path / "in"), timeout=600)
    assert again.stdout.strip().splitlines()[-1] == "ingested 0, unchanged 6, failed 0"


def test_a_killed_worker_loses_nothing_and_stores_nothing_twice(cluster: Cluster, tmp_path: Path) -> None:
    """SIGKILL the only worker in the middle of a job; a worker started afterwards requeues the
    job (its heartbeat stopped) and runs it: all stored once, vectors whole."""
    paths = write_docs(tmp_path / "in", 5)
    queuing = cluster.node("queue")
    queued = queuing.vanban("enqueue", str(tmp_path / "in"))
    assert queued.returncode == 0, queued.stderr[-2000:]
    assert queued.stdout.strip() == "queued 5"
    victim = cluster.worker("worker-a", VANBAN_STALLED_AFTER_S="3")
    deadline = time.monotonic() + 300
    while not any(s == "doing" for s, _ in cluster.jobs()):
        assert victim.poll() is None, cluster.log("worker-a")[-3000:]
        assert time.monotonic() < deadline, "no job started"
        time.sleep(0.05)
    time.sleep(0.3)  # inside the job: reading, extracting, storing or embedding
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    interrupted = [i for i, (s, _) in enumerate(cluster.jobs()) if s == "doing"]
    assert interrupted, "the job finished before the kill; nothing was tested"
    cluster.worker("worker-b", VANBAN_STALLED_AFTER_S="3")
    deadline = time.monotonic() + 300
    while any(s != "succeeded" for s, _ in cluster.jobs()):
        assert time.monotonic() < deadline, (cluster.jobs(), cluster.log("worker-b")[-3000:])
        time.sleep(0.5)
    jobs = cluster.jobs()
    # procrastinate counts an attempt when a job is requeued and when it ends
    assert [a for i, (_, a) in enumerate(jobs) if i in interrupted] == [2] * len(interrupted), jobs
    _assert_searchable_once(cluster, {p.name for p in paths})
