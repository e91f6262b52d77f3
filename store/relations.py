"""The relation graph as the store holds it: decision items (``items.kind = 'decision'``) keyed
by the cited number's ``number_key``, joined to their source document; and documents by their
own ``number_key``. No table of its own: the items already are the edges, written in the same
transaction as their document, so arrival order and removal need no bookkeeping. Statuses are
derived on read (``store.status``) with one indexed query per batch of documents.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from core.record import DecisionRef, Document, Status
from store import status as S
from store.models import DocumentRow, ItemRow
from store.numbers import nearest, number_key

_NODE_COLS = (DocumentRow.id, DocumentRow.number, DocumentRow.kind, DocumentRow.issuer,
              DocumentRow.issued_on, DocumentRow.effective_from, DocumentRow.title)


def _node(row: tuple) -> S.Node:
    return S.Node(*row)


def _node_of(doc: Document) -> S.Node:
    return S.Node(doc.id, doc.number, doc.kind, doc.issuer, doc.issued_on, doc.effective_from, doc.title)


class Relations:
    def __init__(self, sessions: sessionmaker[Session], today: Callable[[], dt.date]) -> None:
        self._sessions = sessions
        self._today = today

    # --- edges -----------------------------------------------------------------------------
    @staticmethod
    def _edges(s: Session, keys: Iterable[str] | None = None, relations: tuple[str, ...] | None = None
               ) -> dict[str, list[S.Edge]]:
        """Mentions of each number key (not the documents' own), with their source document; all
        keys when ``keys`` is None (the status filter reads every replacement and repeal)."""
        q = (select(ItemRow.number, ItemRow.relation, ItemRow.data, *_NODE_COLS)
             .join(DocumentRow, DocumentRow.id == ItemRow.document_id)
             .where(ItemRow.relation.in_(relations) if relations else ItemRow.relation != "self"))
        # Only decision items have a number or a relation: filtering on kind too would lead SQLite
        # to the (kind, document_id) index and a scan of every decision item (50 ms at 10k).
        if keys is None:
            batches = [q]
        else:
            ordered = sorted(set(keys))  # the IN list bounded, for both databases
            batches = [q.where(ItemRow.number.in_(ordered[i:i + 500])) for i in range(0, len(ordered), 500)]
        out: dict[str, list[S.Edge]] = defaultdict(list)
        for batch in batches:
            for key, relation, data, *node in s.execute(batch).all():
                out[key].append(S.Edge(_node(tuple(node)), relation, data or {}))
        return out

    # --- annotating records ------------------------------------------------------------------
    def annotate(self, docs: list[Document]) -> list[Document]:
        """``docs`` with ``status`` and ``referenced_by`` from the whole store as of today, and
        each outgoing reference marked ``stored`` (with its ``document_id``) or not."""
        if not docs:
            return docs
        today = self._today()
        own = {d.id: number_key(d.number) for d in docs if d.number}
        out_keys = {number_key(r.number) for d in docs for r in d.decisions
                    if r.number and r.relation != "self"}
        with self._sessions() as s:
            edges = self._edges(s, own.values())
            stored = self._nodes(s, out_keys)
        result = []
        for d in docs:
            node = _node_of(d)
            mine = _matched(node, edges.get(own.get(d.id, ""), []))
            refs = [_mark(r, stored) for r in d.decisions]
            result.append(d.model_copy(update={"status": S.derive(node, mine, today),
                                               "referenced_by": S.incoming(mine), "decisions": refs}))
        return result

    @staticmethod
    def _nodes(s: Session, keys: Iterable[str]) -> dict[str, list[S.Node]]:
        keys = sorted(set(keys))
        out: dict[str, list[S.Node]] = defaultdict(list)
        for i in range(0, len(keys), 500):
            q = select(DocumentRow.number_key, *_NODE_COLS).where(DocumentRow.number_key.in_(keys[i:i + 500]))
            for key, *node in s.execute(q).all():
                out[key].append(_node(tuple(node)))
        return out

    def statuses(self, ids: Iterable[str]) -> dict[str, Status | None]:
        """Status of each stored document in ``ids`` (the search results' badges)."""
        ids = sorted(set(ids))
        if not ids:
            return {}
        today = self._today()
        with self._sessions() as s:
            rows = s.execute(select(DocumentRow.number_key, *_NODE_COLS).where(DocumentRow.id.in_(ids))).all()
            edges = self._edges(s, {r[0] for r in rows if r[0]})
        out: dict[str, Status | None] = {}
        for key, *cols in rows:
            node = _node(tuple(cols))
            mine = _matched(node, edges.get(key or "", []))
            out[node.id] = S.derive(node, mine, today)
        return out

    # --- the status filter -------------------------------------------------------------------
    def states(self) -> dict[str, str | None]:
        """Every stored document's state as of today: two reads (documents' dates, and the
        change edges), then the rules in memory."""
        today = self._today()
        with self._sessions() as s:
            nodes = s.execute(select(DocumentRow.number_key, *_NODE_COLS)).all()
            edges = self._edges(s, relations=S.ENDS)
        out: dict[str, str | None] = {}
        for key, *cols in nodes:
            node = _node(tuple(cols))
            decided = S.decide(node, _matched(node, edges.get(key or "", [])), today)
            out[node.id] = decided[0] if decided else None
        return out

    def ids_in_state(self, state: str) -> set[str]:
        """Stored documents in ``state`` as of today. Only documents whose number a change names
        can be (partly) expired, and only those dated after today can be not yet in force, so
        those states read just their candidates; the others read every document's dates."""
        today = self._today()
        with self._sessions() as s:
            edges = self._edges(s, relations=S.ENDS)
            q = select(DocumentRow.number_key, *_NODE_COLS)
            if state in ("expired", "partly_expired"):
                keys = sorted(edges)
                rows = [r for i in range(0, len(keys), 500)
                        for r in s.execute(q.where(DocumentRow.number_key.in_(keys[i:i + 500]))).all()]
            elif state == "not_yet_in_force":
                rows = list(s.execute(q.where(DocumentRow.effective_from > today.isoformat())).all())
            else:
                rows = list(s.execute(q).all())
        out = set()
        for key, *cols in rows:
            node = _node(tuple(cols))
            decided = S.decide(node, _matched(node, edges.get(key or "", [])), today)
            if decided is not None and decided[0] == state:
                out.add(node.id)
        return out

    # --- numbers that are not stored ---------------------------------------------------------
    def stub(self, number: str) -> dict | None:
        """What citations say of a number no stored document has: number, type, issuer, date,
        subject, who replaced / repealed / amended it (and so its status), who cites it."""
        key = number_key(number)
        with self._sessions() as s:
            edges = self._edges(s, [key]).get(key, [])
        if not edges:
            return None
        known: dict[str, str | None] = {f: None for f in ("number", "type", "issuer", "issued_on", "subject")}
        for e in edges:  # formal documents first: they write the number with its date and issuer
            for f in known:
                known[f] = known[f] or e.ref.get(f)
        node = S.Node("", known["number"] or number, "stub", known["issuer"], known["issued_on"], None,
                      known["subject"])
        st = S.derive(node, edges, self._today())
        if st is not None and st.state in ("in_force", "unknown") and not st.amended_by:
            st = None  # nothing is known of its force from citations alone
        return {**known, "number": known["number"] or number, "stored": False,
                "status": st.model_dump(mode="json") if st else None,
                "referenced_by": [r.model_dump(mode="json") for r in S.incoming(edges)]}

    def nearest_numbers(self, number: str, n: int = 5) -> list[str]:
        with self._sessions() as s:
            pairs = s.execute(select(DocumentRow.number_key, DocumentRow.number)
                              .where(DocumentRow.number_key.is_not(None))).all()
        return nearest(number_key(number), [(k, num) for k, num in pairs], n)


def _matched(node: S.Node, edges: list[S.Edge]) -> list[S.Edge]:
    """The mentions of ``node``'s number that mean ``node`` (not itself, same issuer and year)."""
    return [e for e in edges if e.source.id != node.id and S.compatible(node, e.ref)]


def _mark(ref: DecisionRef, stored: dict[str, list[S.Node]]) -> DecisionRef:
    """An outgoing reference with ``stored`` and, when stored, the ``document_id`` it means."""
    if not ref.number or ref.relation == "self":
        return ref
    data = ref.model_dump(mode="json")
    match = [n for n in stored.get(number_key(ref.number), []) if S.compatible(n, data)]
    data.update(stored=bool(match), document_id=match[0].id if match else None)
    return DecisionRef.model_validate(data)
