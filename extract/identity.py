"""A formal document's own identity from its header: number, date, issuer, province, kind,
title; and the helpers the other extractors share to read numbers and organisation names.

Headers come in many shapes: two columns interleaved line by line, markdown residue
(``**``, ``|``) from saved web pages, names broken over lines, OCR variants of ``Số:``. All
matching runs on ``plain(text)``, a same-length copy with that residue blanked, so every span
found is a span of ``doc.text``.
"""

from __future__ import annotations

import re
from collections import Counter

from core.record import Document
from core.textnorm import fold, match_form
from extract import issuer_sources
from extract.dates import find_dates, to_date
from extract.orgnames import (  # noqa: F401 (fast_fold, near, plain: re-exported for other extractors)
    LOCAL_RX,
    NATIONAL_RX,
    PROVINCE_FORMS,
    PROVINCE_OF,
    PROVINCE_RX,
    UP,
    fast_fold,
    find_province,
    local_body,
    near,
    org_case,
    plain,
)
from extract.patterns import identity as P
from extract.patterns import news as N
from lexicon import doctypes as T
from lexicon import issuers as I
from lexicon.doctypes import NUMBER, PARTY_NUMBER, canonical_number, type_of_number

# "Số: 1085/QĐ-UBND" and its OCR variants (Sô, So, S6, SỐ).
_SO = re.compile(rf"{P.NUMBER_LEAD}{NUMBER}(?![\w/])")
_PARTY_SO = re.compile(rf"{P.NUMBER_LEAD}{PARTY_NUMBER}(?![\w/])")
_MOTTO = re.compile("|".join(I.MOTTO), re.IGNORECASE)
_LETTER = re.compile(T.LETTER_MARK, re.IGNORECASE)
# Title words are matched on the folded text so OCR variants (QUYÉT ĐỊNH, QUYET DINH) count too;
# the line must still be upper case in the original.
_TITLE_LINE = re.compile(
    r"^[ \t]*(" + "|".join(re.escape(fold(w)) for w, _ in T.TITLE_WORDS) + r")[ \t]*$", re.MULTILINE
)
_TITLE_TYPE = {fold(w): t for w, t in T.TITLE_WORDS}


