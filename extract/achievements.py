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
from core.textnorm import match_form
from extract import figure_scan as F
from extract import quantities as Q
from extract.dates import to_date
from extract.patterns import achievements as P
from extract.patterns import rx
from extract.patterns import targets as T
from lexicon.units import MEASURE_UNITS

_I = re.IGNORECASE
_POLICY = re.compile(T.POLICY_CUES + "|" + P.POLICY_WORDS, _I)
_BARE_ACTION = re.compile(P.BARE_ACTION, _I)
_TAIL_JOINT = re.compile(P.TAIL_JOINT, _I)
_MAX_HEADING = 120
_MAX_TAIL_WORDS = 8
_MAX_ACTION_WORDS = 5


def _is_result(text: str, s: int, e: int, clause_start: int, m: re.Match[str], in_results: bool,
               ref_year: int | None) -> bool:
    """A result cue before the value in its sentence with no goal cue after it, a results
    section with no goal cue in the clause, or a past year stated before the value ("Năm 2019,
    tăng trưởng kinh tế đạt 7,26%" in a 2024 document)."""
    cues = [r.end() for r in rx(P.RESULT_CUES).finditer(text, s, m.start() + len(m.group("verb") or ""))]
    goals = [g.end() for g in Q.GOAL.finditer(text, s, m.start())]
    if cues:
        return not goals or goals[-1] < cues[-1]
    if goals:
        return in_results and not [g for g in goals if g > clause_start]
    if rx(P.SENTENCE_RESULT_CUES).search(text, s, e):
        return True
    past = _year(text[s : m.start()])
    return in_results or (past is not None and ref_year is not None and past < ref_year
                          and match_form(m.group("verb") or "") in P.STATE_VERBS)


def _sentence_results(text: str, masked: str, s: int, e: int, in_results: bool, section_year: int | None,
                      taken: list[tuple[int, int]], ref_year: int | None, para: int) -> list[Achievement]:
    found: list[Achievement] = []
    base = ""  # the indicator a following change ("tăng 9,3% so với cùng kỳ") measures
    for fig in F.sentence_figures(text, masked, s, e):
        m, clause_start, stop = fig.m, fig.clause_start, fig.stop
        if any(a < m.end() and m.start() < b for a, b in taken):  # already a target
            continue
        clause = text[clause_start : m.end()]
        if (not _is_result(text, s, e, clause_start, m, in_results, ref_year)
                or _POLICY.search(text, max(clause_start, m.start() - P.POLICY_WINDOW), m.end())
                or F.open_bracket(clause)
                or _bound(text, m)):
            continue
        start = Q.strip_lead(text, clause_start, m.start())
        start += len(re.match(rf"(?:(?:{P.RESULT_CUES})[\s,]*)*", text[start : m.start()], _I).group(0))
        ind = Q.read_indicator(text, (clause_start, start), m, stop, found[-1].indicator if found else None)
        if ind is None:
            continue
        indicator, span_start, span_end = ind
        if (m.group("count") and span_start < m.start()
                and " ".join(m.group("count").lower().split()) not in MEASURE_UNITS):
            # after a figure in the same clause ("298 hộ xây nhà mới và 121 hộ …") the words
            # before are the previous figure's, not this one's action
            short_after = fig.after_figure and len(text[clause_start : m.start()].split()) <= 6
            indicator, span_end = _counted(text, m, span_start, stop, act=not short_after)
        indicator = rx(P.DATE_LEAD).sub("", rx(P.REPORTED_BY).sub("", " ".join(indicator.split())))
        indicator = rx(P.CUE_EDGES).sub("", Q.TRAILING_JOINER.sub("", indicator)).strip(" ,")
        if (lead := rx(P.COMPARISON_LEAD).match(indicator)) and base:  # "tăng 9,3% so với cùng kỳ"
            rest = indicator[lead.end() :]
            indicator = rest if len(rest.split()) > 1 else f"{base} {m.group('verb') or ''}".strip()
        else:
            base = indicator
        if rx(P.EMPTY_INDICATORS).match(indicator):
            continue
        value, _, unit = Q.read_value_unit(m)
        year = (_year(text[clause_start:span_end]) or _year(text[s:clause_start]) or section_year
                or (None if rx(P.UP_TO_NOW).search(text, s, e) else _year(text[para:s])))
        found.append(Achievement(text=" ".join(text[span_start:span_end].split()),
                                 indicator=indicator, value=value, unit=unit, year=year,
                                 span=(span_start, span_end)))
    return found


