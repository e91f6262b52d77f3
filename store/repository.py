"""Reading and writing documents: one transaction per document, so a failure leaves nothing
half-written, and a document's id is its content, so re-ingesting the same text is a no-op."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, defer, sessionmaker

from core.errors import StoreError, one_line
from core.filters import Filters, year_of
from core.record import DERIVED_FIELDS, Document
from core.textnorm import fold
from store import changelog
from store.models import DocumentRow, ItemRow, SectionRow
from store.numbers import number_key
from store.relations import Relations

__all__ = ["ItemHit", "ItemKind", "Repository", "SaveResult", "number_key"]

SaveStatus = Literal["ingested", "unchanged", "replaced"]
ItemKind = Literal["decision", "signer", "target", "achievement", "task", "person"]
_ITEM_FIELDS: dict[str, str] = {
    "decision": "decisions",
    "signer": "signers",
    "target": "targets",
    "achievement": "achievements",  # SPEC §5; items.kind is a plain string, so no migration
    "task": "tasks",
    "person": "people",
}

_DATED_ITEMS = ("target", "achievement")  # items whose `year` is their own (target or reached year)


_IN_LIST_MAX = 5000  # ids passed as an IN list (SQLite allows 32,766 parameters)


@dataclass
class SaveResult:
    status: SaveStatus
    id: str
    replaced_id: str | None = None


@dataclass
class ItemHit:
    """An extracted item together with the document it came from (for exports and listings)."""

    kind: str
    data: dict
    document: DocumentRow


def row_to_document(row: DocumentRow) -> Document:
    """The stored row as the Document it was saved from (text and record)."""
    return Document.model_validate({**row.record, "text": row.text})


class Repository:
    def __init__(self, sessions: sessionmaker[Session], today: Callable[[], dt.date] | None = None) -> None:
        """``today`` is the day statuses are computed for (``date.today`` unless pinned)."""
        self._sessions = sessions
        self.relations = Relations(sessions, today or dt.date.today)
        self.changes = changelog.ChangeLog(sessions)

    @property
    def sessions(self) -> sessionmaker[Session]:
        """For the other tables of the same store (``store.jobs``)."""
        return self._sessions

    # --- writing -------------------------------------------------------------------------
    def save(self, doc: Document, source_key: str | None = None) -> SaveResult:
        """Store ``doc``; a stored document with the same ``source_key`` and other content is
        replaced in the same transaction, which also logs the change (``store/changelog.py``)."""
        key = source_key or doc.source
        try:
            with self._sessions.begin() as s:
                if s.get(DocumentRow, doc.id) is not None:
                    return SaveResult("unchanged", doc.id)
                old_ids = s.scalars(select(DocumentRow.id).where(DocumentRow.source_key == key)).all()
                for old in old_ids:
                    s.execute(delete(DocumentRow).where(DocumentRow.id == old))
                s.flush()
                s.add(self._to_row(doc, key))
                s.flush()
                changelog.record(s, [*((old, "delete", None) for old in old_ids),
                                     (doc.id, "put", changelog.content_hash(doc.text))])
            status: SaveStatus = "replaced" if old_ids else "ingested"
            return SaveResult(status, doc.id, old_ids[0] if old_ids else None)
        except IntegrityError:
            # Another writer stored the same content between our check and our insert.
            return SaveResult("unchanged", doc.id)
        except SQLAlchemyError as err:
            raise StoreError(f"could not store {doc.source}: {one_line(err)}") from err

    def delete(self, doc_id: str) -> bool:
        with self._sessions.begin() as s:
            gone = s.execute(delete(DocumentRow).where(DocumentRow.id == doc_id)).rowcount > 0
            if gone:
                changelog.record(s, [(doc_id, "delete", None)])
            return gone

    @staticmethod
    def _to_row(doc: Document, key: str) -> DocumentRow:
        record = doc.to_json()
        record.pop("text")
        for derived in DERIVED_FIELDS:  # computed from the whole store on read, never stale
            record.pop(derived, None)
        row = DocumentRow(
            id=doc.id, source=doc.source, source_key=key, title=doc.title, kind=doc.kind,
            published_at=doc.published_at, number=doc.number, issued_on=doc.issued_on,
            number_key=number_key(doc.number) if doc.number else None, effective_from=doc.effective_from,
            issuer=doc.issuer, province=doc.province,
            year=year_of(doc.issued_on) or year_of(doc.published_at), text=doc.text, record=record,
        )
        row.sections = [
            SectionRow(position=i, kind=sec.kind, label=sec.label[:256], start=sec.start, end=sec.end,
                       heading=sec.heading, parent=sec.parent)
            for i, sec in enumerate(doc.sections)
        ]
        items: list[ItemRow] = []
        for kind, field in _ITEM_FIELDS.items():
            for i, item in enumerate(getattr(doc, field)):
                data = item.model_dump(mode="json")
                span = data.get("span") or [None, None]
                items.append(ItemRow(
                    kind=kind, position=i, data=data, span_start=span[0], span_end=span[1],
                    number=number_key(data["number"]) if kind == "decision" and data.get("number") else None,
                    relation=data.get("relation") if kind == "decision" else None,
                    year=data.get("year") if kind in _DATED_ITEMS else None,
                ))
        row.items = items
        return row

    # --- reading -------------------------------------------------------------------------
    def get(self, doc_id: str) -> Document | None:
        with self._sessions() as s:
            row = s.get(DocumentRow, doc_id)
            return row_to_document(row) if row else None

    def by_number(self, number: str) -> list[Document]:
        with self._sessions() as s:
            # Spellings vary (QD/QĐ, spaces): the indexed key column is what they share.
            q = (select(DocumentRow).where(DocumentRow.number_key == number_key(number))
                 .order_by(DocumentRow.id))
            return [row_to_document(r) for r in s.scalars(q).all()]

    def citing(self, number: str) -> list[tuple[Document, dict]]:
        """Documents whose text refers to ``number`` (not as their own), with the reference."""
        key = number_key(number)
        with self._sessions() as s:
            # only decision items have a number (see store.relations on the index this picks)
            q = select(ItemRow).where(ItemRow.number == key, ItemRow.relation != "self")
            return [(row_to_document(i.document), i.data) for i in s.scalars(q).all()]

    def file_hash(self, source_key: str) -> tuple[str, str | None] | None:
        """(id, file sha256) of the document stored for ``source_key``, if any."""
        with self._sessions() as s:
            row = s.scalars(select(DocumentRow).where(DocumentRow.source_key == source_key)).first()
            if row is None:
                return None
            return row.id, (row.record.get("meta") or {}).get("file_sha256")

    def count(self) -> int:
        with self._sessions() as s:
            return s.scalar(select(func.count()).select_from(DocumentRow)) or 0

    def ids(self) -> set[str]:
        with self._sessions() as s:
            return set(s.scalars(select(DocumentRow.id)).all())

    def iter_documents(self, batch: int = 50) -> Iterator[Document]:
        """Every stored document, read in batches so a large store does not sit in memory."""
        offset = 0
        while True:
            with self._sessions() as s:
                q = select(DocumentRow).order_by(DocumentRow.id).offset(offset).limit(batch)
                rows = s.scalars(q).all()
                docs = [row_to_document(r) for r in rows]
            if not docs:
                return
            yield from docs
            offset += batch

    def list(self, filters: Filters, limit: int = 20, offset: int = 0) -> tuple[list[Document], int]:
        with self._sessions() as s:
            # Filtering needs only the columns: the text is loaded for the page's rows alone.
            rows = self._filtered(s, filters, defer_text=True)
            return [row_to_document(r) for r in rows[offset:offset + limit]], len(rows)

    def items(self, kind: ItemKind, filters: Filters, text: str | None = None) -> list[ItemHit]:
        """Items of one kind from documents that pass ``filters``; for targets and achievements
        the year filter applies to the item's own year, and ``text`` searches the indicator/text
        accent-insensitively."""
        doc_filters = filters
        if kind in _DATED_ITEMS:
            doc_filters = filters.model_copy(update={"year_from": None, "year_to": None})
        with self._sessions() as s:
            docs = {r.id: r for r in self._filtered(s, doc_filters)}
            if not docs:
                return []
            q = (select(ItemRow).where(ItemRow.kind == kind, ItemRow.document_id.in_(list(docs)))
                 .order_by(ItemRow.document_id, ItemRow.position))
            hits = []
            needle = " ".join(fold(text).split()) if text else None
            for item in s.scalars(q).all():
                if kind in _DATED_ITEMS and not _year_ok(item.year, filters):
                    continue
                if needle and needle not in " ".join(fold(_item_text(item.data)).split()):
                    continue
                hits.append(ItemHit(kind, item.data, docs[item.document_id]))
            return hits

    def _filtered(self, s: Session, filters: Filters, defer_text: bool = False) -> list[DocumentRow]:
        q = select(DocumentRow).order_by(DocumentRow.issued_on.desc(), DocumentRow.id)
        if defer_text:
            q = q.options(defer(DocumentRow.text), defer(DocumentRow.record))
        if filters.kind:
            q = q.where(DocumentRow.kind == filters.kind)
        in_state = self.relations.ids_in_state(filters.status) if filters.status else None
        if in_state is not None and len(in_state) <= _IN_LIST_MAX:  # read only those rows
            q = q.where(DocumentRow.id.in_(sorted(in_state)))
        rows = s.scalars(q).all()
        return [r for r in rows
                if filters.matches(kind=r.kind, issuer=r.issuer, province=r.province, year=r.year)
                and (in_state is None or r.id in in_state)]


def _year_ok(year: int | None, filters: Filters) -> bool:
    if filters.year_from is not None and (year is None or year < filters.year_from):
        return False
    return not (filters.year_to is not None and (year is None or year > filters.year_to))


def _item_text(data: dict) -> str:
    return " ".join(str(data.get(k) or "") for k in ("indicator", "text", "assignee", "number", "name"))
