"""Duties assigned by a text: who must do what, by when.

Four shapes cover the documents we see: a request naming the assignee ("giao Sở … chủ trì …",
"đề nghị các sở, ngành … tiếp tục …"); a duty marker after the assignee ("Ban Chỉ đạo có nhiệm
vụ: 1. … 2. …", "Sở … là cơ quan thường trực, có trách nhiệm …"); items of a NHIỆM VỤ / Tổ chức
thực hiện section that start with a body ("1. Sở Y tế chủ trì …"); and, in news, "Sở … sẽ …
trước ngày …". The decision's execution clause ("… chịu trách nhiệm thi hành Quyết định này")
is boilerplate and never a task. Deadlines come from ``extract.dates``; a recurring one is
written "12-15 each year" as the sample records do.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from core.record import Document, Task
from core.textnorm import match_form
from extract.dates import find_dates, to_date
from extract.nlp import PLAIN, content_start, list_level, logical_lines, sentences, strip_marker
from extract.patterns import structure as S
from extract.patterns import tasks as P
from extract.patterns import titles as T
from extract.task_assignees import (
    BODY,
    BODY_RX,
    VERB,
    body_then_verb,
    clean_name,
    first_listed,
    split_assignees,
)

_W = r"[\wÀ-ỹ]"
_BLANKS = r"\s+"
_DUTY = re.compile(rf"(?<!{_W})(?:{P.DUTY_MARKERS.replace(' ', _BLANKS)})(?!{_W})")
_REQUEST = re.compile(rf"(?<!{_W})(?:{P.REQUESTS})\s+(?={BODY})")
_BOILERPLATE = re.compile(P.BOILERPLATE.replace(" ", _BLANKS), re.IGNORECASE)
_TASK_HEADING = re.compile(P.TASK_HEADINGS, re.IGNORECASE)
_OTHER_HEADING = re.compile(P.OTHER_HEADINGS, re.IGNORECASE)
_RESPONSIBILITY = re.compile(P.RESPONSIBILITY_INTRO, re.IGNORECASE)
_DEADLINE_CUE = re.compile(P.DEADLINE_CUES, re.IGNORECASE)
_CITATION = re.compile(P.CITATION_BEFORE, re.IGNORECASE)
_MONTHLY = re.compile(P.MONTHLY, re.IGNORECASE)
_LEAD = re.compile(P.TEXT_LEAD_INS, re.IGNORECASE)
_BODY_END = re.compile(P.BODY_END, re.IGNORECASE)
_REQUEST_INTRO = re.compile(P.REQUEST_INTRO, re.IGNORECASE)
_GOAL_TAIL = re.compile(P.GOAL_TAIL, re.IGNORECASE)
_TOPIC = re.compile(P.TOPIC)
_OFFICIAL = re.compile(rf"^(?:{T.PERSON_TITLES})\s+(?=\S)")
_SPEAKS = re.compile(P.SPEAKS)
_PASSIVE_FUTURE = re.compile(P.PASSIVE_FUTURE)
_DETAIL_INTRO = re.compile(P.DETAIL_INTRO, re.IGNORECASE)
_LEAD_BODY = re.compile(P.LEAD_BODY, re.IGNORECASE | re.DOTALL)
_LEAD_HELPER = re.compile(P.LEAD_HELPER, re.IGNORECASE)
_LEAD_TIME = re.compile(P.LEAD_TIME, re.IGNORECASE | re.DOTALL)
_HEADING_LEAD = re.compile(P.BODY_HEADING_LEAD, re.IGNORECASE)
_LISTED_HEADS = re.compile(P.LISTED_HEADS)
_CLAUSE_BREAK = re.compile(r";\s*")
_MAX_HEADING = 120
_MAX_RECIPIENT = 100  # an addressee line of the "Nơi nhận" list is short
_DASH = 5.0  # list level of "-" items (extract.nlp)
_RECIPIENTS = re.compile(P.RECIPIENTS, re.IGNORECASE)
_DUTY_DONE = re.compile(P.DUTY_DONE_TAIL)
_FUTURE = re.compile(P.FUTURE)
_ARTICLE_LEAD = re.compile(S.ARTICLE_LEAD, re.IGNORECASE)


@dataclass
class _Scope:
    """A task section, request intro or duty intro and the list level it covers."""

    level: float
    assignee: str | None = None  # set for "X có nhiệm vụ:" (every item is X's)
    intro: bool = False  # an unmarked intro covers only the marked items right after it
    # A bare body heading ("1. Sở Y tế") inside a task section: its items are the body's duties;
    # items nested deeper only detail one of them. ``child`` is the level of its first item.
    heading: bool = False
    child: float | None = None


def _deadline(text: str, a: int, b: int, ref: dt.date | None) -> tuple[str | None, int]:
    """The task's deadline and where its phrase starts (``b`` when there is none)."""
    monthly = _MONTHLY.search(text, a, b)
    if monthly:
        cue = _DEADLINE_CUE.search(text[a : monthly.start()])
        return f"{int(monthly.group('d'))} each month", a + cue.start() if cue else monthly.start()
    best: tuple[str, int] | None = None
    for d in find_dates(text[a:b], ref):
        before = text[a : a + d.start]
        if _CITATION.search(before[-40:]):
            continue
        value = f"{d.value[2:]} each year" if d.partial and d.value.startswith("--") else d.value
        cue = _DEADLINE_CUE.search(before[-30:])
        start = a + d.start - (len(before[-30:]) - cue.start()) if cue else a + d.start
        if cue or best is None:
            best = (value, start)
    return best if best else (None, b)


