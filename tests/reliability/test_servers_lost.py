"""Issue 15: the database or the Chroma server goes away in the middle of `vanban ingest`. Before,
the run ended on one error line (or a traceback) and never said which files were stored; now
every file that failed gets its line, the summary follows, and the exit status is 1."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from relsupport import CHROMA_URL, PG_URL, REPO, Store, stored_count, write_docs

pytestmark = pytest.mark.slow
SUMMARY = re.compile(r"^ingested (\d+), unchanged (\d+), failed (\d+)$")


def _wait_for(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@pytest.fixture
def database() -> Iterator[str]:
    """A database of its own, so cutting it off disturbs no other test."""
    if not PG_URL:
        pytest.skip("VANBAN_TEST_PG_URL not set (.ci/run starts PostgreSQL and sets it)")
    name = f"vanban_lost_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS true')
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_database_lost_mid_ingest_names_each_failed_file(database: str, tmp_path: Path) -> None:
    """Once two documents are committed, the database refuses connections and drops the open
    ones (what the client sees of a killed server)."""
    assert PG_URL is not None
    # enough files that the cut, made once 2 are stored, lands before the last one: with 8, a
    # quick machine had stored all of them before the poll saw the second (failed 0)
    paths = write_docs(tmp_path / "in", 40)
    store = Store(tmp_path / "data", f"{PG_URL.rsplit('/', 1)[0]}/{database}")
    proc = subprocess.Popen(store.argv("ingest", str(tmp_path / "in")), env=store.env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: stored_count(store) >= 2 or proc.poll() is not None, 300, "nothing stored")
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS false')
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (database,))
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, (out, err)
    assert "Traceback" not in err, err[-3000:]
    summary = SUMMARY.match(out.strip().splitlines()[-1])
    assert summary, out
    ingested, unchanged, failed = map(int, summary.groups())
    assert ingested >= 2 and failed >= 1 and ingested + unchanged + failed == len(paths)
    failed_lines = [line for line in err.splitlines() if line.startswith("failed ")]
    assert len(failed_lines) == failed, err
    assert all(line.split(":")[0].removeprefix("failed ").endswith(".txt") for line in failed_lines)
    assert "indexing failed" in err  # the stored ones could not be indexed either: said so


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A Chroma server of its own (the shared one must survive), started like .ci/chroma.sh."""
    if not CHROMA_URL:
        pytest.skip("VANBAN_TEST_CHROMA_URL not set (.ci/run starts a Chroma server and sets it)")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([str(Path(sys.executable).parent / "chroma"), "run", "--host", "127.0.0.1",
                             "--port", str(port), "--path", str(tmp_path / "chroma")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def answers() -> bool:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2)
        except OSError:
            return False
        return True

    _wait_for(answers, 120, "chroma did not start")
    yield url, proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_chroma_server_lost_mid_ingest_still_summarizes(chroma_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Killed (SIGKILL) once every file is stored, i.e. while the vectors are being written."""
    url, server = chroma_server
    paths = write_docs(tmp_path / "in", 6)
    store = Store(tmp_path / "data", chroma_url=url)
    proc = subprocess.Popen(store.argv("ingest", str(tmp_path / "in")), env=store.env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: stored_count(store) >= len(paths) or proc.poll() is not None, 300, "not stored")
    server.kill()
    out, err = proc.communicate(timeout=300)
    assert "Traceback" not in err, err[-3000:]
    assert out.strip().splitlines()[-1] == "ingested 6, unchanged 0, failed 0", (out, err)
    if proc.returncode == 1:  # the usual case: the server was gone before the vectors were in
        assert "error: indexing failed: " in err and "vanban check --repair" in err, err
    else:  # the six documents' vectors were written before the kill landed
        assert proc.returncode == 0, err