_ORG = re.compile(
    r"^[ \t]*(?P<org>(?:" + "|".join(re.escape(h) for h in sorted(I.ORG_HEADS, key=len, reverse=True))
    + rf")\s+[{UP}][{UP}, \-–&]*[{UP}])[ \t]*$",
    re.MULTILINE,
)
_RULE_LINE = re.compile(r"[ \t]*[-–_=]{3,}[ \t]*$", re.MULTILINE)  # the rule under a header block
_ORG_MAX_LINES = 4
_CAPS_LINE = re.compile(rf"[ \t]*([{UP}][{UP}, \-–&]*[{UP}])[ \t]*$", re.MULTILINE)
# A news dateline near the top: "02:21 28/05/2021", "Thứ bảy, 13/05/2023 14:44".
_DATELINE = re.compile(P.DATELINE, re.IGNORECASE)
_TITLE_STOP = re.compile(P.TITLE_STOP, re.IGNORECASE)
_HEADER_STOP = re.compile(P.HEADER_STOP)
_DATED = re.compile(P.DATED)
_PLACE_DATE = re.compile(P.PLACE_DATE)
_SUBJECT_PREFIX = re.compile(P.SUBJECT_PREFIX, re.IGNORECASE)
_PASSED_ON = re.compile(P.PASSED_ON, re.IGNORECASE)
_SELF_ATTACHMENT = re.compile(
    P.SELF_ATTACHMENT.format(types="|".join(re.escape(t) for t in T.CITED_TYPES)) + NUMBER,
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE_LEAD = re.compile(P.SIGNATURE_LEADS)
_BODY_ISSUE_VERB = re.compile(P.BODY_ISSUE_VERBS, re.IGNORECASE)
# A type name right before "Số": "NGHỊ QUYẾT SỐ 14/2015/NQ-HĐND" in a title cites another text.
# A line that cites ("Căn cứ …", "… các Nghị định của Chính phủ: Số …"): its "Số" is not the header's.
_CITING_LINE = re.compile(P.CITING_LINE + "|" + "|".join(re.escape(fold(t)) for t in T.CITED_TYPES))
_TYPE_BEFORE_SO = re.compile(r"(?:" + "|".join(re.escape(fast) for fast in {fold(t) for t in T.CITED_TYPES})
                             + r")\s*$")


_LOCAL_ISSUERS = ("UBND", "HĐND", "Sở ", "Thuế ", "Công an", "Văn phòng UBND", "Trung tâm")



def _title_line(view: str) -> re.Match[str] | None:
    """The first upper-case title line (QUYẾT ĐỊNH, NGHỊ QUYẾT, …) near the top."""
    folded = fast_fold(view[:4000])
    for m in _TITLE_LINE.finditer(folded):
        if view[m.start(1):m.end(1)].isupper():
            return m
    return None


def _header_end(view: str) -> int:
    """Where the header ends: the first title line (QUYẾT ĐỊNH …) or ``Căn cứ``/``Kính gửi``."""
    m = _title_line(view)
    stop = _HEADER_STOP.search(view[:6000])
    ends = [x for x in (m.start() if m else None, stop.start() if stop else None) if x is not None]
    return min(ends) if ends else min(len(view), 1500)


def _org_name(m: re.Match[str], head: str) -> str:
    """An organisation line, joined with the next caps line when the name runs on
    ("BỘ KHOA HỌC VÀ / CÔNG NGHỆ", "BỘ VĂN HÓA, THỂ / THAO VÀ DU LỊCH")."""
    name = org_case(m.group("org"))
    nxt = _CAPS_LINE.match(head, m.end() + 1)
    if nxt is None:
        return name
    joined = org_case(f"{m.group('org')} {nxt.group(1)}")
    known = any(match_form(joined) == match_form(v) for v in I.ISSUER_CODES.values())
    if known or m.group("org").rstrip().endswith(("VÀ", ",", "-")):
        return joined
    # "BAN CHỈ ĐẠO NHÀ / NƯỚC / VỀ DU LỊCH / -------": caps lines closed by the header's rule are
    # one name, unless a line starts a body of its own (a parent's "BỘ Y TẾ" over "CỤC …").
    lines = [m.group("org")]
    pos = m.end() + 1
    while (cap := _CAPS_LINE.match(head, pos)) and len(lines) < _ORG_MAX_LINES:
        if _ORG.match(head, cap.start()):
            return name
        lines.append(cap.group(1))
        pos = cap.end() + 1
    if _RULE_LINE.match(head, pos):
        return org_case(" ".join(lines))
    return name


def _issuer(header: str, before: int) -> tuple[str | None, str | None]:
    """The issuing body: the last body named above the number (the parent comes first)."""
    head = _MOTTO.sub(lambda m: " " * len(m.group(0)), header[:before])
    found: list[tuple[int, str, str | None]] = []
    taken: list[tuple[int, int]] = []
    locality: str | None = None  # "tỉnh Nghệ An" of a parent UBND line, for a Sở below it
    for m in LOCAL_RX.finditer(fast_fold(head)):
        issuer, prov = local_body(m, head)
        found.append((m.start(), issuer, prov))
        taken.append(m.span())
        locality = issuer.split(" ", 1)[1]
    for m in NATIONAL_RX.finditer(head):
        if not any(s <= m.start() < e for s, e in taken):
            found.append((m.start(), I.NATIONAL_BODIES[" ".join(m.group(1).split())], None))
            taken.append(m.span())
    for m in _ORG.finditer(head):
        if any(s <= m.start("org") < e for s, e in taken):
            continue
        name = _org_name(m, head)
        prov = find_province(name)
        if prov is None and locality and name.startswith("Sở "):
            name = f"{name} {locality}"
        found.append((m.start("org"), name, prov[0] if prov else None))
    if not found:
        return None, None
    found.sort()
    _, issuer, province = found[-1]
    if province is None:
        province = next((p for _, _, p in reversed(found) if p), None)
    return issuer, province


def _title_after(view: str, start: int) -> str | None:
    """The lines under the title word (or after ``V/v``) up to the authority line or the basis,
    as written; a place-and-date line inside (PDF layouts put it there) is skipped."""
    lines: list[str] = []
    for raw in view[start:start + 1200].split("\n"):
        line = raw.strip()
        if not line:
            if lines:
                break
            continue
        dated = _DATED.search(line)
        if dated:
            head = _drop_place(line[: dated.start()]) if lines or line.lower().startswith("v/v") else ""
            if head:
                lines.append(head)
            if lines:
                break
            continue
        if _TITLE_STOP.match(line) or line.startswith("Số"):
            break
        if set(line) <= set("-–—=. "):
            continue
        lines.append(line)
    title = " ".join(" ".join(lines).split()).strip(" :;")
    title = _SUBJECT_PREFIX.sub("", title)
    return title[:400] or None


def _drop_place(s: str) -> str:
    """"… chất thải rắn Quảng Bình" (the place of a same-line "Quảng Bình, ngày …") → without it."""
    low = match_form(s)
    for form, _ in PROVINCE_FORMS:
        if low.endswith(form):
            return s[: len(s) - len(form)].rstrip()
    return s


def _kind_from(type_name: str | None, number: str | None, letter: bool) -> str | None:
    if type_name:
        return T.TYPE_KIND.get(type_name, "other")
    if letter:
        return "official_letter"
    if number:
        t = type_of_number(number)
        return T.TYPE_KIND.get(t, "other") if t else "official_letter"
    return None


def _headline(text: str, dateline: int) -> str | None:
    """A news page's headline: the last line above its dateline (the first line without one),
    skipping the site's ticker rows of ``|``-separated links."""
    lines = [ln.strip() for ln in text[:dateline].split("\n") if ln.strip() and "|" not in ln]
    if dateline == len(text):
        lines = lines[:1]
    return lines[-1][:300] if lines else None


def _news_province(text: str) -> str | None:
    """The province a news page names most; a capital letter is required, since some names
    are also words ("hòa bình" is peace, "hải dương" an ocean)."""
    counts = Counter(
        PROVINCE_OF[m.group(1)] for m in PROVINCE_RX.finditer(match_form(text)) if text[m.start()].isupper()
    )
    return counts.most_common(1)[0][0] if counts else None


def apply(doc: Document) -> Document:
    text = doc.text
    view = plain(text)
    end = _header_end(view)
    header = view[:end]
    so = _own_number(view, end) or _own_number(view, 3000)
    number = canonical_number(so.group(0)[so.start("n") - so.start():]) if so else None
    title_m = _title_line(view)
    type_name = _TITLE_TYPE[title_m.group(1)] if title_m else None
    if number is None and (party := _PARTY_SO.search(header)):
        number = f"{party.group('pn')}-{party.group('pcode')}/{party.group('porg')}"  # "Số 221-KL/TW"
    if number is None:
        number = _ocr_number(header)
    if number is None and type_name and not _BLANK_NUMBER.search(header):
        number = _attached_number(view, type_name)
    letter = bool(_LETTER.search(header)) or _addressed(view)
    formal = bool(number or (title_m and title_m.start() < 2500) or letter)
    updates: dict[str, object] = {}

    dl = _dateline(text)
    if doc.published_at is None and dl and (dates := find_dates(dl.group(0))):
        updates["published_at"] = dates[0].value
    elif doc.published_at is None and not formal and (stamp := _SHORT_STAMP.search(text)):
        day, month, year = (int(stamp.group(k)) for k in ("d", "m", "y"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            updates["published_at"] = f"{2000 + year}-{month:02d}-{day:02d}"

    if _ENCYCLOPEDIA.search(text):
        return doc.model_copy(update=_encyclopedia(text, doc.title))

    if not formal or doc.kind == "news":
        updates.update(kind="news", number=None, issued_on=None, issuer=None)
        updates["province"] = doc.province or _news_province(text)
        if not doc.title:
            updates["title"] = _headline(text, dl.start() if dl else len(text))
        return doc.model_copy(update=updates)

    issuer, province = _issuer(view, so.start() if so and so.start() < end else end)
    if issuer is None:
        found = issuer_sources.fallback(view, title_m.end() if title_m else None, _bare_body(header))
        issuer, province = found if found else (None, province)
    # the date line may sit just under the title (PDF layouts); with neither number nor title
    # line, what follows the header's end is the body, whose dates are other documents'
    date_zone = view[so.end() if so else 0 : end + 200 if so or title_m else end]
    # a header-less text has no date line: a date in its title is another document's
    headed = so is not None or _PLACE_DATE.search(date_zone) is not None
    issued_on = _issued_on(date_zone, to_date(doc.published_at)) if headed else None
    if issued_on is None and so is None and type_name == "Nghị quyết":
        issued_on = _passed_on(view)
    if province is None and (issuer is None or issuer.startswith(_LOCAL_ISSUERS)):
        # "Quảng Bình, ngày …": the place names the province of a local body, not of a ministry
        place = _PLACE_DATE.search(date_zone)
        prov = find_province(place.group(1)) if place else None
        province = prov[0] if prov else None
    title = doc.title
    if title_m:
        title = _title_after(view, title_m.end()) or title
    elif letter and (v := _LETTER.search(header)):
        title = _title_after(view, v.start()) or title
    updates.update(
        number=number,
        issued_on=issued_on,
        issuer=issuer,
        province=province or doc.province,
        kind=_kind_from(type_name, number, letter) or doc.kind,
        title=title,
    )
    return doc.model_copy(update=updates)


_BLANK_DAY = re.compile(P.BLANK_DAY, re.IGNORECASE)
_BLANK_NUMBER = re.compile(P.BLANK_NUMBER)
_DISPLAY_DATE = re.compile(N.DISPLAY_DATE, re.IGNORECASE)
_SHORT_STAMP = re.compile(N.SHORT_YEAR_STAMP)
_BARE_BODY = re.compile(P.BARE_BODY, re.MULTILINE)
_ENCYCLOPEDIA = re.compile(N.ENCYCLOPEDIA_MARK, re.IGNORECASE)
_HEADING = re.compile(N.HEADING, re.MULTILINE)


def _encyclopedia(text: str, title: str | None) -> dict[str, object]:
    """An encyclopedia article: kind ``other``, no identity of its own; its title is the first
    heading and its province the one that heading names (an article on a province), else none."""
    head = _HEADING.search(text[:2000])
    name = head.group("h").strip(" *#") if head else (title or "").lstrip("# ").strip() or None
    prov = find_province(name) if name else None
    return {"kind": "other", "number": None, "issued_on": None, "issuer": None, "published_at": None,
            "title": name, "province": prov[0] if prov and prov[1] == 0 else None}


_LOOKALIKE = "".join(re.escape(c) for c in P.DIGIT_LOOKALIKES)
_OCR_NUMBER = re.compile(rf"{P.NUMBER_LEAD}(?P<raw>[\d{_LOOKALIKE}]{{1,6}})\s?(?P<rest>/\s?[^\s,;]{{2,30}})")
_DIGITS = str.maketrans(P.DIGIT_LOOKALIKES)
_CODE_FIX = str.maketrans(P.CODE_LOOKALIKES)
_NUMBER_ONLY = re.compile(rf"^{NUMBER}$")


def _ocr_number(header: str) -> str | None:
    """A ``Số:`` line whose number OCR misread (``Ở32/QĐÐ-TTg`` → ``932/QĐ-TTg``): look-alike
    letters in the digit slot become digits, a doubled letter of an unknown type code is undone;
    the result must be a well-formed number with a known type code."""
    m = _OCR_NUMBER.search(header)
    if m is None:
        return None
    rest = m.group("rest").translate(_CODE_FIX)
    if m.group("raw").isdigit() and rest == m.group("rest"):
        return None  # nothing misread: the number is malformed, not a guess to make
    code = rest.rsplit("/", 1)[-1]
    type_code = code.split("-")[0].upper()
    if type_code not in T.TYPE_CODES and (single := re.sub(r"(.)\1", r"\1", type_code)) in T.TYPE_CODES:
        rest = rest[: len(rest) - len(code)] + single + code[len(type_code):]
    candidate = m.group("raw").translate(_DIGITS) + rest.replace(" ", "")
    if not _NUMBER_ONLY.match(candidate) or type_of_number(candidate) is None:
        return None
    return canonical_number(candidate)


_ADDRESSEE = re.compile(P.ADDRESSEE, re.MULTILINE | re.IGNORECASE)
_RECIPIENTS = re.compile(P.RECIPIENTS, re.MULTILINE | re.IGNORECASE)


def _addressed(view: str) -> bool:
    """A letter that lost its header: its addressee line near the top, its recipients below."""
    top = _ADDRESSEE.search(view, 0, P.ADDRESSEE_WITHIN)
    return top is not None and _RECIPIENTS.search(view, top.end()) is not None


def _dateline(text: str) -> re.Match[str] | None:
    """The article's dateline near the top; a portal's display date ("Hôm nay: Thứ năm,
    04/12/2026") is today's date, not the article's, and is passed over."""
    for m in _DATELINE.finditer(text, 0, 1500):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not _DISPLAY_DATE.search(text[line_start:m.start()]):
            return m
    return None


def _own_number(view: str, within: int) -> re.Match[str] | None:
    """The header's ``Số: …`` in ``view[:within]``; a ``SỐ`` after a type word (``NGHỊ QUYẾT SỐ
    14/2015/NQ-HĐND`` in a title) names another document and is passed over."""
    for m in _SO.finditer(view, 0, within):
        if _TYPE_BEFORE_SO.search(fast_fold(view[max(0, m.start() - 25):m.start()])):
            continue
        line = fast_fold(view[view.rfind("\n", 0, m.start()) + 1:m.start()])
        if _CITING_LINE.search(line):
            continue  # "Căn cứ các Nghị định của Chính phủ: Số 71/2024/NĐ-CP …" cites
        return m
    return None


def _attached_number(view: str, type_name: str) -> str | None:
    """A header without its number line: the number the appendix gives the document (``Kèm
    theo Nghị quyết số 20/NQ-HĐND …``), when it names the document's own type, after the preamble."""
    body = _HEADER_STOP.search(view)
    for m in _SELF_ATTACHMENT.finditer(view, body.end() if body else 0):
        if match_form(" ".join(m.group("type").split())) == match_form(type_name):
            return canonical_number(m.group(0)[m.start("n") - m.start():])
    return None


def _issued_on(zone: str, ref: object) -> str | None:
    """The day of the place-and-date line; a line with its day left blank gives ``YYYY-MM`` (or
    nothing), never a date read further down in the title. Without such a line, the first day
    in the zone."""
    place = _PLACE_DATE.search(zone)
    line = zone[place.start():place.end() + 40] if place else zone  # the date may wrap a line
    issued = next((d for d in find_dates(line, ref) if d.precision == "day" and not d.partial), None)  # type: ignore[arg-type]
    return issued.value if issued else _blank_day(line)


def _passed_on(view: str) -> str | None:
    """A header-less resolution is dated by the session that passed it (``thông qua ngày …``)."""
    for m in _PASSED_ON.finditer(view):
        dates = find_dates(view[m.start():m.end() + 40])
        if dates and dates[0].precision == "day" and not dates[0].partial:
            return dates[0].value
    return None


def _bare_body(header: str) -> str | None:
    """``UBND``/``HĐND`` when the header names the body without its province line."""
    m = _BARE_BODY.search(fast_fold(header))
    return I.LOCAL_BODIES.get(header[m.start(1):m.end(1)].upper()) if m else None


def _blank_day(zone: str) -> str | None:
    """``ngày … tháng 12 năm 2025`` (day left blank for a handwritten date) → ``2025-12``."""
    m = _BLANK_DAY.search(zone)
    return f"{m.group(2)}-{int(m.group(1)):02d}" if m and 1 <= int(m.group(1)) <= 12 else None
