"""SQL schema: the source of truth. Search indexes are derived from it and can be rebuilt.

Documents keep their full record as JSON (so reading one back is one row) and the fields that
filters and joins need as columns. Sections and extracted items are rows of their own so that
exports, `GET /targets` and the relation graph are plain queries.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    source: Mapped[str] = mapped_column(String(1024))
    # What identifies "the same file" across content changes: a new version replaces the old.
    source_key: Mapped[str] = mapped_column(String(1024), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    published_at: Mapped[str | None] = mapped_column(String(10))
    number: Mapped[str | None] = mapped_column(String(128), index=True)
    # number_key(number): what citations are matched on (items.number holds the same form)
    number_key: Mapped[str | None] = mapped_column(String(128), index=True)
    effective_from: Mapped[str | None] = mapped_column(String(10))
    issued_on: Mapped[str | None] = mapped_column(String(10))
    issuer: Mapped[str | None] = mapped_column(String(512))
    province: Mapped[str | None] = mapped_column(String(128), index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict] = mapped_column(JSON)  # the Document minus `text`
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    sections: Mapped[list[SectionRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    items: Mapped[list[ItemRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class SectionRow(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(256))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str | None] = mapped_column(Text)
    parent: Mapped[int | None] = mapped_column(Integer)

    document: Mapped[DocumentRow] = relationship(back_populates="sections")


class ItemRow(Base):
    """One extracted item: a decision reference, signer, target, task or person."""

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # decision | signer | target | achievement | task | person
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(128))  # decisions: canonical number
    relation: Mapped[str | None] = mapped_column(String(16))  # decisions: self/basis/…
    year: Mapped[int | None] = mapped_column(Integer)  # targets: target year; achievements: year reached
    data: Mapped[dict] = mapped_column(JSON)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)

    document: Mapped[DocumentRow] = relationship(back_populates="items")

    __table_args__ = (
        Index("ix_items_kind_doc", "kind", "document_id"),
        Index("ix_items_number", "number"),
        # the relation graph: every change (replaces/repeals/amends) in the store, for statuses
        Index("ix_items_relation_number", "relation", "number"),
    )


class ChangeRow(Base):
    """One write to ``documents``, in commit order (``store/changelog.py``): what every serving
    node's lexical index replays to stay consistent with the store it shares with other nodes.

    No foreign key: the row outlives the document it records the deletion of."""

    __tablename__ = "changes"

    # BIGINT on PostgreSQL; on SQLite only INTEGER PRIMARY KEY is the rowid, and AUTOINCREMENT
    # (sqlite_autoincrement) keeps a seq from ever being reused
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True,
                                     autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(16), index=True)
    op: Mapped[str] = mapped_column(String(8))  # put | delete
    content_hash: Mapped[str | None] = mapped_column(String(64))  # sha256 of the text (puts)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__: ClassVar[dict[str, bool]] = {"sqlite_autoincrement": True}


class OriginalRow(Base):
    """An original file's bytes, keyed by their sha256 (issue 15): what a queued ingest job names,
    so any worker on any machine reads the same file from the store, never from a node-local
    path. Kept after ingest, like the uploads under ``data/files``: a re-extraction needs them."""

    __tablename__ = "originals"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(1024))  # the file name it arrived with (a label)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class JobRow(Base):
    """What became of one queued file (issue 15), written by the worker that ran it, so the
    machine that queued it can report each file's outcome (the queue itself keeps no reason)."""

    __tablename__ = "ingest_jobs"

    ticket: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(1024))  # the path as the queueing machine named it
    source_key: Mapped[str] = mapped_column(String(1024))
    status: Mapped[str] = mapped_column(String(16))  # queued | ingested | replaced | unchanged | failed
    doc_id: Mapped[str | None] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())