def _task(text: str, assignee: str | None, a: int, b: int, ref: dt.date | None) -> Task | None:
    """A task whose duty text is ``text[a:b]``; the deadline phrase is cut off the text."""
    while a < b and (m := _LEAD.match(text[a:b])) and m.end() > 0:
        a += m.end()
    goal = _GOAL_TAIL.search(text, a, b)  # "…; phấn đấu đến năm 2025 …" is a target, not this duty
    b_duty = goal.start() if goal and goal.start() > a + 10 else b
    deadline, cut = _deadline(text, a, b_duty, ref)
    end = cut if cut > a + 10 else b_duty
    duty = _DUTY_DONE.sub("", text[a:end])
    if len(duty.split()) < 2 or _BOILERPLATE.search(text[a:b]):
        return None
    # The span covers the duty itself; its deadline phrase is read into ``deadline``.
    return Task(text=" ".join(duty.split()), assignee=assignee, deadline=deadline, span=(a, a + len(duty)))


def _sentence_tasks(text: str, s: int, e: int, subject_first: bool, ref: dt.date | None,
                    in_section: bool = True) -> list[Task]:
    """Tasks of one sentence: requests, duty markers, and (in a task section) "Body verb …"."""
    if _BOILERPLATE.search(text, s, e):
        return []
    out: list[Task] = []
    for r in _REQUEST.finditer(text, s, e):
        hit = body_then_verb(text, r.end(), e)
        if hit:
            out.append(_task(text, hit[0], hit[1], e, ref))
    duty = _DUTY.search(text, s, e)
    if duty and not out:
        head = BODY_RX.search(text, s, duty.start())
        name = clean_name(text[head.start() : duty.start()]) if head else None
        if name:
            out.append(_task(text, name, duty.end(), e, ref))
    if not out and subject_first:  # "1. Về bệnh án: Sở Y tế chỉ đạo …; các bệnh viện … xây dựng …"
        start = content_start(text, s, e)
        topic = _TOPIC.match(text, start, e)
        starts = [topic.end() if topic else start] + [m.end() for m in _CLAUSE_BREAK.finditer(text, start, e)]
        hits = [(a, hit) for a in starts if (hit := body_then_verb(text, a, e, plural=in_section))]
        for i, (_, (name, verb)) in enumerate(hits):  # a clause without a body continues the last
            out.append(_task(text, name, verb, hits[i + 1][0] if i + 1 < len(hits) else e, ref))
    if not out and _FUTURE.search(text[s:e]):
        out = _future_tasks(text, s, e, ref)
    return split_assignees(out)


