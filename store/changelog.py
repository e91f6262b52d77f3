"""The change log: every write to ``documents`` leaves a row (seq, document id, op, content hash)
in the same transaction, so serving nodes that share the SQL store but not a data dir can bring
their own lexical index up to date (``search/follow.py``) — node B finds what node A ingested.

``seq`` must be *committed* in increasing order, or a node that has applied up to 10 would never
look back at a 9 that committed after it. SQLite serializes writers, so its seq is in commit
order already. On PostgreSQL two transactions may take seqs 9 and 10 and commit 10 first; a
transaction-scoped advisory lock, taken just before the row is inserted (the tail of the
transaction), makes the next writer wait for this one's commit before it draws its seq.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from core.errors import StoreError
from core.record import Document
from store.models import ChangeRow, DocumentRow

__all__ = ["Change", "ChangeLog", "Op", "content_hash", "record"]

Op = Literal["put", "delete"]
# pg_advisory_xact_lock key: a constant no other part of vanban uses (store.db.MIGRATION_LOCK is
# b"vanban"; a save must not queue behind a migration of another database's schema lock)
_PG_LOCK_KEY = int.from_bytes(b"vbchanges", "big") & 0x7FFF_FFFF_FFFF_FFFF
_IN_LIST_MAX = 500  # documents read per query when a node rebuilds passages


@dataclass(frozen=True)
class Change:
    seq: int
    doc_id: str
    op: Op
    content_hash: str | None


def content_hash(doc_text: str) -> str:
    """What a put row records of the content: the text's sha256 (the id is its first 16 hex)."""
    return hashlib.sha256(doc_text.encode("utf-8")).hexdigest()


def record(session: Session, changes: list[tuple[str, Op, str | None]]) -> None:
    """Log ``(document id, op, content hash)`` rows in ``session``'s transaction, in order.
    Call it last in the transaction: on PostgreSQL it holds the log's lock until the commit."""
    if not changes:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    session.add_all(ChangeRow(document_id=d, op=op, content_hash=h) for d, op, h in changes)
    session.flush()


@contextlib.contextmanager
def _reading(what: str) -> Iterator[None]:
    """A database error while a node reads the log: a StoreError (503), naming the read."""
    try:
        yield
    except SQLAlchemyError as err:
        raise StoreError(f"cannot read the change log ({what}): {err.__class__.__name__}") from err


class ChangeLog:
    """Reading the log; ``search.follow.ChangeSource`` is what the search side expects of it."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def head(self) -> int:
        """The newest seq (0 for an empty log): one indexed read, what a node checks per search."""
        with _reading("newest seq"), self._sessions() as s:
            return s.scalar(select(func.max(ChangeRow.seq))) or 0

    def since(self, seq: int, limit: int) -> list[Change]:
        """Up to ``limit`` changes after ``seq``, oldest first."""
        with _reading(f"changes after {seq}"), self._sessions() as s:
            q = select(ChangeRow).where(ChangeRow.seq > seq).order_by(ChangeRow.seq).limit(limit)
            return [Change(r.seq, r.document_id, r.op, r.content_hash)  # type: ignore[arg-type]
                    for r in s.scalars(q).all()]

    def documents(self, ids: list[str]) -> dict[str, Document]:
        """The stored documents among ``ids`` (a deleted one is simply absent)."""
        from store.repository import row_to_document

        out: dict[str, Document] = {}
        with _reading("documents to index"), self._sessions() as s:
            for i in range(0, len(ids), _IN_LIST_MAX):
                q = select(DocumentRow).where(DocumentRow.id.in_(ids[i:i + _IN_LIST_MAX]))
                out.update((r.id, row_to_document(r)) for r in s.scalars(q).all())
        return out
