"""Two serving nodes on one SQL store, each with its own data dir: what node A ingests, node B
finds (by number, by words and, with a shared Chroma server, by meaning) and what A deletes
disappears from B — B's BM25 store follows the SQL change log (``search/follow.py``).

SQLite: both nodes open one SQLite file. PostgreSQL when ``VANBAN_TEST_PG_URL`` is set (its
tables are dropped first: the server outlives the test). The meaning search needs vectors both
nodes see, so it runs with a Chroma server (``VANBAN_TEST_CHROMA_URL``) only.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from apisupport import NGHEAN, SCRIPT_DOC, require_samples

from api.service import Service
from core.settings import Settings
from store.db import make_engine
from store.models import Base

PG_URL = os.environ.get("VANBAN_TEST_PG_URL")
CHROMA_URL = os.environ.get("VANBAN_TEST_CHROMA_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    if not PG_URL:
        pytest.skip("VANBAN_TEST_PG_URL not set (.ci/postgres.sh starts PostgreSQL and prints it)")
    engine = make_engine(PG_URL)
    with engine.begin() as conn:  # every table the migrations create, whoever used the database last
        Base.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()
    return PG_URL


@pytest.fixture(params=["embedded", "server"])
def chroma_url(request: pytest.FixtureRequest) -> str | None:
    if request.param == "embedded":
        return None
    if not CHROMA_URL:
        pytest.skip("VANBAN_TEST_CHROMA_URL not set (.ci/chroma.sh starts a Chroma server and prints it)")
    return CHROMA_URL


def node(tmp_path: Path, name: str, db_url: str, chroma_url: str | None) -> Service:
    # follow_interval_s=0: every search asks the log (the throttle has its own test)
    return Service(Settings(data_dir=tmp_path / name, database_url=db_url, chroma_url=chroma_url,
                            indicator_embedding=False, follow_interval_s=0))


def bm25_problems(svc: Service) -> list[str]:
    return [p for p in svc.check().problems if p.startswith("bm25:")]


def test_node_b_follows_what_node_a_ingests_and_deletes(tmp_path: Path, db_url: str,
                                                        chroma_url: str | None) -> None:
    require_samples()
    a = node(tmp_path, "a", db_url, chroma_url)
    if chroma_url:
        a.engine.reset()  # what an earlier run left on the server
    b = node(tmp_path, "b", db_url, chroma_url)
    assert b.search("77/QĐ-UBND", mode="bm25").results == []  # B is empty, and stays correct

    first = a.ingest_file(SCRIPT_DOC, source=SCRIPT_DOC.name)
    second = a.ingest_file(NGHEAN, source=NGHEAN.name)
    assert (first.status, second.status) == ("ingested", "ingested")

    by_number = b.search("77/QĐ-UBND", mode="bm25")
    assert by_number.lookup.found and by_number.results[0].document_id == first.id
    words = b.search("dịch vụ công trực tuyến toàn trình", mode="bm25")
    assert words.results[0].document_id == first.id
    assert "trực tuyến" in words.results[0].passage  # the passage comes from B's own store
    accentless = b.search("ban chi dao chuyen doi so nghe an", mode="bm25")
    assert accentless.results[0].document_id == second.id
    if chroma_url:
        meaning = b.search("tỷ lệ thủ tục hành chính giải quyết qua mạng", mode="dense")
        assert first.id in {r.document_id for r in meaning.results}
        state = b.check()
        assert state.ok, state.problems
        assert set(state.indexes["bm25"]) == set(state.indexes["vectors"]) == {first.id, second.id}
    else:
        assert bm25_problems(b) == []  # B's embedded vector store is its own: only BM25 follows

    # A replaces the decision with a new version (same file), then deletes the other document
    changed = tmp_path / "in" / SCRIPT_DOC.name
    changed.parent.mkdir()
    changed.write_text(SCRIPT_DOC.read_text(encoding="utf-8").replace("90%", "95%"), encoding="utf-8")
    third = a.ingest_file(changed, source=SCRIPT_DOC.name, source_key=str(SCRIPT_DOC.resolve()))
    assert (third.status, third.replaced_id) == ("replaced", first.id)
    assert a.repo.delete(second.id)
    a.engine.remove([second.id])

    hits = b.search("77/QĐ-UBND", mode="bm25")
    assert [r.document_id for r in hits.results] == [third.id]
    assert any("95%" in c.text for c in b.engine.lexical.chunks() if c.doc_id == third.id)
    gone = b.search("ban chi dao chuyen doi so nghe an", mode="bm25")
    assert second.id not in {r.document_id for r in gone.results}
    assert set(b.engine.lexical.counts()) == {third.id}
    assert bm25_problems(b) == []
    if chroma_url:
        state = b.check()
        assert state.ok, state.problems


def test_a_new_process_on_b_is_current_at_once_and_replays_nothing_twice(tmp_path: Path, db_url: str) -> None:
    require_samples()
    a = node(tmp_path, "a", db_url, None)
    saved = a.ingest_file(SCRIPT_DOC, source=SCRIPT_DOC.name, index=False)  # SQL only
    b = node(tmp_path, "b", db_url, None)
    assert b.follow_changes(force=True) == 1
    assert set(b.engine.lexical.counts()) == {saved.id}
    again = node(tmp_path, "b", db_url, None)  # B restarted: the seq came back with the manifest
    assert again.follow_changes(force=True) == 0
    assert again.engine.lexical.applied_seq() == again.repo.changes.head()


def test_searches_ask_the_log_at_most_once_per_interval(tmp_path: Path, db_url: str) -> None:
    require_samples()
    a = node(tmp_path, "a", db_url, None)
    b = Service(Settings(data_dir=tmp_path / "b", database_url=db_url, indicator_embedding=False,
                         follow_interval_s=3600))
    assert b.search("77/QĐ-UBND", mode="bm25").results == []  # the first search caught up (nothing)
    a.ingest_file(SCRIPT_DOC, source=SCRIPT_DOC.name, index=False)
    assert b.search("77/QĐ-UBND", mode="bm25").results == []  # within the interval: not asked
    assert b.follow_changes(force=True) == 1
    assert b.search("77/QĐ-UBND", mode="bm25").results[0].number == "77/QĐ-UBND"
