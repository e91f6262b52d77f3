"""Text units every item extractor walks (logical lines, sentences, list levels) and the one
underthesea NER instance.

Readers keep the source's line breaks, and PDFs and crawled pages break lines mid-sentence
(``đến năm\\n2025``), so extractors work on *logical lines*: physical lines joined until one
ends a sentence or the next starts a list item. underthesea takes seconds to import, so it is
imported on first use and its answers are cached per sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.dates import find_dates
from extract.patterns import structure as S

# List markers at the start of a line and how deep each kind sits (extract/patterns/structure.py).
_MARKER = re.compile(S.LIST_MARKER, re.IGNORECASE)
_LEVELS = {"chapter": 0.0, "article": 1.0, "roman": 1.0, "num": 2.0, "sub": 3.0, "alpha": 4.0, "paren": 4.2,
           "dash": 5.0, "plus": 5.5}
PLAIN = 6.0  # a paragraph without a list marker
_JUNK_LINE = re.compile(r'^[\s|"*#_=\-]*$')  # table residue and rules left by crawlers
_ENDS_UNIT = re.compile(r"[.;:!?…][\"”’)\]*]*\s*$")  # a stop, maybe inside a closing quote
_SHORT_HEADING = 80
_OPEN_SPAN_MAX = 300  # an unclosed bracket farther back is a typo, not a span still open
_SENTENCE_END = re.compile(r"[.!?…]\**(?=\s+[\"“(*]*[A-ZÀ-ỸĐ\d])")


def list_level(line: str) -> float:
    """How deep a line's list marker sits (lower is higher up); ``PLAIN`` without one."""
    m = _MARKER.match(line)
    if not m:
        return PLAIN
    return next(_LEVELS[k] for k, v in m.groupdict().items() if v)


def strip_marker(line: str) -> str:
    return _MARKER.sub("", line, count=1).strip()


def content_start(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]``'s content begins after its list marker and spaces: an offset
    into ``text`` that trailing spaces on the line do not shift."""
    m = _MARKER.match(text[start:end])  # "^" does not anchor at a match position
    pos = start + m.end() if m else start
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def logical_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines re-joined across mid-sentence breaks; junk lines end a unit."""
    units: list[tuple[int, int]] = []
    pos = 0
    open_unit: list[int] | None = None  # [start, end] of the unit being built
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if _JUNK_LINE.match(line):
            open_unit = None
            continue
        stripped = line.strip()
        if open_unit is not None:
            prev = text[open_unit[0] : open_unit[1]]
            heading = len(prev) <= _SHORT_HEADING and stripped[:1].isupper()
            # "**2. Sở\nKhoa học và Công nghệ**", "Phối hợp Sở Nội vụ *(Ban\nThi đua …)": a bold
            # span or a bracket left open continues on the next line
            still_open = (prev.count("**") % 2 == 1 or prev.count("(") > prev.count(")")) and not (
                _MARKER.match(stripped) or len(prev) > _OPEN_SPAN_MAX)
            # "III.\nCác chỉ tiêu …": a list marker alone on its line numbers the next one ("Chương I"
            # stands over its title line, as the task and section walkers expect)
            alone = _MARKER.fullmatch(prev.strip() + " ")
            bare_marker = bool(alone and not alone.group("chapter")) and not _MARKER.match(stripped)
            ends = _ENDS_UNIT.search(prev) or _MARKER.match(stripped) or heading
            if bare_marker or still_open or not ends:
                open_unit[1] = end
                units[-1] = (open_unit[0], end)
                continue
        open_unit = [start, end]
        units.append((start, end))
    return units


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``: a stop followed by a capital or a digit."""
    out, s = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((s, m.end()))
        s = m.end()
    out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


# A document number ("2151/QĐ-UBND", "18/2023/NQ-HĐND"); never starts inside a digit run, so a
# long run of digits is scanned in linear time.
DOCUMENT_NUMBER = re.compile(r"(?<!\d)\d+(?:/\d{4})?/[A-ZĐ]+(?:-[A-ZĐ0-9&]+)*")


def mask_numbers_and_dates(text: str, fill: str = " ") -> str:
    """Document numbers and dates blanked, same length: their digits are never a target's value,
    and NER never reads "QĐ-UBND" or "ngày 24/5/2021" as a place."""
    chars = list(text)
    spans = [m.span() for m in DOCUMENT_NUMBER.finditer(text)] + [(d.start, d.end) for d in find_dates(text)]
    for s, e in spans:
        chars[s:e] = fill * (e - s)
    return "".join(chars)


@lru_cache(maxsize=4096)
def ner(sentence: str) -> tuple[tuple[str, str], ...]:
    """underthesea's CRF NER as (token, BIO tag) pairs; the model loads on the first call."""
    from underthesea import ner as _ner

    return tuple((tok[0], tok[-1]) for tok in _ner(sentence))
