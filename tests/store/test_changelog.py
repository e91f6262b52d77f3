"""The change log on a real SQLite file, and PostgreSQL when CI provides one: every write to
``documents`` leaves its row in the same transaction, seqs are committed in order."""

import threading
import time

import pytest

from core.record import Document, document_id
from store import changelog
from store.db import session_factory
from store.repository import Repository


@pytest.fixture
def sessions(store_settings):
    return session_factory(store_settings)


@pytest.fixture
def repo(sessions):
    r = Repository(sessions)
    for doc_id in r.ids():
        r.delete(doc_id)
    return r


def make_doc(text: str, source: str = "a.txt") -> Document:
    return Document(id=document_id(text), source=source, text=text, number="5/QĐ-UBND", kind="decision")


def ops_after(repo: Repository, seq: int) -> list[tuple[str, str, str | None]]:
    return [(c.doc_id, c.op, c.content_hash) for c in repo.changes.since(seq, 100)]


def test_save_replace_and_delete_each_log_their_rows_in_order(repo):
    start = repo.changes.head()
    d1, d2 = make_doc("Quyết định năm"), make_doc("Quyết định năm, bản sửa")
    repo.save(d1, "k")
    repo.save(d1, "k")  # unchanged: nothing written, nothing logged
    repo.save(d2, "k")  # replaces d1
    assert repo.delete(d2.id)
    assert not repo.delete(d2.id)  # nothing deleted: nothing logged
    assert ops_after(repo, start) == [
        (d1.id, "put", changelog.content_hash(d1.text)),
        (d1.id, "delete", None),
        (d2.id, "put", changelog.content_hash(d2.text)),
        (d2.id, "delete", None),
    ]
    seqs = [c.seq for c in repo.changes.since(start, 100)]
    assert seqs == sorted(seqs) and repo.changes.head() == seqs[-1]
    assert changelog.content_hash(d1.text)[:16] == d1.id  # the id is the hash's head
    assert [c.op for c in repo.changes.since(start, 2)] == ["put", "delete"]  # limit, oldest first


def test_documents_reads_stored_ones_only(repo):
    doc = make_doc("Quyết định sáu")
    repo.save(doc, "six")
    got = repo.changes.documents([doc.id, "0000000000000000"])
    assert list(got) == [doc.id] and got[doc.id].text == doc.text


def test_a_rolled_back_write_logs_nothing(repo, sessions):
    start = repo.changes.head()
    with pytest.raises(RuntimeError), sessions.begin() as s:
        changelog.record(s, [("feedfeedfeedfeed", "put", None)])
        raise RuntimeError("the document insert failed after the log row")
    assert ops_after(repo, start) == []


def test_a_writer_draws_its_seq_after_the_open_one_commits(repo, sessions):
    """Seq order is commit order: a node that applied up to seq n never misses a smaller seq
    committed later (SQLite: one writer at a time; PostgreSQL: the advisory lock)."""
    start = repo.changes.head()
    doc = make_doc("Quyết định bảy")
    done = threading.Event()
    with sessions.begin() as s:
        changelog.record(s, [("aaaaaaaaaaaaaaaa", "put", None)])
        writer = threading.Thread(target=lambda: (repo.save(doc, "seven"), done.set()))
        writer.start()
        time.sleep(0.5)
        assert not done.is_set()  # waits for this transaction
    writer.join(timeout=30)
    assert [c.doc_id for c in repo.changes.since(start, 10)] == ["aaaaaaaaaaaaaaaa", doc.id]
