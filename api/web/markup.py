"""Marking spans of untrusted text with HTML, escaping everything else.

Passages and document texts come from uploaded files, so a ``<script>`` in a document must
arrive in the browser as text. Offsets come from search and extraction and may be out of
range or overlapping; bad ones are clipped or dropped rather than trusted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str = ""
    anchor: str | None = None
    title: str | None = None


def _clip(marks: Iterable[Mark], length: int) -> list[Mark]:
    """In range, non-empty, sorted, and without overlaps (an overlapping mark is dropped,
    the first one found wins)."""
    kept: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        start, end = max(0, m.start), min(length, m.end)
        if start >= end or (kept and start < kept[-1].end):
            continue
        kept.append(Mark(start, end, m.css, m.anchor, m.title))
    return kept


def _open_tag(m: Mark) -> Markup:
    attrs = ""
    if m.css:
        attrs += Markup(' class="{}"').format(m.css)
    if m.anchor:
        attrs += Markup(' id="{}"').format(m.anchor)
    if m.title:
        attrs += Markup(' title="{}"').format(m.title)
    return Markup("<mark{}>").format(Markup(attrs))


def mark(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with ``<mark>`` around each span."""
    out: list[str] = []
    pos = 0
    for m in _clip(marks, len(text)):
        out.append(escape(text[pos:m.start]))
        out.append(_open_tag(m) + escape(text[m.start:m.end]) + Markup("</mark>"))
        pos = m.end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def highlight(passage: str, spans: Iterable[Iterable[int]]) -> Markup:
    """A search passage with its ``highlights`` offsets marked."""
    marks = []
    for span in spans:
        pair = list(span)
        if len(pair) == 2 and all(isinstance(v, int) for v in pair):
            marks.append(Mark(pair[0], pair[1]))
    return mark(passage, marks)


def mark_region(text: str, marks: Iterable[Mark], region: tuple[int, int] | None,
                region_id: str = "hit") -> Markup:
    """Like ``mark``, with one larger region (the passage a search result pointed at) wrapped
    in its own element, so item marks inside it still show."""
    marks = list(marks)
    if region is None:
        return mark(text, marks)
    start, end = max(0, min(region[0], len(text))), max(0, min(region[1], len(text)))
    if start >= end:
        return mark(text, marks)
    pieces: list[str] = []
    for lo, hi, wrapped in ((0, start, False), (start, end, True), (end, len(text), False)):
        inside = [Mark(max(m.start, lo) - lo, min(m.end, hi) - lo, m.css,
                       m.anchor if m.start >= lo else None, m.title)
                  for m in marks if m.start < hi and m.end > lo]
        html = mark(text[lo:hi], inside)
        pieces.append(Markup('<span class="hit" id="{}">{}</span>').format(region_id, html)
                      if wrapped else html)
    return Markup("").join(pieces)