def _bound(text: str, m: re.Match[str]) -> bool:
    """The figure states a threshold (``P.BOUND_COMPARATORS``, or "từ 50 m3" with no range end)."""
    return (Q.read_comparator(m) in P.BOUND_COMPARATORS
            or (not m.group("v2") and text[m.start() : m.start("v1")].rstrip().lower().endswith("từ")))


def _year(s: str) -> int | None:
    return Q.last_year(rx(P.BASE_YEARS).sub(" ", s))


def _counted(text: str, m: re.Match[str], start: int, stop: int, act: bool = True) -> tuple[str, int]:
    """A count's indicator is what is counted and what was done: "toàn tỉnh đã lắp đặt 215 trạm
    5G" reads "trạm 5G lắp đặt", not the subject and its verb."""
    tail_end = Q.end_of_tail(text, m.end(), stop)
    comma = text.find(",", m.end(), tail_end)
    tail_end = comma if comma >= 0 else tail_end
    if (joint := _TAIL_JOINT.search(text, m.end(), tail_end)) is not None:  # "… 11 dự án với diện tích"
        tail_end = joint.start()
    words = text[m.end() : tail_end].split()[:_MAX_TAIL_WORDS]
    tail = Q.TRAILING_JOINER.sub("", " ".join(words)).strip(" ,:")
    cues = [c.end() for c in rx(P.RESULT_CUES).finditer(text, start, m.start())]
    action = text[cues[-1] if cues else start : m.start() + len(m.group("verb") or "")]
    action = action.rsplit(",", 1)[-1]  # "…công trình, trong đó có 298 hộ": only the last clause acts
    action = _BARE_ACTION.sub("", " ".join(action.split()[-_MAX_ACTION_WORDS:])).strip(" ,") if act else ""
    unit = " ".join(m.group("count").lower().split())
    kept = Q.TRAILING_JOINER.sub("", text[m.end() : tail_end]).rstrip(" ,:")
    end = m.end() + len(kept) if tail else m.end()
    return " ".join(x for x in (unit, tail, action) if x), end


def find_achievements(text: str, taken: list[tuple[int, int]] | None = None,
                      ref_year: int | None = None) -> list[Achievement]:
    """Every value ``text`` reports as reached; ``taken`` are the spans of its targets and
    ``ref_year`` the document's year (a figure dated before it is a result)."""
    masked = F.masked(text)
    found: list[Achievement] = []
    in_results, section_year = False, None
    for line in F.lines(text):
        body = line.body
        if line.ends_body:
            in_results = False
        elif len(body) <= _MAX_HEADING and not Q.HAS_VALUE.search(body):
            if rx(P.RESULT_HEADINGS).match(line.text.strip()) or rx(P.RESULT_HEADINGS).match(body):
                in_results, section_year = True, Q.last_year(body)
                continue
            if rx(P.GOAL_HEADINGS).match(line.text.strip()) or rx(P.GOAL_HEADINGS).match(body):
                in_results = False
        for s, e in line.sentences:
            found.extend(_sentence_results(text, masked, s, e, in_results, section_year, taken or [],
                                           ref_year, line.start))
    return F.first_mentions(found, lambda a: (a.value, a.unit, a.year))


def apply(doc: Document) -> Document:
    taken = [t.span for t in doc.targets if t.span is not None]
    ref = to_date(doc.issued_on) or to_date(doc.published_at)
    found = find_achievements(doc.text, taken, ref.year if ref else None)
    return doc.model_copy(update={"achievements": found})
