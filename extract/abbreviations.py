"""Expand abbreviations (``UBND`` → ``Ủy ban nhân dân``, ``Sở NN&PTNT`` → ``Sở Nông nghiệp và Phát
triển nông thôn``), for extraction and for search, from the one table in
``extract/patterns/abbreviations.py``."""

from __future__ import annotations

import re

from extract.patterns.abbreviations import ABBREVIATIONS, ORG_ONLY

# Longest first so "NN&PTNT" wins over "NN"; a token is bounded by non-word characters other
# than "&" and "-" (which live inside abbreviations).
_KEYS = sorted(ABBREVIATIONS, key=len, reverse=True)
_TOKEN = re.compile(r"(?<![\w&\-/])(" + "|".join(re.escape(k) for k in _KEYS) + r")(?![\w&]|[-./]\w)")
_ORG_BEFORE = re.compile(r"(?:Sở|Bộ|Ngành|ngành|sở|bộ)\s+$")


def expansion(abbr: str) -> str | None:
    """The expansion of one abbreviation, or None."""
    return ABBREVIATIONS.get(abbr)


def expand(text: str) -> str:
    """``text`` with every known abbreviation replaced by its expansion."""

    def repl(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in ORG_ONLY and not _ORG_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
            return key
        return ABBREVIATIONS[key]

    return _TOKEN.sub(repl, text)


def find(text: str) -> list[tuple[int, int, str]]:
    """Abbreviations in ``text`` as ``(start, end, expansion)``, e.g. to index both forms."""
    return [(m.start(), m.end(), ABBREVIATIONS[m.group(1)]) for m in _TOKEN.finditer(text)]
