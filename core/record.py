"""The one record type that flows through every stage (SPEC §2).

Each stage is a function ``Document -> Document``: ingest fills ``text``, ``pages``,
``sections``, ``title``, ``kind``, ``published_at``; extraction fills the identity fields and the
item lists; search reads the record to build its chunks. Fields beyond SPEC §2 (``pages``,
``sections``, ``meta``) are additions the contract allows; they are what lets search cite a
section and a page.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]

DocumentKind = Literal["decision", "resolution", "plan", "official_letter", "report", "news", "other"]
Relation = Literal["self", "reported", "basis", "replaces", "amends", "repeals", "guides", "cites"]
StatusState = Literal["in_force", "partly_expired", "expired", "not_yet_in_force", "unknown"]
RepealScope = Literal["whole", "part"]
Comparator = Literal[">=", "<=", "=", ">", "<", "range"]
SectionKind = Literal[
    "header",  # quốc hiệu, cơ quan ban hành, số, địa danh - ngày
    "title",  # QUYẾT ĐỊNH / Về việc …
    "basis",  # Căn cứ …; Xét đề nghị …
    "preamble",  # text between title/basis and the first article that is neither
    "article",  # Điều N.
    "clause",  # Khoản (numbered item inside an article)
    "point",  # Điểm a), b) …
    "chapter",  # Chương / Mục headings
    "appendix",  # Phụ lục, attached KẾ HOẠCH / QUY CHẾ
    "recipients",  # Nơi nhận
    "signature",  # KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name
    "body",  # paragraphs of a non-formal text (news, letters without articles)
]


class Item(BaseModel):
    """Base of every extracted item: unknown values are null, never guessed."""

    model_config = ConfigDict(extra="allow")


class DecisionRef(Item):
    number: str | None = None
    type: str | None = None
    issued_on: str | None = None
    issuer: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    subject: str | None = None
    relation: Relation = "cites"
    span: Span | None = None
    # SPEC §5, for ``repeals``: the whole document or the parts named ("khoản 2 Điều 3")
    scope: RepealScope | None = None
    parts: str | None = None


class Signer(Item):
    name: str
    title: str | None = None
    span: Span | None = None


class Figure(Item):
    """A measured value a text states: what targets and achievements (SPEC §5) share."""

    text: str
    indicator: str | None = None
    value: float | None = None
    unit: str | None = None
    year: int | None = None
    span: Span | None = None
    # SPEC §5: the canonical measure, equal across documents that word it differently
    indicator_id: str | None = None
    indicator_label: str | None = None


class Target(Figure):
    """A goal set for the future (SPEC §2): a figure with how it must compare and a range end."""

    comparator: Comparator | None = None
    value_max: float | None = None


class Achievement(Figure):
    """SPEC §5: a value reported as already reached, with the year it refers to; never a target."""


class Task(Item):
    text: str
    assignee: str | None = None
    deadline: str | None = None
    span: Span | None = None


class Person(Item):
    name: str
    title: str | None = None


class PageSpan(BaseModel):
    """Characters ``[start, end)`` of ``text`` came from page ``page`` (1-based)."""

    page: int
    start: int
    end: int


class Section(BaseModel):
    """A structural unit of a formal document; search cites ``label``."""

    kind: SectionKind
    label: str  # "Điều 2", "Khoản 1 Điều 2", "Phụ lục I", "Nơi nhận", …
    start: int
    end: int
    heading: str | None = None  # the unit's own heading line, e.g. "Điều 2. Tổ chức thực hiện"
    parent: int | None = None  # index of the enclosing section in ``Document.sections``


class StatusBy(BaseModel):
    """The stored document that ended (or partly ended) another one's force (SPEC §5)."""

    number: str | None = None
    relation: Relation
    document_id: str
    effective_from: str | None = None
    parts: str | None = None


class Amendment(BaseModel):
    number: str | None = None
    document_id: str
    effective_from: str | None = None


class Status(BaseModel):
    """Legal status as of a day, derived from the whole store (``store.status``); never stored."""

    state: StatusState
    label: str
    since: str | None = None
    by: list[StatusBy] = Field(default_factory=list)
    amended_by: list[Amendment] = Field(default_factory=list)


class IncomingRef(BaseModel):
    """A stored document that mentions this one, with the relation seen from that document."""

    document_id: str
    number: str | None = None
    title: str | None = None
    kind: str | None = None
    relation: Relation
    span: Span | None = None
    issued_on: str | None = None
    effective_from: str | None = None
    scope: RepealScope | None = None
    parts: str | None = None


class DocumentFields(BaseModel):
    """SPEC §2's identity fields: what a listing shows. The HTTP and MCP schemas extend these
    classes rather than restating them, so the API cannot drift from the record."""

    id: str = ""
    source: str
    title: str | None = None
    kind: DocumentKind = "other"
    published_at: str | None = None
    number: str | None = None
    issued_on: str | None = None
    issuer: str | None = None
    province: str | None = None
    # SPEC §5: ``effective_from`` is extracted; ``status`` is derived on read from the whole
    # store (null for news pages and for records not read from a store)
    effective_from: str | None = None
    status: Status | None = None


class DocumentContent(DocumentFields):
    """The SPEC §2 record: identity, text and the extracted items."""

    text: str = ""
    decisions: list[DecisionRef] = Field(default_factory=list)
    signers: list[Signer] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    achievements: list[Achievement] = Field(default_factory=list)  # SPEC §5
    tasks: list[Task] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    organizations: list[str] = Field(default_factory=list)
    locations: list[str] = Field(default_factory=list)
    referenced_by: list[IncomingRef] = Field(default_factory=list)  # SPEC §5, derived on read


# Fields computed from the rest of the store when a record is read: never stored with it.
DERIVED_FIELDS = frozenset({"status", "referenced_by"})


class Document(DocumentContent):
    """SPEC §2 document record plus the ingest-side structure search needs."""

    model_config = ConfigDict(extra="forbid")

    # additions to SPEC §2
    pages: list[PageSpan] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    meta: dict[str, str | int | float | bool | None] = Field(default_factory=dict)

    def page_at(self, offset: int) -> int | None:
        """Page number of a character offset of ``text`` (None for inputs without pages)."""
        for p in self.pages:
            if p.start <= offset < p.end:
                return p.page
        return self.pages[-1].page if self.pages and offset >= self.pages[-1].end else None

    def section_at(self, offset: int) -> Section | None:
        """Innermost section containing ``offset``; sections are nested by ``parent``."""
        best: Section | None = None
        for s in self.sections:
            if s.start <= offset < s.end and (best is None or s.end - s.start <= best.end - best.start):
                best = s
        return best

    def to_json(self, *, with_structure: bool = True) -> dict:
        """The record as SPEC §2 JSON (spans as lists); structure fields can be left out."""
        exclude = None if with_structure else {"pages", "sections", "meta"}
        return self.model_dump(mode="json", exclude=exclude)


def document_id(normalized_text: str) -> str:
    """sha256 of the normalized text, first 16 hex chars (SPEC §2): same text, same id."""
    return hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()[:16]
