"""Fusion of the dense and lexical rankings, and pinning of documents named by number.

BM25 scores and cosine similarities live on incomparable scales, so each list is min-max
normalized over its own candidates before blending (reciprocal-rank fusion, which uses ranks
only, is kept as an alternative); the method and the dense share were chosen on the ALQAC 2023
*train* questions (``bench/bench_alqac.py``).

A query that names a document by its number (``1085/QĐ-UBND``, ``NQ 18/2023/NQ-HĐND``,
``quyết định 2853``) is a lookup, not a topic search: the documents carrying that number are
put first whatever their similarity, because a near-miss ranked above the named document is
the error users notice most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from core.textnorm import fold
from lexicon.doctypes import NUMBER_RX, TYPE_CODES
from search.patterns import NUMBER_LEAD_WORD

# Tuned on the ALQAC 2023 v1+v2 *train* questions (bench/bench_alqac.py): a min-max score blend
# with a 0.6 dense share beat every RRF setting (k 1-100, share 0.2-0.8) on recall@10 + MRR@10.
FUSION = "minmax"  # or "rrf"
RRF_K = 60.0  # used when FUSION == "rrf"
DENSE_WEIGHT = 0.6  # dense share of the fused score; BM25 gets the rest
# e5 reads Vietnamese typed without diacritics poorly ("chuyen doi so nganh nong nghiep" pulls
# signature blocks), while BM25's folded shadow terms handle it; such queries lean on BM25.
ACCENTLESS_DENSE_WEIGHT = 0.1


def dense_weight(query: str) -> float:
    """Weight of the dense ranking for this query: lower when no letter carries a diacritic."""
    letters = [ch for ch in query if ch.isalpha()]
    if letters and all(ch.isascii() for ch in letters):
        return ACCENTLESS_DENSE_WEIGHT
    return DENSE_WEIGHT


def rrf(rankings: Sequence[Sequence[str]], k: float = RRF_K,
        weights: Sequence[float] | None = None) -> dict[str, float]:
    """Σ weight / (k + rank) over the rankings (rank from 1); ids absent from a list get 0."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[str, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + w / (k + rank)
    return fused


def rrf_max(k: float = RRF_K, weights: Sequence[float] = (1.0, 1.0)) -> float:
    """Best possible fused score (rank 1 everywhere), to report scores in [0, 1]."""
    return sum(w / (k + 1) for w in weights)


def minmax(rankings: Sequence[Sequence[tuple[str, float]]], weights: Sequence[float]) -> dict[str, float]:
    """Σ weight × score min-max-normalized within its list (1 = best hit, 0 = worst kept or absent).

    Unlike RRF this keeps *how much* better the first hit is: a BM25 hit that matches a rare
    number or name far above the rest stays far above after fusion.
    """
    fused: dict[str, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        if not ranking:
            continue
        scores = [s for _, s in ranking]
        lo, hi = min(scores), max(scores)
        for item, s in ranking:
            norm = (s - lo) / (hi - lo) if hi > lo else 1.0
            fused[item] = fused.get(item, 0.0) + w * norm
    return fused


def fuse(lexical: Sequence[tuple[str, float]], dense: Sequence[tuple[str, float]], query: str,
         method: str = FUSION, k: float = RRF_K, alpha: float | None = None) -> list[tuple[str, float]]:
    """Fused ``(id, score in [0, 1])`` best first, by the method and parameters tuned on ALQAC train.

    ``alpha`` is the dense share (BM25 gets ``1 - alpha``); by default it depends on the query
    (``dense_weight``).
    """
    if alpha is None:
        alpha = dense_weight(query)
    weights = (1.0 - alpha, alpha)
    if method == "rrf":
        fused = rrf([[i for i, _ in lexical], [i for i, _ in dense]], k, weights)
        top = rrf_max(k, weights) or 1.0
    else:
        fused = minmax([lexical, dense], weights)
        top = 1.0
    return sorted(((i, s / top) for i, s in fused.items()), key=lambda x: -x[1])


@dataclass(frozen=True)
class NumberQuery:
    """A document number named in a query, in folded form (``1085``, ``qd-ubnd``, ``2023``)."""

    n: str
    year: str | None = None
    code: str | None = None  # full code after the last slash, e.g. "qd-ubnd"
    type_code: str | None = None  # type code implied by a lead word ("quyết định" → "qd")

    def matches(self, number: str | None) -> bool:
        if not number:
            return False
        parts = [p.strip() for p in fold(number).replace(" ", "").split("/")]
        if len(parts) < 2 or parts[0].lstrip("0") != self.n.lstrip("0"):
            return False
        code = parts[-1]
        year = parts[1] if len(parts) > 2 else None
        if self.year and year and self.year != year:
            return False
        if self.code:
            return code == self.code
        if self.type_code:
            return code.split("-")[0].rstrip("0123456789") == self.type_code
        return True


@lru_cache(maxsize=1)
def _lead_words() -> dict[str, str | None]:
    """Folded type names and codes → folded type code; the bare lead word maps to no type."""
    leads: dict[str, str | None] = {fold(NUMBER_LEAD_WORD): None}
    for code, name in TYPE_CODES.items():
        leads.setdefault(fold(name), fold(code))
        leads.setdefault(fold(code), fold(code))
    return leads


@lru_cache(maxsize=1)
def _lead_rx() -> re.Pattern[str]:
    words = sorted(_lead_words(), key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?P<lead>{alt})\s+(?:so\s+)?(?P<n>\d{{1,6}})(?![\w/%]|\s*%|[.,]\d)")


def find_numbers(query: str) -> list[NumberQuery]:
    """Document numbers a query names, full (``1085/QĐ-UBND``) or bare after a type word."""
    found: list[NumberQuery] = []
    upper = query.upper()
    if len(upper) == len(query):  # codes are upper case; users type "1085/qđ-ubnd" too
        query = upper
    for m in NUMBER_RX.finditer(query):
        found.append(NumberQuery(n=m.group("n"), year=m.group("y"),
                                 code=fold(re.sub(r"\s+", "", m.group("code")))))
    folded = fold(query)
    covered = [m.span() for m in NUMBER_RX.finditer(query)]
    for m in _lead_rx().finditer(folded):
        if any(s <= m.start("n") < e for s, e in covered):
            continue
        found.append(NumberQuery(n=m.group("n"), type_code=_lead_words()[m.group("lead")]))
    return found
