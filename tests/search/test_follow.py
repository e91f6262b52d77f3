"""A BM25 store following a real SQL change log (SQLite): replay, the seq committed with the
documents, a replay that lost the race to another process, deletes beyond a batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.record import Document
from core.settings import Settings
from search import follow
from search.chunking import chunk, chunks_digest
from search.lexical import LexicalIndex, analyzed
from store.db import session_factory
from store.repository import Repository


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    return Repository(session_factory(Settings(data_dir=tmp_path / "sql")))


def catch_up(idx: LexicalIndex, repo: Repository) -> int:
    return follow.catch_up(idx, repo.changes, Settings().chunk_max_chars)


def test_replay_builds_the_engines_passages_and_commits_the_seq(tmp_path, repo, decision, news):
    for i, doc in enumerate([decision, *news]):
        repo.save(doc, f"k{i}")
    idx = LexicalIndex(tmp_path / "bm25")
    assert catch_up(idx, repo) == 4
    chunks = chunk(decision, Settings().chunk_max_chars)
    assert idx.digests()[decision.id] == chunks_digest(chunks)  # what SearchEngine.index writes
    assert idx.search("kinh te so chiem 20% GRDP", 3)[0][0].doc_id == decision.id
    reopened = LexicalIndex(tmp_path / "bm25")
    assert reopened.applied_seq() == repo.changes.head()
    assert catch_up(reopened, repo) == 0
    reopened.clear()  # an empty store replays the whole log
    assert reopened.applied_seq() == 0 and catch_up(reopened, repo) == 4


def test_a_stale_replay_writes_nothing_and_the_next_reads_on(tmp_path, repo, news):
    first, second = LexicalIndex(tmp_path / "bm25"), LexicalIndex(tmp_path / "bm25")  # two processes
    repo.save(news[0], "a")
    assert catch_up(first, repo) == 1
    repo.delete(news[0].id)
    # second read the log before first applied the delete: its put must not resurrect it
    stale = {news[0].id: (chunks_digest(chunk(news[0])), analyzed(chunk(news[0])))}
    assert catch_up(first, repo) == 1
    assert not second.apply(0, 1, stale, [])
    assert second.counts() == {} and second.applied_seq() == repo.changes.head()


def test_own_unsaved_puts_survive_an_apply(tmp_path, repo, news):
    idx = LexicalIndex(tmp_path / "bm25")
    own = chunk(news[1])
    idx.put(news[1].id, chunks_digest(own), own)  # not saved yet
    repo.save(news[0], "a")
    catch_up(idx, repo)
    assert set(LexicalIndex(tmp_path / "bm25").counts()) == {news[0].id, news[1].id}


def test_a_put_deleted_beyond_the_batch_is_not_indexed(tmp_path, repo, news, monkeypatch):
    monkeypatch.setattr(follow, "BATCH", 1)
    repo.save(news[0], "a")
    repo.save(news[1], "b")
    repo.delete(news[0].id)
    idx = LexicalIndex(tmp_path / "bm25")
    assert catch_up(idx, repo) == 3
    assert set(idx.counts()) == {news[1].id}


def test_documents_already_held_are_not_read_again(tmp_path, repo, news, monkeypatch):
    idx = LexicalIndex(tmp_path / "bm25")
    for doc in news:
        repo.save(doc, doc.source)
        chunks = chunk(doc)
        idx.put(doc.id, chunks_digest(chunks), chunks)  # this node indexed its own ingests
    idx.save()
    asked: list[list[str]] = []
    read = repo.changes.documents

    def documents(ids: list[str]) -> dict[str, Document]:
        asked.append(ids)
        return read(ids)

    monkeypatch.setattr(repo.changes, "documents", documents)
    assert catch_up(idx, repo) == 3 and asked == [[]]
