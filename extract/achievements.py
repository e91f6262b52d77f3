"""Values reported as already reached (SPEC §5 ``achievements``): "năm 2023 kinh tế số của
tỉnh ước đạt khoảng 7,2% GRDP", "đến nay đã có 95% …", items of a "Kết quả đạt được" section.

Figures are read with the targets' grammar (extract/quantities.py); what differs is the context.
A figure is a result when a result cue stands before it in its clause with no goal cue after
that cue, or when it sits in a results section. A figure that is a target, a policy parameter
("hỗ trợ 50% chi phí") or a place ("tại 6 huyện") is never a result. The year is the one the
text gives for the value, else the results heading's, else null (never guessed). Patterns live
in extract/patterns/achievements.py.
"""

from __future__ import annotations

import re

from core.record import Achievement, Document
from extract.nlp import logical_lines, mask_numbers_and_dates, sentences, strip_marker
from extract.patterns import achievements as P
from extract.patterns import targets as T
from extract.quantities import (
    END,
    GOAL,
    HAS_VALUE,
    TRAILING_JOINER,
    VALUE,
    last_year,
    read_indicator,
    read_value_unit,
    strip_lead,
)

_I = re.IGNORECASE
_RESULT = re.compile(P.RESULT_CUES, _I)
_RESULT_HEADING = re.compile(P.RESULT_HEADINGS, _I)
_GOAL_HEADING = re.compile(P.GOAL_HEADINGS, _I)
_POLICY = re.compile(T.POLICY_CUES + "|" + P.POLICY_WORDS, _I)
_POLICY_TAIL = re.compile(rf"\s*(?:{T.POLICY_TAILS}){END}", _I)
_LOCATION_BEFORE = re.compile(T.LOCATION_BEFORE, _I)
_BODY_END = re.compile(T.BODY_END, _I)
_MAX_HEADING = 120


def _is_result(text: str, s: int, clause_start: int, m: re.Match[str], in_results: bool) -> bool:
    """A result cue before the value in its sentence with no goal cue after it, or a results
    section with no goal cue in the clause."""
    cues = [r.end() for r in _RESULT.finditer(text, s, m.start() + len(m.group("verb") or ""))]
    goals = [g.end() for g in GOAL.finditer(text, s, m.start())]
    if cues:
        return not goals or goals[-1] < cues[-1]
    return in_results and not [g for g in goals if g > clause_start]


def _sentence_results(text: str, masked: str, s: int, e: int, in_results: bool, section_year: int | None,
                      taken: list[tuple[int, int]]) -> list[Achievement]:
    found: list[Achievement] = []
    bounds = [s] + [i + 1 for i in range(s, e) if text[i] in ";:"]
    prev_end = s
    values = list(VALUE.finditer(masked, s, e)) if HAS_VALUE.search(masked, s, e) else []
    for i, m in enumerate(values):
        clause_start = max([b for b in bounds if b <= m.start()] + [prev_end])
        prev_end = m.end()
        if any(a < m.end() and m.start() < b for a, b in taken):  # already a target
            continue
        clause = text[clause_start : m.end()]
        if (not _is_result(text, s, clause_start, m, in_results) or _POLICY.search(clause)
                or _POLICY_TAIL.match(text, m.end(), e)
                or _LOCATION_BEFORE.search(text, clause_start, m.start())
                or clause.count("(") > clause.count(")")):
            continue
        start = strip_lead(text, clause_start, m.start())
        start += len(re.match(rf"(?:(?:{P.RESULT_CUES})[\s,]*)*", text[start : m.start()], _I).group(0))
        stop = values[i + 1].start() if i + 1 < len(values) else e
        ind = read_indicator(text, (clause_start, start), m, stop, found[-1].indicator if found else None)
        if ind is None:
            continue
        indicator, span_start, span_end = ind
        value, _, unit = read_value_unit(m)
        year = last_year(text[clause_start:span_end]) or last_year(text[s:clause_start]) or section_year
        found.append(Achievement(text=" ".join(text[span_start:span_end].split()),
                                 indicator=TRAILING_JOINER.sub("", " ".join(indicator.split())),
                                 value=value, unit=unit, year=year, span=(span_start, span_end)))
    return found


def find_achievements(text: str, taken: list[tuple[int, int]] | None = None) -> list[Achievement]:
    """Every value ``text`` reports as reached; ``taken`` are the spans of its targets."""
    masked = mask_numbers_and_dates(text, "#")
    found: list[Achievement] = []
    in_results, section_year = False, None
    for start, end in logical_lines(text):
        line = text[start:end]
        body = strip_marker(line)
        if _BODY_END.match(line):
            in_results = False
        elif len(body) <= _MAX_HEADING and not HAS_VALUE.search(body):
            if _RESULT_HEADING.match(line.strip()) or _RESULT_HEADING.match(body):
                in_results, section_year = True, last_year(body)
                continue
            if _GOAL_HEADING.match(line.strip()) or _GOAL_HEADING.match(body):
                in_results = False
        for s, e in sentences(text, start, end):
            found.extend(_sentence_results(text, masked, s, e, in_results, section_year, taken or []))
    seen: set[tuple] = set()
    out = []
    for a in found:  # a news page repeats a figure in its lead and body: first mention wins
        key = (a.value, a.unit, a.year)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def apply(doc: Document) -> Document:
    taken = [t.span for t in doc.targets if t.span is not None]
    return doc.model_copy(update={"achievements": find_achievements(doc.text, taken)})
