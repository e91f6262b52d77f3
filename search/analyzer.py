"""Vietnamese text → BM25 terms, identical for passages and queries.

Vietnamese words are multi-syllable (``chuyển đổi số``), and users type without diacritics
(``chuyen doi so``) or in abbreviations (``UBND``). One passage therefore yields:
- underthesea word-segmented compounds, lower-cased, syllables joined with ``_``;
- the single syllables of each compound, so a segmentation that differs between query and
  passage still matches;
- a diacritic-free shadow of every term (``core.textnorm.fold``, prefixed ``~``), so accent-less
  queries match;
- the terms of abbreviation expansions (``UBND`` → ``ủy ban nhân dân``) from
  ``lexicon.abbreviations.expand``, the table extraction reads too.
A query with diacritics matches both the exact and the shadow terms and so outranks an
accent-less near-miss, which is the order users expect.

Queries are segmented without underthesea (``analyze_query``): greedy longest match of syllable
runs against the compounds the index already holds. Importing underthesea costs seconds (it
pulls in transformers), which a one-shot ``vanban search`` should not pay, and matching against
the index vocabulary finds exactly the compounds that can score.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Container
from functools import lru_cache

from core.textnorm import fold, match_form
from lexicon.abbreviations import expand

_WORD = re.compile(r"\w+")
# Shadow terms live in their own namespace, like a second field: ``~quyet`` never collides with
# a real accent-less word ``quyet`` typed by a user, and every query term hits both fields.
SHADOW = "~"


@lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]]:
    from underthesea import word_tokenize

    return word_tokenize


def _terms(text: str) -> list[str]:
    out: list[str] = []
    for token in _segmenter()(text):
        parts = _WORD.findall(match_form(token))
        if not parts:
            continue  # punctuation
        if len(parts) > 1:
            out.append("_".join(parts))
        out.extend(parts)
    return out


MAX_COMPOUND = 4  # syllables in the longest compound tried when segmenting a query


def _max_match(syllables: list[str], vocab: Container[str], prefix: str) -> list[str]:
    """Compounds (``prefix`` + syllables joined by ``_``) found in ``vocab``, longest first,
    each followed by its syllables; syllables outside any compound as they are."""
    out: list[str] = []
    i = 0
    while i < len(syllables):
        for n in range(min(MAX_COMPOUND, len(syllables) - i), 1, -1):
            compound = prefix + "_".join(syllables[i : i + n])
            if compound in vocab:
                out.append(compound)
                out.extend(prefix + s for s in syllables[i : i + n])
                i += n
                break
        else:
            out.append(prefix + syllables[i])
            i += 1
    return out


def analyze_query(text: str, vocab: Container[str]) -> list[str]:
    """Query terms shaped like ``analyze`` output, segmented against the index ``vocab``."""

    def terms_of(t: str) -> list[str]:
        syllables = _WORD.findall(match_form(t))
        return _max_match(syllables, vocab, "") + _max_match([fold(s) for s in syllables], vocab, SHADOW)

    terms = terms_of(text)
    expanded = expand(text)
    if expanded != text:
        terms.extend((Counter(terms_of(expanded)) - Counter(terms)).elements())
    return terms


def analyze(text: str) -> list[str]:
    """BM25 terms of ``text``: compounds, syllables, expansions, and their folded shadows."""
    terms = _terms(text)
    expanded = expand(text)
    if expanded != text:
        extra = Counter(_terms(expanded)) - Counter(terms)
        terms.extend(extra.elements())
    return terms + [SHADOW + fold(t) for t in terms]
