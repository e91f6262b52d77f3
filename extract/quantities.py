"""One numeric grammar for quantities a plan or report states: value, comparator, unit, and
the indicator they measure.

``[indicator] [verb] [comparator] value [- value] unit [after]`` covers thresholds ("đạt trên
46.200 tấn", "≥ 30%", "từ 11% trở lên"), ranges ("giảm từ 5-7%", "bình quân 05 - 06%/năm") and
coordinated values ("giảm 2% … và 3% số hộ nghèo dân tộc thiểu số", one match each). Goals
(extract/targets.py) and results (extract/achievements.py) read figures with this one grammar
and differ only in the context they accept. Units come from lexicon/units.py, the words from
extract/patterns/targets.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from core.record import Comparator
from core.textnorm import match_form
from extract.numbers import NUMBER, parse_vn_number
from extract.patterns import targets as P
from lexicon import units

_I = re.IGNORECASE
SHARE_NAME = P.SHARE_NAME
_CMP_BEFORE = {match_form(w): c for w, c in P.COMPARATORS_BEFORE}
_CMP_AFTER = {match_form(w): c for w, c in P.COMPARATORS_AFTER}
END = r"(?![\wÀ-ỹ])"
_COUNT_UNITS = P.COUNT_UNITS
_CMP_WORDS = "|".join(w for w, _ in P.COMPARATORS_BEFORE)
VALUE = re.compile(
    rf"(?:(?<![\wÀ-ỹ])(?P<verb>{P.VERBS})\s+)?"
    rf"(?:(?:(?:{P.HEDGES})\s+)?(?P<cmp>{_CMP_WORDS})(?:\s+|(?<=[≥≤<>=])\s*))?"
    rf"(?:{P.RANGE_FROM})?(?<![\d.,/\wÀ-ỹ])(?P<v1>{NUMBER})"
    rf"(?:\s*(?:%|(?:{P.SCALE_WORDS}|{P.COUNT_UNITS}){END})?(?:{P.RANGE_JOINERS})(?P<v2>{NUMBER}))?\s*"
    rf"(?:(?P<pct>{P.PERCENT_UNIT})|(?P<money>{P.MONEY_UNIT}){END}"
    rf"|(?:(?P<scale>{P.SCALE_WORDS})\s+)?(?!(?:{P.NOT_UNITS}){END})(?P<count>{_COUNT_UNITS}){END}"
    rf"(?P<per>{P.PER_UNIT}{END})?"
    rf"|(?(cmp)(?P<generic>{P.GENERIC_UNIT}){END}|(?!)))"
    rf"(?:\s+(?P<after>{'|'.join(w for w, _ in P.COMPARATORS_AFTER)}))?"
    rf"(?:\s+(?P<base>{P.SHARE_BASES}))?",
    _I,
)
# Cheap test run before VALUE, whose optional verb and comparator prefixes make it slow to scan.
HAS_VALUE = re.compile(
    rf"\d\s*(?:%|(?:{P.SCALE_WORDS}|{P.COUNT_UNITS}|{P.CURRENCY_WORDS}){END})"
    rf"|(?:{'|'.join(w for w, _ in P.COMPARATORS_BEFORE)})\s*\d", _I)
_TAIL_STOP = re.compile(P.TAIL_STOPS, _I)
_BARE_HEAD = re.compile(P.BARE_HEADS, _I)
_RATE_HEAD = re.compile(P.RATE_HEAD, _I)
_OWNER_BEFORE = re.compile(P.OWNER_BEFORE, _I)
_NEW_SUBJECT = re.compile(P.NEW_SUBJECT)
GOAL = re.compile(P.GOAL_CUES, _I)
_LEAD = re.compile(P.LEAD_INS, _I)
_YEARS = re.compile(P.YEARS, _I)
TRAILING_JOINER = re.compile(P.TRAILING_JOINER)
_MAX_INDICATOR_WORDS = 25
_MAX_TAIL_WORDS = 22  # a value-first item's first words say what; the rest is how or why
_ASIDE = re.compile(P.TAIL_ASIDE, _I)
_ALTERNATIVE = re.compile(P.ALTERNATIVE, _I)
_TOPIC = re.compile(P.TOPIC, _I)
_ACTION_HEAD = re.compile(P.ACTION_HEAD, _I)
_SHARE_LEAD = re.compile(P.SHARE_LEAD, _I)
_AREA_SUBJECT = re.compile(P.AREA_SUBJECT, _I)
_NOT_SHARED = re.compile(P.NOT_SHARED, _I)
_SHARE_WORD = re.compile(P.SHARE_WORD, _I)
_SHARE_VERBS = P.SHARE_VERBS
_HAVE_VERBS = P.HAVE_VERBS
_MAX_SUBJECT_WORDS = 4
_TIME_ONLY = re.compile(P.TIME_ONLY, _I)


def _unit_noun(unit: str) -> re.Pattern[str]:
    """The unit's noun phrase written earlier in the clause, up to a purpose or goal word."""
    return re.compile(
        rf"(?<![\wÀ-ỹ]){re.escape(unit)}(?![\wÀ-ỹ])[^,;:]*?{P.UNIT_NOUN_END}", _I
    )

