"""SPEC §5 relations on top of ``extract.decisions``: ``repeals`` (bãi bỏ, in whole or in part,
with the parts named) and ``guides`` (hướng dẫn).

``extract.decisions`` decides whether a verb binds to this text at all (it does not when another
document is the sentence's subject) and files "bãi bỏ" with "thay thế". This stage only
sharpens what it found: a ``replaces`` whose nearest verb is "bãi bỏ" becomes ``repeals``; a
``cites`` inside the operative part becomes ``guides`` after "hướng dẫn", or ``repeals`` when
the sentence says the cited document "hết hiệu lực". Kept apart from ``extract.decisions`` so
the wording lives in ``extract/patterns/relations.py`` and each stage can be tested alone.
"""

from __future__ import annotations

import re

from core.record import DecisionRef, Document
from extract.patterns import relations as P

_VERBS = [(re.compile(rx, re.IGNORECASE), rel) for rx, rel in P.VERBS_BEFORE]
_OPERATIVE = {"title", "article", "clause", "point"}


def _sentence_before(text: str, start: int) -> tuple[int, str]:
    """The text from the start of the sentence to ``start`` (at most ``MAX_GAP`` characters)."""
    lo = max(0, start - P.MAX_GAP)
    window = text[lo:start]
    cuts = list(P.SENTENCE_END.finditer(window))
    cut = cuts[-1].end() if cuts else 0
    return lo + cut, window[cut:]


def _last_verb(before: str) -> tuple[str, int] | None:
    """(relation, end offset in ``before``) of the verb closest to the number."""
    hits = [(x.end(), rel) for rx, rel in _VERBS for x in rx.finditer(before)]
    if not hits:
        return None
    end, rel = max(hits)
    return rel, end


def _parts(gap: str) -> str | None:
    """The parts named between a repeal's verb and the number ("khoản 2 Điều 3 của")."""
    gap = P.TYPE_BEFORE_NUMBER.sub("", gap)
    for m in P.PARTS.finditer(gap):
        if P.PARTS_TO_NUMBER.match(gap[m.end():]):
            return " ".join(m.group("parts").split())
    return None


def _repealed_parts(text: str, number: str | None) -> str | None:
    """The parts named by any repeal sentence of ``number`` in the text: a title says "Bãi bỏ
    một phần Quyết định số 200", its article names "khoản 2 Điều 3"; the named parts win."""
    if not number:
        return None
    found: list[str] = []
    for x in re.finditer(re.escape(number), text):
        _, before = _sentence_before(text, x.start())
        verb = _last_verb(before)
        if verb and verb[0] == "repeals" and (parts := _parts(before[verb[1]:])):
            found.append(parts)
    named = [p for p in found if not P.UNNAMED_PARTS.match(p)]
    return (named or found or [None])[0]


def _operative(doc: Document, start: int) -> bool:
    """In the title or an article (not the preamble or a narrative); texts without structure
    are taken whole."""
    if not doc.sections:
        return True
    sec = doc.section_at(start)
    return sec is not None and sec.kind in _OPERATIVE


def refine(doc: Document, ref: DecisionRef, others: list[tuple[int, int]]) -> DecisionRef:
    """``ref`` with ``repeals`` / ``guides`` and a repeal's ``scope`` and ``parts``."""
    if ref.span is None or ref.relation not in ("replaces", "cites"):
        return ref
    start, end = ref.span
    text = doc.text
    s_start, before = _sentence_before(text, start)
    verb = _last_verb(before)
    if verb and ref.relation == "replaces" and verb[0] == "repeals":
        # "Bãi bỏ Quyết định số 1 và Quyết định số 2": decisions already chained the verb to both
        parts = _repealed_parts(text, ref.number) or _parts(before[verb[1]:])
        return ref.model_copy(update={"relation": "repeals", "scope": "part" if parts else "whole",
                                      "parts": parts})
    if (verb and ref.relation == "cites" and verb[0] == "guides" and _operative(doc, start)
            and not any(s_start + verb[1] <= o < start for o, _ in others)):  # no other document between
        return ref.model_copy(update={"relation": "guides"})
    if ref.relation == "cites" and _operative(doc, start) and P.EXPIRES_AFTER.match(text, end):
        # "Khoản 2 Điều 3 Quyết định số 512/QĐ-UBND … hết hiệu lực kể từ ngày …"
        parts = _parts(before)
        return ref.model_copy(update={"relation": "repeals", "scope": "part" if parts else "whole",
                                      "parts": parts})
    return ref


def apply(doc: Document) -> Document:
    if doc.kind == "news":  # a news page reports changes; it never makes them
        return doc
    spans = sorted(r.span for r in doc.decisions if r.span)
    refined = [refine(doc, r, [s for s in spans if s != r.span]) for r in doc.decisions]
    return doc.model_copy(update={"decisions": refined})
