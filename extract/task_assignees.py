"""Who a duty is assigned to: the body phrase before a task's verb, cleaned, resolved and split.

The name runs from a body's head ("Sở", "Ủy ban nhân dân", "Các sở, ngành") to the first verb
of the duty; a name cannot end on a joiner ("… và các tổ chức chính trị - xã hội phối hợp …": the
verb word after "và các" is a noun of the name). Bodies named side by side ("Bộ Quốc phòng, Bộ
Công an quyết định …") are one party led by the first; bodies separated by ";" get one task each.
Split out of ``extract/tasks.py``, which finds where duties are; this module reads who holds them.
"""

from __future__ import annotations

import re

from core.record import Task
from core.textnorm import match_form
from extract.patterns import tasks as P
from extract.patterns import titles as T

_W = r"[\wÀ-ỹ]"
BODY = (rf"(?:(?:{T.BODY_HEADS}|{P.ASSIGNED_OFFICIALS})(?!{_W})|{P.PLURAL_LEAD}(?:{T.PLURAL_BODIES})(?!{_W})"
        rf"|{P.MEMBERS}(?!{_W}))")
BODY_RX = re.compile(BODY)
# Lines keep the source's breaks ("có trách\nnhiệm"): a space in a verb matches any blank run.
_BLANKS = r"\s+"
VERB = re.compile(rf"(?<!{_W})(?:{P.TASK_VERBS.replace(' ', _BLANKS)})(?!{_W})")  # case-sensitive
# "Tổ giúp việc … trong thực hiện Đề án “…”"; "(cũ)" after a merged province stays in the name
_NAME_STOP = re.compile(P.NAME_STOP)
_COPULA = re.compile(P.COPULA_END)
_PLACE_LIST_COLON = re.compile(P.PLACE_LIST_COLON)
# A head followed by a proper name: "Bộ Công an", "Đoàn Luật sư tỉnh Bình Thuận"
_NAMED_NEXT = re.compile(rf"\s+(?:(?:{T.PLACE_LEVELS})\s+)?[A-ZÀ-ỸĐ]")
_NAME_GOES_ON = re.compile(P.NAME_GOES_ON)
_WITH_GROUP = re.compile(P.WITH_GROUP)
_LISTED_GROUP = re.compile(P.LISTED_GROUP)
_MAX_NAME_CHARS = 300
_MAX_NAME_WORDS = 30  # three merged bodies with "(cũ)" run to 21 words

def clean_name(name: str) -> str | None:
    name = _NAME_STOP.split(name, maxsplit=1)[0].strip(" ,-–*")
    colon = name.find(":")
    listed = colon > 0 and bool(_PLACE_LIST_COLON.search(name[: colon + 1]))  # "… các tỉnh: Đắk Lắk, …"
    if (not name or len(name.split()) > _MAX_NAME_WORDS or re.search(r"[.!?]", name)
            or (colon >= 0 and not listed) or _COPULA.search(name)):
        return None
    return " ".join(name.split())


def _resolve_bare(text: str, pos: int, name: str) -> str:
    """A bare "Sở"/"Bộ" (a quoted director speaking of his own department) is the last full
    name with that head before it: "Giám đốc Sở Thông tin và Truyền thông cho biết: "Sở sẽ …"."""
    if name not in P.BARE_HEADS:
        return name
    for m in reversed(list(re.finditer(rf"{name}\s+[A-ZĐ]", text[max(0, pos - 3000) : pos]))):
        m_start = m.start() + max(0, pos - 3000)
        v = VERB.search(text, m_start + len(name), pos)
        if v and (full := clean_name(text[m_start : v.start()])):
            return full
    return name


def body_then_verb(text: str, pos: int, end: int, plural: bool = True) -> tuple[str, int] | None:
    """(assignee, start of its verb) when a body phrase starts at ``pos``; "Body: Verb …" too.
    ``plural=False`` refuses "các …" bodies, which outside a task list are usually a definition
    ("Các ngành khoa học … bao gồm …")."""
    body = BODY_RX.match(text, pos)
    if not body or (not plural and body.group(0)[:3].lower() == "các"):
        return None
    end = min(end, pos + _MAX_NAME_CHARS)  # a name is short: never scan a whole run-on sentence
    # a verb word right after "và các", "của" is a noun of the name: "… và các tổ chức chính trị"
    v = next((v for v in VERB.finditer(text, pos + 2, end) if not _NAME_GOES_ON.search(text, pos, v.start())),
             None)
    colon = text.find(":", pos, v.start() if v else end)
    if colon > 0 and _PLACE_LIST_COLON.search(text, pos, colon + 1):
        colon = -1  # "Chủ tịch UBND các tỉnh: Đắk Lắk, Khánh Hòa … tiếp tục": the list is the name's
    if colon > 0 and (name := clean_name(text[pos:colon])) and len(name.split()) > 1:
        return name, colon + 1  # not a bare "Sở: Nội vụ, Y tế" (a list of departments)
    name = clean_name(text[pos : v.start()]) if v else None
    name = _resolve_bare(text, pos, name) if name else None
    if not name or len(name.split()) < 2 or match_form(name) in P.VAGUE_ASSIGNEES:
        return None  # a lone "Các" before "tổ chức, cá nhân …" is no body
    return name, v.start()  # type: ignore[union-attr]


def first_listed(name: str) -> str:
    """"Bộ Quốc phòng, Bộ Công an quyết định …": bodies named side by side as one party; the
    first named is the assignee. A comma inside one name ("Sở Văn hóa, Thể thao và Du lịch",
    "UBND các huyện, thành phố") is not followed by a body's head, so the name stays whole."""
    if name[:3].lower() == "các":  # "Các bộ, ngành, Ủy ban nhân dân tỉnh": one group
        return name
    for m in re.finditer(r",\s+", name):
        head = BODY_RX.match(name, m.end())
        # "Bộ Công an", not "Tổ giúp việc"; and "Thường trực HĐND tỉnh, các Ban HĐND tỉnh, các Tổ
        # đại biểu …": the body's own organs listed after it; the first named leads (GUIDE.md)
        if (head and _NAMED_NEXT.match(name, head.end())) or _LISTED_GROUP.match(name, m.end()):
            return name[: m.start()]
    joined = _WITH_GROUP.search(name)  # "Ủy ban Mặt trận … và các tổ chức chính trị - xã hội"
    return name[: joined.start()] if joined else name


def split_assignees(tasks: list[Task | None]) -> list[Task]:
    """"đề nghị UBND các xã, phường; các đơn vị, cơ sở giáo dục trực thuộc thực hiện …": one
    task per body listed."""
    out = []
    for t in tasks:
        if t is None:
            continue
        names = [first_listed(n.strip()) for n in (t.assignee or "").split(";")] if t.assignee else [None]
        out.extend(t.model_copy(update={"assignee": n}) for n in names if n is None or n)
    return out

