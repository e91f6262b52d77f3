"""Legal status from the relation graph (SPEC §5): pure rules over what the store knows.

A document's status is never stored: it depends on every other document (a replacement may
arrive before or after the replaced one, or be removed) and on today's date (a replacement
dated next month has not ended anything yet). ``store.relations`` reads the nodes and edges
with two indexed queries; these functions decide.

Rules:
- only a formal document's own text changes another's status: edges from news pages are
  listed (``reported``) but never decide;
- a replacement or a whole repeal ends the document on the day the replacing document takes
  effect (its ``effective_from``, else its signing date), once that day has come → ``expired``;
- a partial repeal in effect → ``partly_expired``; an amendment leaves ``in_force`` and is
  listed in ``amended_by``;
- a document whose own ``effective_from`` is after today → ``not_yet_in_force``;
- nothing expires because a year passed: a 2023 plan stays ``in_force`` until something ends it;
- a document with neither date nor relation → ``unknown``; news pages → no status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.record import Amendment, IncomingRef, Status, StatusBy
from core.textnorm import fold

LABELS = {
    "in_force": "Còn hiệu lực",
    "partly_expired": "Hết hiệu lực một phần",
    "expired": "Hết hiệu lực toàn bộ",
    "not_yet_in_force": "Chưa có hiệu lực",
    "unknown": "Chưa xác định",
}
STATES = tuple(LABELS)
# Relations by which a document's text ends another's force, in whole or in part.
ENDS = ("replaces", "repeals")


@dataclass(frozen=True)
class Node:
    """What the rules need of a stored document (or of a stub known from citations)."""

    id: str
    number: str | None
    kind: str
    issuer: str | None = None
    issued_on: str | None = None
    effective_from: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Edge:
    """One mention: ``source`` names a number with ``relation``; ``ref`` is the mention's record."""

    source: Node
    relation: str
    ref: dict = field(default_factory=dict)

    @property
    def takes_effect(self) -> str | None:
        return self.source.effective_from or self.source.issued_on

    @property
    def whole(self) -> bool:
        return self.relation == "replaces" or (self.relation == "repeals" and self.ref.get("scope") != "part")


def compatible(node: Node, ref: dict) -> bool:
    """Does a mention of ``node``'s number mean ``node``? Numbers repeat across provinces
    (512/QĐ-UBND exists in every one), so an issuer or a year that disagrees rules it out."""
    a, b = _norm(ref.get("issuer")), _norm(node.issuer)
    if a and b and a not in b and b not in a:
        return False
    ya, yb = (ref.get("issued_on") or "")[:4], (node.issued_on or "")[:4]
    return not (ya and yb and ya != yb)


def _norm(s: str | None) -> str:
    return " ".join(fold(s).split()) if s else ""


def _date_key(d: str | None) -> str:
    return d or ""


def decide(node: Node, edges: list[Edge], today: dt.date) -> tuple[str, str | None, list[Edge]] | None:
    """(state, since, the edges that ended it) — the rules alone, without building records, so a
    filter over every stored document stays cheap. ``None`` for news pages."""
    if node.kind == "news":
        return None
    now = today.isoformat()
    ended = [e for e in edges if e.relation in ENDS and e.source.kind != "news"
             and e.source.id != node.id and (e.takes_effect is None or e.takes_effect[:10] <= now)]
    if ended:
        ended.sort(key=lambda e: _date_key(e.takes_effect))
        whole = [e for e in ended if e.whole]
        return ("expired", whole[0].takes_effect, whole) if whole else \
            ("partly_expired", ended[0].takes_effect, ended)
    own = node.effective_from
    if own and own[:10] > now:
        return "not_yet_in_force", own, []
    if own or node.issued_on:
        return "in_force", own or node.issued_on, []
    return "unknown", None, []


def derive(node: Node, edges: list[Edge], today: dt.date) -> Status | None:
    """``node``'s status as of ``today`` from the edges pointing at it (already matched)."""
    decided = decide(node, edges, today)
    if decided is None:
        return None
    state, since, ended = decided
    amended = sorted((e for e in edges if e.relation == "amends" and e.source.kind != "news"
                      and e.source.id != node.id), key=lambda e: _date_key(e.takes_effect))
    by = [StatusBy(number=e.source.number, relation=e.relation, document_id=e.source.id,  # type: ignore[arg-type]
                   effective_from=e.takes_effect, parts=e.ref.get("parts")) for e in ended]
    amended_by = [Amendment(number=e.source.number, document_id=e.source.id, effective_from=e.takes_effect)
                  for e in amended]
    return Status(state=state, label=LABELS[state], since=since, by=by, amended_by=amended_by)  # type: ignore[arg-type]


def incoming(edges: list[Edge]) -> list[IncomingRef]:
    """``referenced_by``: every mention, news included, with the relation seen from its source."""
    out = []
    for e in sorted(edges, key=lambda e: (_date_key(e.takes_effect), e.source.id)):
        span = e.ref.get("span")
        out.append(IncomingRef(
            document_id=e.source.id, number=e.source.number, title=e.source.title, kind=e.source.kind,
            relation=e.relation, span=tuple(span) if span else None,  # type: ignore[arg-type]
            issued_on=e.source.issued_on, effective_from=e.source.effective_from,
            scope=e.ref.get("scope"), parts=e.ref.get("parts"),
        ))
    return out


def alone(node: Node, today: dt.date) -> Status | None:
    """Status of a record read without a store (``vanban extract``): from its own dates only."""
    return derive(node, [], today)