def last_year(s: str) -> int | None:
    groups = ("end", "paren", "period", "pair", "year", "bare", "dated")
    years = [int(next(m.group(g) for g in groups if m.group(g))) for m in _YEARS.finditer(s)]
    return years[-1] if years else None


def strip_lead(text: str, start: int, end: int) -> int:
    """Start of the indicator once connectors and the goal phrase before it are skipped."""
    for m in GOAL.finditer(text, start, end):  # "Tỉnh phấn đấu tỷ lệ …": the subject goes too
        if m.group(0).lower().startswith(("phấn đấu", "mục tiêu", "đến", "tới")):
            start = max(start, m.start())
    while start < end and (m := _LEAD.match(text[start:end])) and m.end() > 0:
        start += m.end()
    return start


def read_comparator(m: re.Match[str]) -> Comparator:
    if m.group("v2"):
        return "range"
    if m.group("after"):
        return _CMP_AFTER[match_form(m.group("after"))]
    if m.group("cmp"):
        return _CMP_BEFORE[match_form(m.group("cmp"))]
    return "="


def comparator_of(word: str) -> Comparator:
    """The comparator a word written before a value means ("ít nhất" is ">=")."""
    return _CMP_BEFORE[match_form(" ".join(word.split()))]


def read_value_unit(m: re.Match[str]) -> tuple[float | None, float | None, str]:
    v1, v2 = parse_vn_number(m.group("v1")), m.group("v2") and parse_vn_number(m.group("v2"))
    if m.group("pct"):
        return v1, v2, m.group("pct")
    if m.group("money"):
        return v1, v2, units.canonical(m.group("money"))
    count = " ".join(f"{m.group('count')}{m.group('per') or ''}".lower().split()) if m.group("count") else ""
    if count and m.group("scale"):  # "3 triệu lượt khách": the scale stays in the unit, as for money
        return v1, v2, f"{' '.join(m.group('scale').lower().split())} {count}"
    return v1, v2, count or m.group("generic")


def read_indicator(text: str, span: tuple[int, int], m: re.Match[str], stop: int, prev: str | None
                   ) -> tuple[str, int, int] | None:
    """The indicator before the value, or (value first: ``100% xã …``, ``tỉnh có 120 phòng học
    …``) the words after it, or (``…; riêng năm 2024 tăng thêm ít nhất 4.000 ha``) the previous
    goal's with the verb, or (``các phòng học … để đạt mục tiêu ít nhất 120 phòng``) the unit's
    noun phrase earlier in the clause."""
    clause_start, start = span
    head = text[start : m.start()].strip(" ,;:(")
    if len(_YEARS.sub("", head).split()) > _MAX_INDICATOR_WORDS:  # a long lead-in: its last clause names it
        head = head[head.rfind(",") + 1 :].strip() if "," in head else ""
        if not head or len(head.split()) > _MAX_INDICATOR_WORDS:
            return None
    verb = match_form(m.group("verb") or "")
    subject = action = ""
    if _BARE_HEAD.match(head):
        head = ""
    if head and m.group("pct") and _RATE_HEAD.search(head):
        after = text[m.end() : end_of_tail(text, m.end(), stop)].strip(" ,:")
        if after and not _TIME_ONLY.match(after):  # "… đảm bảo đạt tỷ lệ 100% thủ tục … được đánh giá"
            head = ""
    if head and (change := _ACTION_HEAD.match(" ".join(f"{head} {m.group('verb') or ''}".split()))):
        action, head = change.group("change"), ""  # "kéo giảm đến 50% số vụ …": the change and its object
    if head and verb in _HAVE_VERBS and len(head.split()) <= _MAX_SUBJECT_WORDS:
        subject, head = head, ""  # "tỉnh có ít nhất 120 phòng học …": the subject is not the indicator
    if head:
        if m.group("base") and not _SHARE_WORD.search(head):  # "kinh tế số phải đạt 20% GRDP" is a share
            head = f"{head} chiếm tỷ trọng {m.group('base')}"
        return head, start, m.end()
    tail_end = end_of_tail(text, m.end(), stop)
    tail = TRAILING_JOINER.sub("", _ASIDE.sub("", text[m.end() : tail_end])).strip(" ,:")
    if _TIME_ONLY.match(tail):
        tail = ""
    tail_span = m.end() + len(text[m.end() : tail_end].rstrip(" ,:"))
    if action and tail:
        return f"{action} {tail}", start, tail_span
    if tail and prev is not None and verb in _SHARE_VERBS:  # "… là 592.849 ha, chiếm 86,09% tổng diện tích"
        base = tail if match_form(tail).startswith("trong ") else f"trong {tail}"
        return f"{SHARE_NAME} {prev} {base}", start, tail_span
    if not tail and (topic := _TOPIC.search(text, clause_start, start)):  # "Đối với đất phi nông nghiệp, …"
        return " ".join(topic.group("topic").split()), start, m.end()
    if not tail and subject:  # "Hà Nội có tối thiểu 200 công trình, …": nothing better after it
        count = m.group("count")  # "toàn tỉnh có 23 đô thị": the column is "số đô thị toàn tỉnh"
        if count and " ".join(count.lower().split()) not in units.MEASURE_UNITS:
            return f"số {' '.join(count.lower().split())} {subject}", start, m.end()
        return subject, start, m.end()
    if not tail and prev is not None and m.group("base") and _SHARE_WORD.search(prev):
        return prev, start, m.end()  # "…; đến năm 2030 đạt 30% GRDP": the same share, a later year
    if not tail and prev is not None and m.group("verb"):
        return f"{prev} {m.group('verb')}", start, m.end()
    unit = m.group("count")
    if not tail and unit and (noun := _unit_noun(match_form(unit)).search(text, clause_start, m.start())):
        return " ".join(noun.group(0).split()), noun.start(), m.end()
    if not tail:
        return None
    if len(tail.split()) > _MAX_TAIL_WORDS:  # a long value-first item: its first words say what
        words = _ASIDE.sub("", text[m.end() : tail_end])
        if cut := re.match(rf"\s*(?:\S+\s+){{{_MAX_TAIL_WORDS - 1}}}\S+", words):
            tail = " ".join(cut.group(0).split()).strip(" ,:")
            last = tail.split()[-1]
            tail_end = text.find(last, m.end(), tail_end) + len(last)
    end = m.end() + len(TRAILING_JOINER.sub("", text[m.end() : tail_end]).rstrip(" ,:"))
    if m.group("pct") and not _NOT_SHARED.match(tail):
        tail = f"{SHARE_NAME} {_SHARE_LEAD.sub('', tail)}"  # "100% số người …" is the column "tỷ lệ người …"
    named = unit and " ".join(unit.lower().split()) not in units.MEASURE_UNITS  # "ha đất rừng" is no name
    return (f"{unit.lower()} {tail}" if named else tail), m.start(), end


