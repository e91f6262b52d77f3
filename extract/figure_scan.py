"""The walk goals (extract/targets.py) and results (extract/achievements.py) share: a
document's logical lines, their sentences, and the figures in each sentence with the checks
that rule a figure out whatever the context.

The two extractors differ only in which context makes a figure theirs (a goal heading or cue,
a results section or cue); how a line is read, where the body ends, which numbers are masked
(document numbers and dates), when a figure is a policy parameter or a place, and that a news
page's repeated figure is one item are the same for both, so they live here once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from extract.nlp import list_level, logical_lines, mask_numbers_and_dates, sentences, strip_marker
from extract.patterns import rx
from extract.patterns import targets as P
from extract.quantities import BODY_END, LOCATION_BEFORE, POLICY_TAIL, Figure, figures

T = TypeVar("T")

_LETTERS = [chr(c) for c in range(0x41, 0x1F00) if chr(c).isalpha()]
_LOWER = re.escape("".join(c for c in _LETTERS if c.islower()))
_UPPER = re.escape("".join(c for c in _LETTERS if c.isupper()))
# Crawled news glues a caption or the next sentence on: "… - Ảnh minh họaTrong 592.849 ha …",
# "… 1.522 ha.Đối với đất phi nông nghiệp …". A lower-case word running straight into a
# capitalised one (after a stop, or with none) starts a new sentence; "VNeID", "TP.HCM" and
# "Tp.Hồ" do not, their lower-case runs being too short.
_GLUED = re.compile(rf"(?<=[{_LOWER}]{{2}})[.!?…]+(?=[{_UPPER}][{_LOWER}])"
                    rf"|(?<=[{_LOWER}]{{3}})(?=[{_UPPER}][{_LOWER}])")


@dataclass(frozen=True)
class Line:
    """One logical line: its span, list level, text without the marker, and its sentences."""

    start: int
    end: int
    text: str
    level: float
    body: str  # the line without its list marker
    ends_body: bool  # "Nơi nhận", "TM.", "KT.": nothing below is goal or result prose
    sentences: list[tuple[int, int]]


def masked(text: str) -> str:
    """``text`` with document numbers and dates blanked (same length): never a figure's value."""
    return mask_numbers_and_dates(text, "#")


def lines(text: str) -> Iterator[Line]:
    """The logical lines of ``text`` in order, each with its sentences."""
    for start, end in logical_lines(text):
        line = text[start:end]
        # a wiki page's reference list quotes old headlines ("… phấn đấu tăng trưởng 12-13% Lưu
        # trữ ngày … tại Wayback Machine"): no goal or result of the page
        cited = bool(rx(P.CITATION).search(line))
        spans = [] if cited else _unglued(text, sentences(text, start, end))
        yield Line(start=start, end=end, text=line, level=list_level(line), body=strip_marker(line),
                   ends_body=bool(BODY_END.match(line)), sentences=spans)


def _unglued(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with glued sentences split (``_GLUED``)."""
    out = []
    for s, e in spans:
        for g in _GLUED.finditer(text, s, e):
            if g.end() > s:
                out.append((s, g.end()))
                s = g.end()
        out.append((s, e))
    return [(a, b) for a, b in out if text[a:b].strip()]


def sentence_figures(text: str, masked_text: str, s: int, e: int) -> Iterator[Figure]:
    """The figures of sentence ``[s, e)`` that may be a goal or a result: a value right before
    a budget or fee word ("3% ngân sách") is a policy parameter, one after "tại"/"ở" a place
    ("triển khai tại 6 huyện")."""
    for fig in figures(text, masked_text, s, e):
        m = fig.m
        if POLICY_TAIL.match(text, m.end(), e) or LOCATION_BEFORE.search(text, fig.clause_start, m.start()):
            continue
        yield fig


def open_bracket(clause: str) -> bool:
    """The figure sits inside an unclosed bracket of its clause ("(chiếm 52,3%)")."""
    return clause.count("(") > clause.count(")")


def first_mentions(items: list[T], key: Callable[[T], Hashable]) -> list[T]:
    """A news page repeats a figure in its headline, lead and body: the first mention wins."""
    seen: set[Hashable] = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out

