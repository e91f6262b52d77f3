"""Two clients at once: `vanban serve` on a loopback port, several threads uploading distinct
documents while others search and list. No 5xx, no lost or doubled document, the same file sent
twice at the same moment stored once, and afterwards the store and both indexes agree.

Runs on SQLite (WAL mode with a busy timeout, checked here) and on PostgreSQL when CI provides
one.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx
import pytest
from relsupport import Store, decision_text

from api.devserver import background_server
from store.db import make_engine

UPLOADERS = 4
UPLOADS_EACH = 3
SEARCHERS = 4
SEARCH_LIMIT_S = 30  # searches go on while uploads run, and stop after this many seconds at most
QUERIES = ["chuyển đổi số", "giao So Noi vu chu tri", "102/QĐ-UBND", "tỷ lệ hồ sơ trực tuyến", "Hà Tĩnh"]


@contextmanager
def serving(store: Store) -> Iterator[str]:
    """`vanban serve` on a free loopback port; stopped (SIGTERM) when the block ends."""
    with background_server(store.env) as (url, _proc):
        yield url


def upload(client: httpx.Client, url: str, n: int, name: str | None = None) -> httpx.Response:
    files = {"file": (name or f"qd_{n}.txt", decision_text(n).encode(), "text/plain")}
    return client.post(f"{url}/documents", files=files, timeout=300)


@pytest.mark.slow
def test_concurrent_uploads_and_searches(store: Store) -> None:
    with serving(store) as url:
        total = _load(url)
    check = store.vanban("check")
    assert check.returncode == 0, check.stderr + check.stdout
    assert check.stdout.strip() == (f"store {total} documents; indexes: bm25 {total}, vectors {total}; "
                                    "consistent")


def _load(url: str) -> int:
    """The concurrent load; returns how many documents the store must now hold."""
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    uploads_done = threading.Event()
    ids: list[str] = []

    def uploader(worker: int) -> None:
        with httpx.Client() as client:
            for k in range(UPLOADS_EACH):
                r = upload(client, url, 100 + worker * UPLOADS_EACH + k)
                with lock:
                    statuses[r.status_code] += 1
                    if r.status_code == 201:
                        ids.append(r.json()["id"])

    def searcher(worker: int) -> int:
        done = 0
        stop_at = time.monotonic() + SEARCH_LIMIT_S
        with httpx.Client() as client:
            while not uploads_done.is_set() and time.monotonic() < stop_at:
                q = QUERIES[(worker + done) % len(QUERIES)]
                r = client.get(f"{url}/search", params={"q": q, "top_k": 5}, timeout=300)
                listing = client.get(f"{url}/documents", params={"limit": 50}, timeout=300)
                with lock:
                    statuses[r.status_code] += 1
                    statuses[listing.status_code] += 1
                done += 1
        return done

    started = time.perf_counter()
    with ThreadPoolExecutor(UPLOADERS + SEARCHERS) as pool:
        searches = [pool.submit(searcher, w) for w in range(SEARCHERS)]
        uploads = [pool.submit(uploader, w) for w in range(UPLOADERS)]
        for f in uploads:
            f.result()
        uploads_done.set()
        n_searches = sum(f.result() for f in searches)
    took = time.perf_counter() - started

    total = UPLOADERS * UPLOADS_EACH
    assert not [s for s in statuses if s >= 500], statuses
    assert statuses[201] == total, statuses
    assert len(set(ids)) == total
    assert n_searches >= SEARCHERS  # every search thread got answers while uploads ran
    listed = httpx.get(f"{url}/documents", params={"limit": 200}).json()
    assert listed["total"] == total
    assert sorted(d["id"] for d in listed["items"]) == sorted(ids)
    print(f"{total} uploads and {n_searches} search+list rounds from {UPLOADERS + SEARCHERS} threads "
          f"in {took:.1f} s: {dict(statuses)}")

    # the same bytes twice at the same moment: stored once, the other answer says so
    barrier = threading.Barrier(2)

    def same_file(name: str) -> httpx.Response:
        with httpx.Client() as client:
            barrier.wait()
            return upload(client, url, 999, name=name)

    with ThreadPoolExecutor(2) as pool:
        twins = list(pool.map(same_file, ["copy_a.txt", "copy_b.txt"]))
    assert sorted(r.status_code for r in twins) == [200, 201], [r.text for r in twins]
    assert twins[0].json()["id"] == twins[1].json()["id"]
    assert httpx.get(f"{url}/health").json()["documents"] == total + 1
    return total + 1


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Readers never block on the writer (WAL) and a second writer waits instead of failing."""
    store = Store(tmp_path / "data")
    engine = make_engine(store.settings.db_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()
    # WAL is a property of the file: any other connection sees it too
    with sqlite3.connect(tmp_path / "data" / "vanban.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
