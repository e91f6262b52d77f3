"""Canonical indicators (SPEC §5): ``indicator_id`` / ``indicator_label`` on every target and
achievement, so a spreadsheet sees one measure where documents word it three ways.

Rules only, here: a phrase is normalized (tones, case, the place and period it is dated by)
and tried against the curated taxonomy (``lexicon.indicators``). A phrase no rule catches gets
its own id, the slug of its normalized form, and its own phrase as label: it is never forced
into a wrong group. The embedding match for those leftovers lives in
``api.indicator_match`` (the model belongs to search; extract never imports it), run by the
service before a document is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.record import Document
from core.textnorm import fold, match_form
from lexicon.indicators import (
    INDICATORS,
    LEADING_MEASURE_WORDS,
    LEADING_WORDS,
    QUALIFIERS,
    TRAILING_WORDS,
    Indicator,
)

_QUALIFIERS = re.compile("|".join(QUALIFIERS))
_LEAD_ALT = "|".join(map(re.escape, (*LEADING_WORDS, *LEADING_MEASURE_WORDS)))
_LEADING = re.compile(rf"^(?:(?:{_LEAD_ALT})\s+)+")
_TRAILING = re.compile(rf"(?:\s+(?:{'|'.join(map(re.escape, TRAILING_WORDS))}))+$")
_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_MAX = 80


@dataclass(frozen=True)
class Match:
    id: str
    label: str
    by: str  # "rule" (taxonomy pattern), "embedding", or "own" (a measure of its own)


def normalize(phrase: str) -> str:
    """The phrase as compared: match form, qualifiers of place and period out, spaces single."""
    text = match_form(phrase).replace("hoá", "hóa")
    text = _SPACES.sub(" ", _QUALIFIERS.sub(" ", text)).strip(" ,;:-()*")
    text = _TRAILING.sub("", _LEADING.sub("", text))
    return text.strip(" ,;:-()*")


def slug(phrase: str) -> str:
    """The id of a measure of its own: folded, hyphenated, bounded (ids go in URLs and sheets)."""
    s = _NON_SLUG.sub("-", fold(normalize(phrase))).strip("-")
    return s[:_SLUG_MAX].rstrip("-") or "khong-ro"


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[Indicator, list[re.Pattern[str]], list[re.Pattern[str]]]]:
    return [(ind, [re.compile(p) for p in ind.all], [re.compile(p) for p in ind.none]) for ind in INDICATORS]


def by_rule(phrase: str) -> Indicator | None:
    """The first taxonomy entry whose patterns all match the normalized phrase."""
    text = normalize(phrase)
    for ind, need, forbid in _compiled():
        if all(p.search(text) for p in need) and not any(p.search(text) for p in forbid):
            return ind
    return None


def by_id(indicator_id: str) -> Indicator | None:
    return next((ind for ind in INDICATORS if ind.id == indicator_id), None)


def resolve(phrase: str | None) -> Match | None:
    """The canonical measure of a phrase, by rule, else its own; ``None`` for no phrase."""
    if not phrase or not phrase.strip():
        return None
    ind = by_rule(phrase)
    if ind is not None:
        return Match(ind.id, ind.label, "rule")
    return own(phrase)


def own(phrase: str) -> Match:
    """A measure of its own: the slug as id, the normalized phrase as label, so two wordings
    that normalize alike share a row in every pivot."""
    label = normalize(phrase) or _SPACES.sub(" ", phrase).strip()
    return Match(slug(phrase), label[:1].upper() + label[1:], "own")


def apply(doc: Document) -> Document:
    """Fill ``indicator_id`` / ``indicator_label`` on the document's targets and achievements."""
    for item in [*doc.targets, *doc.achievements]:
        m = resolve(item.indicator)
        if m is not None:
            item.indicator_id, item.indicator_label = m.id, m.label
    return doc
