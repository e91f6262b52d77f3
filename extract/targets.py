"""Quantitative goals set for the future: ``đến năm 2025 … đạt tối thiểu 75%``.

A figure becomes a target only inside a goal context: a goal cue earlier in its sentence
(``phấn đấu``, ``đến năm 2025``, ``mục tiêu``), a goal heading above it (``2. Mục tiêu cụ thể
đến hết năm 2024``) or a list intro ending in ``:``. Inside that context a clause that reads as
a result (``đã``, ``tăng từ … lên``, ``đạt 103% kế hoạch``, a past year) or as a policy
parameter (``hỗ trợ 50% chi phí``) is dropped: the gate counts a reported result as a worse
error than a missed goal. Patterns live in ``extract/patterns/targets.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.record import Document, Target
from core.textnorm import match_form
from extract import figure_scan as F
from extract import quantities as Q
from extract.dates import find_dates, to_date
from extract.nlp import PLAIN, strip_marker
from extract.patterns import rx
from extract.patterns import targets as P

_I = re.IGNORECASE
_ACHIEVED_TAIL = re.compile(rf"\s*(?:{P.ACHIEVEMENT_TAILS}){Q.END}", _I)
_BROKEN_RANGE = re.compile(P.BROKEN_RANGE)
_MAX_LABEL_WORDS = 15
_MAX_ELIDED_WORDS = 5  # "các đô thị loại V": a longer head names its own measure
_YEAR_WORDS = re.compile(P.YEAR_WORDS, _I)
_MAX_INTRO = 200  # "…, với các mục tiêu chủ yếu sau:"; longer lines ending in ":" are prose
_MAX_INTRO_TAIL = 80


@dataclass
class _Context:
    """A goal heading or list intro and the year it sets for the lines below it."""

    level: float
    year: int | None
    intro: bool  # a sentence ending in ":" scopes only the marked items right after it


def _is_result(clause: str, year: int | None, ref_year: int | None) -> bool:
    past = year is not None and ref_year is not None and year < ref_year
    return bool(rx(P.ACHIEVEMENT_CUES).search(clause)) or past


def _rejected(text: str, s: int, clause_start: int, m: re.Match[str], e: int, year: int | None,
              ref_year: int | None) -> bool:
    """A result, a policy parameter, or a figure in parentheses ("(chiếm 52,3%)") is no goal.

    Without a goal cue in the sentence a result cue counts from the sentence start ("Hiện nay
    có 67 sản phẩm và 32% vùng trồng" reports both figures); with one, only within the clause
    and after the cue ("Năm 2023 đã đạt 81%, phấn đấu năm 2024 đạt 85%" sets the second).
    """
    clause = text[clause_start : m.end()]
    cues = [g.end() for g in Q.GOAL.finditer(text, s, m.start())]
    return (
        _is_result(text[max(clause_start, cues[-1]) if cues else s : m.end()], year, ref_year)
        # "đạt 103% kế hoạch" reports; "tối thiểu 95% kế hoạch" or "…, phấn đấu … đạt 95% kế hoạch"
        # (the cue in the value's own comma segment) aims
        or (not m.group("cmp") and not any(c > max(clause_start, text.rfind(",", s, m.start())) for c in cues)
            and bool(_ACHIEVED_TAIL.match(text, m.end(), e)))
        or bool(rx(P.POLICY_CUES).search(clause))
        or bool(rx(P.CONTEXT_CUES).search(text, s, m.start()))
        or (F.open_bracket(clause)  # "(chiếm 52,3%)", but "(phấn đấu … đạt 95%)" is one
            and not Q.GOAL.search(clause, clause.rfind("("))
            and not (cues and _only_value(text, clause_start + clause.rfind("(") + 1, m)))
    )


def _last_joint(text: str, start: int, end: int) -> int:
    """Where the last "," or "và" between two figures is, or -1."""
    joints = list(rx(P.FIGURE_JOINT).finditer(text, start, end))
    return joints[-1].start() if joints else -1


def _only_value(text: str, start: int, m: re.Match[str]) -> bool:
    """The bracket holds the goal's value alone: "mục tiêu tăng trưởng kinh tế Chính phủ giao (8%)"."""
    return (not m.group("verb") and not text[start : m.start()].strip()
            and text[m.end() : m.end() + 2].lstrip().startswith(")"))


def _sentence_targets(text: str, masked: str, s: int, e: int, ctx: _Context | None,
                      ref_year: int | None, line_year: int | None = None) -> list[Target]:
    """The goals of sentence ``[s, e)``; ``line_year`` is the year its list item opens with."""
    found: list[Target] = []
    for fig in F.sentence_figures(text, masked, s, e):
        m, clause_start, stop = fig.m, fig.clause_start, fig.stop
        near = _after_end(text, m.end(), e)
        clause_year = Q.last_year(text[clause_start:near])
        year = clause_year or Q.last_year(text[s:clause_start]) or line_year or (ctx.year if ctx else None)
        future = [int(f.group("year")) for f in rx(P.FUTURE_YEAR).finditer(text, clause_start, near)]
        future += [line_year] if line_year else []
        goal = ctx is not None or bool(Q.GOAL.search(text, s, m.end())) or (
            ref_year is not None and any(y > ref_year for y in future))
        if not goal or _rejected(text, s, clause_start, m, e, year, ref_year):
            continue
        if rx(P.BREAKDOWN_BASE).fullmatch(text, clause_start, m.start()):  # "Trong 592.849 ha đất …, …"
            continue
        start = Q.strip_lead(text, clause_start, m.start())
        if goal_clauses := list(rx(P.GOAL_CLAUSE).finditer(text, start, m.start())):
            start = Q.strip_lead(text, goal_clauses[-1].end(), m.start())
        if fig.after_figure and (joint := _last_joint(text, start, m.start())) >= 0:
            # "… 152.200 ha, đất trồng cây lâu năm 51.258 ha", "1.946 doanh nghiệp số và 12,5% số hộ …":
            # the words up to the joint end the previous figure
            start = Q.strip_lead(text, joint, m.start())
        if found and _qualifies(text, found[-1], m, start):
            found[-1] = _extend(text, found[-1], Q.end_of_tail(text, m.end(), stop))
            continue
        ind = Q.read_indicator(text, (clause_start, start), m, stop, found[-1].indicator if found else None)
        if ind is None:
            ind = _label(text, s, clause_start, m)
        if ind is None:
            continue
        indicator, span_start, span_end = ind
        if span_end == m.end() and m.group("cmp") and _ACHIEVED_TAIL.match(text, m.end(), e):
            # "giải ngân đạt tối thiểu 95% kế hoạch vốn đầu tư công năm 2025": a share of a plan
            span_end = Q.end_of_tail(text, m.end(), stop)
            if (close := text.find(")", m.end(), span_end)) >= 0:  # the goal was written in brackets
                span_end = close
            indicator = f"{indicator} {_YEAR_WORDS.sub('', text[m.end() : span_end])}"
        tail = text[m.end() : span_end]
        if rx(P.TAIL_ACHIEVEMENT_CUES).search(tail) or rx(P.POLICY_MONEY_CUES).search(tail):
            continue
        if clause_year is None and (tail_year := Q.last_year(tail)):  # "100% xã … trong năm 2023"
            if ref_year is not None and tail_year < ref_year:
                continue
            year = tail_year
        comparator, indicator = Q.read_comparator(m), _clean_indicator(indicator)
        if comparator == "=" and (lone := rx(P.STRANDED_COMPARATOR).search(indicator)):
            # "… lãnh đạo các cấp ít nhất vào năm 2025 đạt 40%": the floor is written before the year
            indicator, comparator = indicator[: lone.start()], Q.comparator_of(lone.group("cmp"))
        value, value_max, unit = Q.read_value_unit(m)
        if found and found[-1].unit == unit and (whole := _elided(found[-1].indicator or "", indicator)):
            indicator = whole
        found.append(Target(text=" ".join(text[span_start:span_end].split()),
                            indicator=Q.name_measure(indicator, unit),
                            comparator=comparator, value=value, value_max=value_max or None,
                            unit=unit, year=year, span=(span_start, span_end)))
    found.extend(_ranks(text, s, e, ctx, ref_year))
    return found


def _elided(prev: str, head: str) -> str | None:
    """A parallel clause names only what differs from the goal before it: in "tiêu chuẩn cấp nước
    cho đô thị từ loại IV trở lên đạt 120 lít/người/ngày đêm, đô thị loại V đạt 100 lít/…" the
    second is "tiêu chuẩn cấp nước cho đô thị loại V". ``head`` must open with two words that
    ``prev`` has after its own start; the words before them are the shared measure."""
    words = rx(P.SHARE_LEAD).sub("", " ".join(head.split())).split()
    if not 2 <= len(words) <= _MAX_ELIDED_WORDS:
        return None
    before, key = prev.split(), [match_form(w) for w in words[:2]]
    for i in range(1, len(before) - 1):
        if [match_form(w) for w in before[i : i + 2]] == key:
            return " ".join(before[:i] + words)
    return None


def _clean_indicator(indicator: str) -> str:
    """The phrase without its connectors or the year it is dated by ("tăng trưởng GRDP năm 2025"
    is the column "tăng trưởng GRDP"; the year is the target's ``year``)."""
    words = Q.TRAILING_JOINER.sub("", " ".join(indicator.split()))
    return Q.TRAILING_JOINER.sub("", _YEAR_WORDS.sub("", words)).strip(" ,") or words


def _after_end(text: str, end: int, e: int) -> int:
    """End of the words after a value that may still date it ("đạt 85% vào năm 2025"): the
    clause, at most 25 characters."""
    stop = rx(P.CLAUSE_END).search(text, end, min(e, end + 25))
    return stop.start() if stop else min(e, end + 25)


def _qualifies(text: str, prev: Target, m: re.Match[str], start: int) -> bool:
    """``m`` only qualifies the value-first goal before it: in "100% các khu công nghiệp … có
    tối thiểu 1 trạm phát sóng 5G" the 1 trạm says what the 100% must have."""
    return (prev.span is not None and prev.unit == "%" and prev.text.startswith(("100%", "100 %"))
            and start <= prev.span[1] <= m.start() and match_form(m.group("verb") or "") in ("có", "có thêm")
            and not text[prev.span[1] : m.start()].strip(" ").startswith((",", ";")))


def _extend(text: str, prev: Target, end: int) -> Target:
    assert prev.span is not None
    extra = " ".join(text[prev.span[1] : end].split()).rstrip(" ,:")
    end = prev.span[1] + len(text[prev.span[1] : end].rstrip(" ,:"))
    return prev.model_copy(update={"indicator": f"{prev.indicator} {extra}",
                                   "text": " ".join(text[prev.span[0] : end].split()),
                                   "span": (prev.span[0], end)})


def _label(text: str, s: int, clause_start: int, m: re.Match[str]) -> tuple[str, int, int] | None:
    """A list item with no verb, "Đầu tư mới trạm 5G: 35 trạm": the words before the colon."""
    if clause_start < 1 or text[clause_start - 1] != ":" or text[clause_start : m.start()].strip():
        return None
    begin = Q.clause_head(text, s, clause_start)
    lead = Q.strip_lead(text, begin, clause_start - 1)
    label = " ".join(strip_marker(text[lead : clause_start - 1]).split())
    if not label or len(label.split()) > _MAX_LABEL_WORDS or Q.HAS_VALUE.search(label):
        return None
    return label, clause_start - 1 - len(text[lead : clause_start - 1].lstrip(" -–+•*")), m.end()


def _ranks(text: str, s: int, e: int, ctx: _Context | None, ref_year: int | None) -> list[Target]:
    """Rank goals: "trở thành 1 trong 15 tỉnh … cao nhất về X" (<= 15), "giữ vững vị trí thứ
    nhất về X" (= 1)."""
    found = []
    kinds = ((P.RANK, "<=", P.RANK_INDICATOR), (P.POSITION, "=", P.POSITION_INDICATOR))
    for pattern, comparator, template in kinds:
        for r in rx(pattern).finditer(text, s, e):
            goal = ctx is not None or bool(Q.GOAL.search(text, s, r.end()))
            if not goal or _is_result(text[s : r.end()], None, ref_year):
                continue
            n = r.group("n").lower()
            what = " ".join((r.group("what") or "").split())
            year = Q.last_year(text[s : r.start()]) or (ctx.year if ctx else None)
            indicator = " ".join(template.format(what=what).split())
            found.append(Target(text=" ".join(r.group(0).split()), indicator=indicator, comparator=comparator,
                                value=float(P.POSITION_WORDS.get(n) or n), unit="hạng", year=year,
                                span=r.span()))
    return found


def _close(stack: list[_Context], level: float) -> None:
    """Pop the contexts a line at ``level`` ends (a sibling or parent heading, or prose after a list)."""
    while stack and ((level == PLAIN) if stack[-1].intro else (level <= stack[-1].level)):
        stack.pop()  # an unmarked intro covers the marked items after it, whatever their marker


def _open(stack: list[_Context], line: F.Line, level: float) -> None:
    """Push a context for a goal heading or goal list intro, or for a dated sub-heading inside
    one ("- Giai đoạn 2025-2027" under "Một số chỉ tiêu cơ bản:")."""
    body = line.body
    if not rx(P.INTRO_GOAL_CUES).search(body) and not (stack and level < PLAIN):
        return
    heading = len(body) <= 120 and not Q.HAS_VALUE.search(body) and not body.endswith((".", ":"))
    colon = body.endswith(":")
    if colon and len(body) > _MAX_INTRO:  # prose: only its closing words may announce a list
        body = body[-_MAX_INTRO_TAIL:]    # ("…, được cụ thể hóa bằng các chỉ tiêu như sau:")
    intro = colon and level == PLAIN  # a marked heading or intro scopes its whole section
    year = Q.last_year(body)
    dated_subheading = bool(stack) and year is not None and level < PLAIN and len(body) <= 60
    cues = P.HEADING_GOAL_CUES if heading else P.INTRO_GOAL_CUES
    goal = bool(rx(cues).search(body)) or dated_subheading
    if not goal or not (heading or colon) or rx(P.REPORT_HEADINGS).search(body):
        return
    if level == PLAIN:  # an unmarked heading: capitals rank with "I.", others with "1.1."
        level = 1.0 if heading and body.upper() == body else (4.5 if intro else 3.5)
    stack.append(_Context(level=level, year=year or (stack[-1].year if stack else None), intro=intro))


def find_targets(text: str, ref_year: int | None = None, default_year: int | None = None) -> list[Target]:
    """Every quantitative goal in ``text``. ``ref_year`` (the document's year) tells results
    from goals; ``default_year`` (from a title such as "Kế hoạch … năm 2024") dates goals the
    text leaves undated."""
    # "bình quân 05\n- 06%/năm": the break is no list item; same length, so spans hold.
    text = _BROKEN_RANGE.sub(lambda r: r.group(0).replace("\n", " "), text)
    masked = F.masked(text)
    stack: list[_Context] = []
    found: list[Target] = []
    # the previous sentence's goals, which a breakdown continues, also from the line before: a
    # news page's "Trong 592.849 ha …" paragraph breaks down the goal that ends the one above
    last: list[Target] = []
    for line in F.lines(text):
        _close(stack, line.level)
        if line.ends_body:
            stack.clear()
            last = []
        ctx = stack[-1] if stack else None
        lead = rx(P.LINE_YEAR_LEAD).match(line.body)
        line_year = Q.last_year(lead.group(0)) if lead else None
        for s, e in line.sentences:
            here = ctx
            if here is None and last and rx(P.BREAKDOWN).match(text, s):  # "Trong đó, đất … là 14.630 ha"
                here = _Context(level=PLAIN, year=last[-1].year, intro=False)
            last = _sentence_targets(text, masked, s, e, here, ref_year, line_year)
            found.extend(last)
        _open(stack, line, line.level)
    if default_year is not None:
        found = [t if t.year is not None else t.model_copy(update={"year": default_year}) for t in found]
    return _dedupe(found)


def _restates(a: Target, b: Target) -> bool:
    """``a`` repeats goal ``b`` less precisely: a news headline ("đặt mục tiêu 85% hồ sơ …")
    before the body's "tỷ lệ hồ sơ … đạt tối thiểu 85% trong năm 2024"."""
    if (a.value, a.unit) != (b.value, b.unit) or a is b:
        return False
    if a.year is None and b.year is not None and a.comparator == b.comparator:
        return True
    shared = set(match_form(a.indicator or "").split()) & set(match_form(b.indicator or "").split())
    return a.year == b.year and a.comparator == "=" and b.comparator != "=" and len(shared) >= 2


def _dedupe(targets: list[Target]) -> list[Target]:
    """A goal repeated in a news page (headline, lead, body) is one target: first full mention wins."""
    kept = [t for t in targets if not any(_restates(t, o) for o in targets)]
    return F.first_mentions(kept, lambda t: (match_form(t.indicator or ""), t.value, t.comparator, t.year))


def _period_year(text: str) -> int | None:
    """The end year of the period a plan states for itself ("Thời gian thi đua … (từ ngày 20
    tháng 11 năm 2025 đến ngày 03 tháng 12 năm 2025)"), if it states one."""
    for m in rx(P.PERIOD).finditer(text):
        window = text[m.end() : m.end() + P.PERIOD_WINDOW]
        years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", window)]
        if years:
            return max(years)
    return None


def _latest_day(text: str) -> int | None:
    """The year of the latest full date in an undated text (a wiki page: "Lưu trữ ngày 28 tháng
    11 năm 2019"): it is at least that old, so "Đến năm 1991, tỉnh có 11 đơn vị hành chính"
    reports history, not a goal. A deadline ("hoàn thành trước ngày 31/12/2026") is no sign of age."""
    years = [int(d.value[:4]) for d in find_dates(text) if d.precision == "day" and not d.partial
             and not rx(P.DEADLINE_BEFORE).search(text, max(0, d.start - 25), d.start)]
    return max(years) if years else None


def apply(doc: Document) -> Document:
    dated = to_date(doc.issued_on) or to_date(doc.published_at)
    ref = dated.year if dated else _latest_day(doc.text)
    undated = (Q.last_year(doc.title) if doc.title else None) or _period_year(doc.text)
    return doc.model_copy(update={"targets": find_targets(doc.text, ref, undated)})
