"""The search response, exactly SPEC §3 (plus ``page`` and ``chunk_id``), and its highlights.

Highlights are ``[start, end)`` offsets into ``passage`` of the query's words, matched without
diacritics or case (``kinh te so`` lights up ``kinh tế số``); adjacent words merge into one
range so a phrase reads as one highlight. ``fold`` is length-preserving, so offsets found in
the folded passage are offsets of the passage itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from core.record import Status
from core.textnorm import fold
from search.patterns import HIGHLIGHT_STOPWORDS

# hybrid: BM25 and vectors fused; bm25: words only; dense: meaning only
SearchMode = Literal["hybrid", "bm25", "dense"]

_WORD = re.compile(r"\w+")
# Characters that may separate two highlighted words and still leave one highlight.
_JOINER = re.compile(r"[\s/\-.,]{1,2}")


class SearchResult(BaseModel):
    document_id: str
    source: str
    number: str | None = None
    title: str | None = None
    kind: str | None = None
    issued_on: str | None = None
    issuer: str | None = None
    score: float
    passage: str
    highlights: list[tuple[int, int]] = Field(default_factory=list)
    section: str | None = None
    span: tuple[int, int]
    # additions to SPEC §3
    page: int | None = None
    chunk_id: str | None = None
    status: Status | None = None  # SPEC §5, filled by the service from the store (the badge)


class NumberLookup(BaseModel):
    """A query that is a document number: found (its ids), or not stored ("không tìm thấy"),
    with the stored numbers nearest to it and what citations say of it (a stub)."""

    number: str
    found: bool
    document_ids: list[str] = Field(default_factory=list)
    message: str | None = None
    nearest: list[str] = Field(default_factory=list)
    stub: dict | None = None


class SearchResponse(BaseModel):
    query: str
    took_ms: float
    results: list[SearchResult] = Field(default_factory=list)
    lookup: NumberLookup | None = None  # addition to SPEC §3: the query was a document number
    # addition to SPEC §3: the vector side failed and the results come from BM25 alone
    degraded: bool = False

    def to_json(self) -> dict:
        return self.model_dump(mode="json")


@lru_cache(maxsize=256)
def _query_words(query: str) -> re.Pattern[str] | None:
    """The query's words as one pattern, built once per query, not once per passage."""
    words = {w for w in _WORD.findall(fold(query)) if len(w) > 1 or w.isdigit()}
    if not words - HIGHLIGHT_STOPWORDS:
        return None
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)")


def highlights(passage: str, query: str) -> list[tuple[int, int]]:
    """Offsets of query words in ``passage``, accent- and case-insensitive, merged when adjacent.

    Function words (``và``, ``của``, ``số``) are lit only inside a phrase with a content word,
    so ``kinh te so`` marks ``kinh tế số`` but a lone ``của`` marks nothing.
    """
    rx = _query_words(query)
    if rx is None:
        return []
    folded = fold(passage)
    spans: list[tuple[int, int, bool]] = []  # start, end, holds a content word
    for m in rx.finditer(folded):
        s, e = m.span()
        content = m.group() not in HIGHLIGHT_STOPWORDS
        if spans and _JOINER.fullmatch(folded[spans[-1][1] : s]):
            spans[-1] = (spans[-1][0], e, spans[-1][2] or content)
        else:
            spans.append((s, e, content))
    return [(s, e) for s, e, content in spans if content]
