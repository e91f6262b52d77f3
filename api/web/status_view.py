"""What the document page shows of legal status (SPEC §5): incoming relations grouped under the
headings a legal officer expects, and the timeline of versions (original, amendments, then the
replacement or repeal), built from the record's ``status`` and ``referenced_by``."""

from __future__ import annotations

from dataclasses import dataclass

from api.web.labels import INCOMING, INCOMING_GROUP
from core.record import Document, IncomingRef


@dataclass
class Step:
    """One version event of the timeline."""

    date: str | None
    what: str  # "Ban hành", "Có hiệu lực", "Sửa đổi, bổ sung", "Bị thay thế", …
    number: str | None
    document_id: str | None
    current: bool = False  # the document the page is about


def incoming_groups(doc: Document) -> list[tuple[str, str, list[IncomingRef]]]:
    """(relation, heading, references) for every heading that has references, in order."""
    groups: dict[str, list[IncomingRef]] = {}
    for ref in doc.referenced_by:
        rel = INCOMING_GROUP.get(ref.relation, ref.relation)
        if ref.kind == "news" and rel != "reported":
            rel = "reported"  # a news page only ever reports
        groups.setdefault(rel, []).append(ref)
    return [(rel, heading, groups[rel]) for rel, heading in INCOMING if rel in groups]


_ENDS = {"replaces": "Bị thay thế", "repeals": "Bị bãi bỏ"}


def timeline(doc: Document) -> list[Step]:
    """Original, amendments, then replacement or repeal, by the day each takes effect."""
    if doc.status is None:
        return []
    steps = [Step(doc.issued_on, "Ban hành", doc.number, doc.id, current=True)]
    if doc.effective_from and doc.effective_from != doc.issued_on:
        steps.append(Step(doc.effective_from, "Có hiệu lực", doc.number, doc.id, current=True))
    later: list[Step] = []
    formal = [r for r in doc.referenced_by if r.kind != "news"]
    for r in formal:
        when = r.effective_from or r.issued_on
        if r.relation == "amends":
            later.append(Step(when, "Sửa đổi, bổ sung", r.number, r.document_id))
        elif r.relation in _ENDS:
            part = r.relation == "repeals" and r.scope == "part"
            what = f"Bị bãi bỏ {r.parts or 'một phần'}" if part else _ENDS[r.relation]
            later.append(Step(when, what, r.number, r.document_id))
    later.sort(key=lambda s: s.date or "9999")
    return steps + later