def _future_tasks(text: str, s: int, e: int, ref: dt.date | None) -> list[Task | None]:
    """News: "Sở Xây dựng sẽ ban hành … trước ngày …", or a director speaking for his own body:
    "Giám đốc Sở … cho biết bản đồ số … sẽ được hoàn thành trước ngày …". Only with a deadline."""
    for b in BODY_RX.finditer(text, s, e):
        hit = body_then_verb(text, b.start(), e)
        if not hit:
            continue
        if text.startswith("sẽ", hit[1]):
            t = _task(text, hit[0], hit[1] + 2, e, ref)
        elif _SPEAKS.match(text, hit[1]) and _PASSIVE_FUTURE.search(text, hit[1], e):
            own = _OFFICIAL.sub("", hit[0])  # "Giám đốc Sở X" speaks for "Sở X"
            t = _task(text, own, _SPEAKS.match(text, hit[1]).end(), e, ref)  # type: ignore[union-attr]
        else:
            continue
        return [t] if t and t.deadline else []
    return []


def _closes(scope: _Scope, level: float) -> bool:
    """An unmarked intro ("UBND tỉnh đề nghị:") covers the marked items after it, whatever their
    marker; a heading covers what is deeper than itself."""
    return level == PLAIN if scope.intro else level <= scope.level


def _is_heading(body: str) -> bool:
    return len(body) <= _MAX_HEADING and not body.endswith((".", ";"))


