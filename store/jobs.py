"""Queued ingest in the SQL store (issue 15): original files kept by content hash, so a job queued
on one machine can be run by a worker on any other (the job names the sha256, the bytes come from
here; the same bytes twice are stored once), and each job's outcome, which the worker writes and
the queueing machine reads."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from core.errors import NotFoundError, StoreError
from store.models import JobRow, OriginalRow


@dataclass(frozen=True)
class Original:
    sha256: str
    name: str
    content: bytes


@dataclass(frozen=True)
class Outcome:
    ticket: str
    source: str
    status: str
    doc_id: str | None
    error: str | None
    attempts: int


class JobStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def put(self, content: bytes, name: str) -> str:
        """Store ``content`` (once per sha256) and return its sha256; the first name is kept."""
        sha = hashlib.sha256(content).hexdigest()
        try:
            with self._sessions.begin() as s:
                if s.get(OriginalRow, sha) is None:
                    s.add(OriginalRow(sha256=sha, name=name[:1024], size=len(content), content=content))
        except IntegrityError:
            pass  # another process stored the same bytes between our check and our insert
        except SQLAlchemyError as err:
            raise StoreError(f"could not store the original {name}: {err.__class__.__name__}") from err
        return sha

    def get(self, sha256: str) -> Original:
        try:
            with self._sessions() as s:
                row = s.execute(select(OriginalRow.name, OriginalRow.content)
                                .where(OriginalRow.sha256 == sha256)).first()
        except SQLAlchemyError as err:
            raise StoreError(f"could not read the original {sha256[:12]}: {err.__class__.__name__}") from err
        if row is None:
            raise NotFoundError(f"no original file with sha256 {sha256}")
        return Original(sha256, row.name, bytes(row.content))

    # --- outcomes of queued jobs ------------------------------------------------------------
    def queued(self, ticket: str, sha256: str, source: str, source_key: str) -> None:
        self._write(lambda s: s.add(JobRow(ticket=ticket, sha256=sha256, source=source[:1024],
                                           source_key=source_key[:1024], status="queued", attempts=0)))

    def finished(self, ticket: str, status: str, doc_id: str | None = None, error: str | None = None,
                 attempts: int = 1) -> None:
        """The job's outcome: a save status, ``failed`` with its reason, or ``queued`` again
        (a failure that the queue retries)."""
        self._write(lambda s: s.execute(update(JobRow).where(JobRow.ticket == ticket).values(
            status=status, doc_id=doc_id, error=error, attempts=attempts)))

    def outcomes(self, tickets: list[str]) -> list[Outcome]:
        try:
            with self._sessions() as s:
                rows = s.scalars(select(JobRow).where(JobRow.ticket.in_(tickets))).all()
        except SQLAlchemyError as err:
            raise StoreError(f"could not read job outcomes: {err.__class__.__name__}") from err
        found = {r.ticket: Outcome(r.ticket, r.source, r.status, r.doc_id, r.error, r.attempts) for r in rows}
        return [found[t] for t in tickets if t in found]

    def _write(self, change: Callable[[Session], object]) -> None:
        try:
            with self._sessions.begin() as s:
                change(s)
        except SQLAlchemyError as err:
            raise StoreError(f"could not record a job: {err.__class__.__name__}") from err