def name_measure(indicator: str, unit: str | None) -> str:
    """The column a reader heads: an area of a land type is "diện tích đất trồng lúa"."""
    if unit in units.AREA_UNITS and _AREA_SUBJECT.match(indicator):
        return f"diện tích {indicator}"
    return indicator


def end_of_tail(text: str, start: int, stop: int) -> int:
    """Where the words after a value-first figure stop describing it: a stop, a new clause
    ("…, nhằm …") or a new capitalised subject."""
    cut = _TAIL_STOP.search(text, start, stop)
    new = _NEW_SUBJECT.search(text, start, stop)
    other = next((a.start() for a in _ALTERNATIVE.finditer(text, start, stop)
                  if match_form(a.group("head")) in match_form(text[start : a.start()]).split()), -1)
    ends = (text.find(";", start, stop), text.find(".", start, stop), cut.start() if cut else -1,
            new.start() if new else -1, other, stop)
    return min(x for x in ends if x >= 0)




POLICY_TAIL = re.compile(rf"\s*(?:{P.POLICY_TAILS}){END}", _I)
LOCATION_BEFORE = re.compile(P.LOCATION_BEFORE, _I)
BODY_END = re.compile(P.BODY_END, _I)


@dataclass
class Figure:
    """One value in a sentence, with the clause it belongs to: from the last ``;``/``:`` or the
    previous figure, up to where the next figure starts (``stop``)."""

    m: re.Match[str]
    clause_start: int
    stop: int
    after_figure: bool  # the clause starts right after the previous figure, not at a ";" or ":"


def _qualifier(text: str, m: re.Match[str]) -> bool:
    """An age with no verb ("người dân từ 15 tuổi trở lên") or a count after "của" ("các xã của 18
    huyện") qualifies a noun: no figure, and no clause break for the figure before or after it."""
    if m.group("verb"):
        return False
    age = " ".join((m.group("count") or "").lower().split()) in units.QUALIFIER_UNITS
    return age or bool(m.group("count") and _OWNER_BEFORE.search(text, max(0, m.start() - 8), m.start()))


def figures(text: str, masked: str, s: int, e: int) -> Iterator[Figure]:
    """The figures of sentence ``[s, e)``, read on ``masked`` (numbers of documents and dates
    blanked), in order. Goals and results walk a sentence the same way through this."""
    bounds = [s] + [i + 1 for i in range(s, e) if text[i] in ";:"]
    found = VALUE.finditer(masked, s, e) if HAS_VALUE.search(masked, s, e) else iter(())
    values = [m for m in found if not _qualifier(text, m)]
    prev_end = s
    for i, m in enumerate(values):
        start = max([b for b in bounds if b <= m.start()] + [prev_end])
        yield Figure(m=m, clause_start=start, stop=values[i + 1].start() if i + 1 < len(values) else e,
                     after_figure=i > 0 and start == prev_end and start not in bounds)
        prev_end = m.end()


def clause_head(text: str, s: int, clause_start: int) -> int:
    """Where the words before a clause's colon start: the label of "Đầu tư mới trạm 5G: 35 trạm"."""
    return max([s] + [i + 1 for i in range(s, clause_start - 1) if text[i] in ";:"])