class _Reader:
    """Walks logical lines keeping which task section or duty intro is open."""

    def __init__(self, text: str, ref: dt.date | None) -> None:
        self.text, self.ref = text, ref
        self.scopes: list[_Scope] = []
        self.tasks: list[Task] = []
        self.last_duty: str | None = None  # assignee of a "có nhiệm vụ" paragraph, for the next one
        self.last_item: tuple[str, float] | None = None  # (assignee, level) of the last marked item
        self.recipients = False  # inside the "Nơi nhận:" list
        self.pending: tuple[int, int, float] | None = None  # (start, end, level) of a bodiless item
        self.lead_task: int | None = None  # index of the task its "Cơ quan chủ trì" line gave

    def line(self, start: int, end: int) -> None:
        text, line = self.text, self.text[start:end]
        level = list_level(line)
        body = strip_marker(line)
        while self.scopes and _closes(self.scopes[-1], level):
            self.scopes.pop()
        if _BODY_END.match(line):
            self.scopes.clear()
            self.recipients = bool(_RECIPIENTS.match(line))
            return
        if self.recipients and (level >= _DASH or len(body) <= _MAX_RECIPIENT):
            return  # "- Thường trực: Thành ủy, HĐND Thành phố;" is an addressee, not a duty
        self.recipients = False
        if self._lead_body(body, level):
            return
        if self._opens_section(body, level):
            return
        if self._opens_body_heading(body, level):
            return
        scope = self.scopes[-1] if self.scopes else None
        found: list[Task] = []
        duty_paragraph = level == PLAIN and VERB.match(body[:1].lower() + body[1:])
        loose = level == PLAIN and _is_heading(body)  # a page footer or stray line inside a list
        if scope and scope.heading:
            if scope.child is None and not loose:
                scope.child = level
            if level == scope.child and (not _is_heading(body) or body.endswith(":")):
                found = self._item(start, end, scope.assignee)
        elif scope and scope.assignee and (level < PLAIN or duty_paragraph):  # an item of "X có nhiệm vụ:"
            found = self._item(start, end, scope.assignee)
        elif self.last_duty and duty_paragraph:
            found = [t for s, e in sentences(text, start, end)
                     if (t := _task(text, self.last_duty, s, e, self.ref))]
        else:
            in_section = scope is not None
            for s, e in sentences(text, start, end):  # a numbered item "3. Sở … theo dõi …" anywhere
                found.extend(_sentence_tasks(text, s, e, in_section or level < PLAIN, self.ref, in_section))
            if not found and in_section and level < PLAIN and not _is_heading(body):
                # "3. Hoàn thành …" with no body
                task = _task(text, None, content_start(text, start, end), end, self.ref)
                found = [task] if task else []
        self.last_duty = next((t.assignee for t in found if _DUTY.search(text, start, end)), None)
        if level < PLAIN:  # the item a following "Cụ thể:" details
            self.last_item = (found[-1].assignee, level) if found and found[-1].assignee else None
        self.tasks.extend(found)
        if level < PLAIN:  # a duty item whose body may come in a "- Cơ quan chủ trì: …" line below
            self.pending = None if found else (content_start(text, start, end), end, level)
            self.lead_task = None
        self._opens_intro(line, body, level)

    def _item(self, start: int, end: int, assignee: str | None) -> list[Task]:
        """An item under a body's heading or intro; "a) Bộ Y tế: Kiểm tra …" names its own body."""
        a = content_start(self.text, start, end)
        own = body_then_verb(self.text, a, end)
        own = own if own and self.text[a:own[1]].rstrip().endswith(":") else None
        task = _task(self.text, own[0], own[1], end, self.ref) if own else _task(
            self.text, assignee, a, end, self.ref)
        return [task] if task else []

    def _opens_section(self, body: str, level: float) -> bool:
        """A NHIỆM VỤ / Tổ chức thực hiện heading opens a section; another heading closes it."""
        unmarked_prose = level == PLAIN and body.upper() != body and not _TASK_HEADING.match(body)
        if not _is_heading(body) or unmarked_prose:
            return False
        title = _ARTICLE_LEAD.sub("", body)
        if _TASK_HEADING.match(title):
            whose = _RESPONSIBILITY.match(title)  # "Nhiệm vụ và quyền hạn của Ban Chỉ đạo"
            head = BODY_RX.search(title, whose.end()) if whose else None
            name = clean_name(title[head.start() :]) if head else None
            self.scopes.append(_Scope(level=1.0 if level == PLAIN else level, assignee=name))
            return True
        return bool(_OTHER_HEADING.match(title))

    def _lead_body(self, body: str, level: float) -> bool:
        """Plans to implement a law list each duty with its bodies below it: "2. Tổ chức tập huấn
        …" then "- Cơ quan chủ trì: Bộ Công an." and "- Thời gian hoàn thành: năm 2027"."""
        if self.pending is None or level <= self.pending[2]:
            return False
        if lead := _LEAD_BODY.match(body):
            name = clean_name(first_listed(" ".join(lead.group("b").split()).rstrip(" .;")))
            task = _task(self.text, name, *self.pending[:2], self.ref) if name else None
            if self.lead_task is None and task:
                self.tasks.append(task)
                self.lead_task = len(self.tasks) - 1
            return True
        if when := _LEAD_TIME.match(body):
            task = self.tasks[self.lead_task] if self.lead_task is not None else None
            dates = find_dates(when.group("t"), self.ref)
            if task and dates and task.deadline is None:
                self.tasks[self.lead_task] = task.model_copy(update={"deadline": dates[-1].value})
            return True
        return bool(_LEAD_HELPER.match(body))  # "- Cơ quan phối hợp: …" only helps

    def _opens_body_heading(self, body: str, level: float) -> bool:
        """"1. Sở Y tế", "**3. Ngân hàng Nhà nước chi nhánh khu vực 14**", "6. Đề nghị các tổ chức
        cung cấp dịch vụ chi trả", "1. Các Bộ: Y tế, Công Thương" inside a task section: a
        heading that is nothing but a body's name makes its items that body's duties. Of bodies
        listed as one party the first named is the assignee ("Các Bộ: Y tế, …" is "Bộ Y tế")."""
        if not self.scopes or level >= PLAIN or not _is_heading(body) or body.endswith(":"):
            return False
        title = _HEADING_LEAD.sub("", " ".join(body.strip(" *").split()))
        title = _LISTED_HEADS.sub(r"\1 \2", title)
        head = BODY_RX.match(title)
        bold = body.rstrip().endswith("**")  # set apart by type: a heading, never a duty sentence
        if not head or (not bold and VERB.search(title, head.end())) or _TASK_HEADING.match(title):
            return False
        name = clean_name(title)
        if not name or len(name.split()) < 2 or match_form(name) in P.VAGUE_ASSIGNEES:
            return False
        self.scopes.append(_Scope(level=level, assignee=name, heading=True))
        return True

    def _opens_intro(self, line: str, body: str, level: float) -> None:
        """"Ban Chỉ đạo có nhiệm vụ:", "Trách nhiệm của Sở Y tế:", "UBND tỉnh yêu cầu:"."""
        if not body.endswith(":"):
            return
        lvl = 4.5 if level == PLAIN else level
        duty = _DUTY.search(body)
        who = _RESPONSIBILITY.sub("", body[: duty.start()] if duty else body[:-1])
        head = BODY_RX.search(who)
        if head and (duty or _RESPONSIBILITY.match(body) or (self.scopes and not VERB.search(who))):
            name = clean_name(who[head.start() :])
            if name:
                self.scopes.append(_Scope(level=lvl, assignee=name, intro=level == PLAIN))
                return
        if _REQUEST_INTRO.search(line):
            self.scopes.append(_Scope(level=lvl, intro=level == PLAIN))
            return
        # "3. Các bộ, ngành, UBND tỉnh … tổ chức thực hiện các chủ trương …. Cụ thể:" in a task
        # section: the items below detail that body's duty.
        hit = body_then_verb(body, 0, len(body)) if self.scopes and level < PLAIN else None
        if hit and match_form(hit[0]) not in P.VAGUE_ASSIGNEES:
            self.scopes.append(_Scope(level=level, assignee=hit[0]))
        elif level == PLAIN and _DETAIL_INTRO.match(body) and self.last_item is not None:
            self.scopes.append(_Scope(level=self.last_item[1], assignee=self.last_item[0]))


def _shape(text: str) -> tuple[tuple[str, ...], set[str]]:
    """A duty's first eight words and its word set, for spotting the same duty said twice."""
    words = re.findall(r"\w+", match_form(text))
    return tuple(words[:8]), set(words)


def _same_duty(a: tuple[tuple[str, ...], set[str]], b: tuple[tuple[str, ...], set[str]]) -> bool:
    """Same opening and nearly the same words: a lead repeating the body, not two list items
    that share a long tail ("Giúp Chính phủ … chỉ đạo …" / "Giúp Chính phủ … đôn đốc …")."""
    return a[0] == b[0] and len(a[1] & b[1]) >= 0.9 * max(1, min(len(a[1]), len(b[1])))


def _dedupe(tasks: list[Task]) -> list[Task]:
    """One duty said twice (a news lead and its body) is one task, with the shorter assignee."""
    out: list[tuple[Task, tuple[tuple[str, ...], set[str]]]] = []
    for t in tasks:
        shape = _shape(t.text)
        i = next((i for i, (o, s) in enumerate(out) if o.span != t.span and _same_duty(shape, s)), None)
        if i is None:
            out.append((t, shape))
            continue
        twin = out[i][0]
        if t.assignee and (not twin.assignee or len(t.assignee) < len(twin.assignee)):
            out[i] = (twin.model_copy(update={"assignee": t.assignee}), out[i][1])
    return [t for t, _ in out]


def find_tasks(text: str, ref: dt.date | None = None) -> list[Task]:
    """Every duty assigned in ``text``; ``ref`` (the document's date) resolves year-less dates."""
    reader = _Reader(text, ref)
    for start, end in logical_lines(text):
        reader.line(start, end)
    return _dedupe(reader.tasks)


def apply(doc: Document) -> Document:
    ref = to_date(doc.issued_on) or to_date(doc.published_at)
    return doc.model_copy(update={"tasks": find_tasks(doc.text, ref)})
