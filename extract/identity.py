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
from collections.abc import Iterator

from core.record import Document
from core.textnorm import fold, match_form
from extract.dates import find_dates, to_date
from lexicon import doctypes as T
from lexicon import issuers as I
from lexicon.doctypes import NUMBER, canonical_number, type_of_number

_MARKUP = re.compile(r"[*|#_\\]")
_UP = "A-ZÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"

# "Số: 1085/QĐ-UBND" and its OCR variants (Sô, So, S6, SỐ).
_SO = re.compile(rf"(?<!\w)S[ốỐôÔoO6ồộ]\s?[:.]?\s*{NUMBER}(?![\w/])")
_MOTTO = re.compile("|".join(I.MOTTO), re.IGNORECASE)
_LETTER = re.compile(T.LETTER_MARK, re.IGNORECASE)
# Title words are matched on the folded text so OCR variants (QUYÉT ĐỊNH, QUYET DINH) count too;
# the line must still be upper case in the original.
_TITLE_LINE = re.compile(
    r"^[ \t]*(" + "|".join(re.escape(fold(w)) for w, _ in T.TITLE_WORDS) + r")[ \t]*$", re.MULTILINE
)
_TITLE_TYPE = {fold(w): t for w, t in T.TITLE_WORDS}


def _spaced(words: str) -> str:
    """A multi-word name as a pattern that lets line breaks fall between its words."""
    return r"\s+".join(re.escape(w) for w in words.split())


# Local bodies are matched on the folded header, so OCR'd marks ("TÍNH LÂM ĐÒNG") still read.
_BODY_FOLD = {fold(k): v for k, v in I.LOCAL_BODIES.items()}
_LEVEL_FOLD = {fold(k): v for k, v in I.LEVELS.items()}
_LOCAL = re.compile(
    r"(?<!\w)(?P<body>" + "|".join(_spaced(k) for k in sorted(_BODY_FOLD, key=len, reverse=True)) + r")\s+"
    r"(?P<level>" + "|".join(_spaced(k) for k in sorted(_LEVEL_FOLD, key=len, reverse=True)) + r")\s+"
    r"(?P<name>[^\W\d_][^\n]*)"
)
_NATIONAL = re.compile(r"(?<!\w)(" + "|".join(_spaced(k) for k in I.NATIONAL_BODIES) + r")(?!\w)")
_ORG = re.compile(
    r"^[ \t]*(?P<org>(?:" + "|".join(re.escape(h) for h in sorted(I.ORG_HEADS, key=len, reverse=True))
    + rf")\s+[{_UP}][{_UP}, \-–&]*[{_UP}])[ \t]*$",
    re.MULTILINE,
)
_CAPS_LINE = re.compile(rf"[ \t]*([{_UP}][{_UP}, \-–&]*[{_UP}])[ \t]*$", re.MULTILINE)
_PROVINCE_FORMS = sorted(
    [(match_form(p), p) for p in I.PROVINCES] + [(match_form(a), p) for a, p in I.PROVINCE_ALIASES.items()],
    key=lambda x: -len(x[0]),
)
_PROVINCE_RX = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(f) for f, _ in _PROVINCE_FORMS) + r")(?!\w)"
)
_PROVINCE_OF = dict(_PROVINCE_FORMS)
_PROVINCE_OF_FOLD = {fold(f): p for f, p in _PROVINCE_FORMS}
_FOLDED = sorted(_PROVINCE_OF_FOLD, key=len, reverse=True)
_PROVINCE_FOLD_RX = re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in _FOLDED) + r")(?!\w)")
# A news dateline near the top: "02:21 28/05/2021", "Thứ bảy, 13/05/2023 14:44".
_DATELINE = re.compile(
    r"(?:\d{1,2}:\d{2}\s+\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}"
    r"|(?:Thứ\s+\w+|Chủ\s+nhật),\s*\d{1,2}/\d{1,2}/\d{4})",
    re.IGNORECASE,
)
_TITLE_STOP = re.compile(
    r"^\s*(?:Căn cứ|Kính gửi|Xét |Theo đề nghị|CHỦ TỊCH|ỦY BAN|UỶ BAN|HỘI ĐỒNG|BỘ TRƯỞNG|THỦ TƯỚNG|"
    r"Thực hiện|Điều 1|I\.|1\.)",
    re.IGNORECASE,
)


# ``core.textnorm.fold`` as one ``str.translate``: the same mapping, precomputed for the Latin
# range, so folding a 200-page text costs milliseconds. Length-preserving like ``fold``.
_FOLD_TABLE = {c: f for c in range(0x1F00) if len(f := fold(chr(c))) == 1 and f != chr(c)}


def fast_fold(s: str) -> str:
    """``fold(s)`` for NFC text (diacritics off, đ → d, lower case), fast."""
    return s.translate(_FOLD_TABLE)


_LOCAL_ISSUERS = ("UBND", "HĐND", "Sở ", "Thuế ", "Công an", "Văn phòng UBND", "Trung tâm")


def plain(text: str) -> str:
    """``text`` with markdown/table residue blanked; same length, so spans carry over."""
    return _MARKUP.sub(" ", text)


def near(anchor: re.Pattern[str], rx: re.Pattern[str], text: str, before: int, after: int
         ) -> Iterator[re.Match[str]]:
    """``rx.finditer`` limited to windows around ``anchor`` hits: the rare-word anchor (a verb,
    a quote mark) is found fast, the costly pattern only runs where it can match."""
    spans: list[list[int]] = []
    for a in anchor.finditer(text):
        lo, hi = max(0, a.start() - before), min(len(text), a.end() + after)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    for lo, hi in spans:
        yield from rx.finditer(text, lo, hi)


def find_province(s: str) -> tuple[str, int] | None:
    """The first province named in ``s`` (canonical name) and its offset; OCR-damaged marks
    ("Lâm Đông") are matched without diacritics when the exact form is not there."""
    m = _PROVINCE_RX.search(match_form(s))
    if m:
        return _PROVINCE_OF[m.group(1)], m.start()
    f = _PROVINCE_FOLD_RX.search(fold(s))
    return (_PROVINCE_OF_FOLD[f.group(1)], f.start()) if f else None


_KEEP_UPPER = set(I.LOCAL_BODIES.values())
_LEVEL_WORDS = {w for level in I.LEVELS.values() for w in level.split()}


def org_case(caps: str) -> str:
    """``SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH`` → ``Sở Văn hóa, Thể thao và Du lịch``.

    Vietnamese capitalises the first word of a body's name and of each part joined by ``và`` or
    a comma; level words stay lower case; provinces keep their own spelling.
    """
    words = " ".join(caps.replace("–", "-").split()).split(" ")
    head = next((h for h in I.ORG_HEADS if caps.upper().startswith(h + " ")), "")
    out: list[str] = [w.capitalize() if i == 0 else w.lower() for i, w in enumerate(head.split())]
    words = words[len(out):]
    cap_next = True
    for word in words:
        if word in _KEEP_UPPER:
            out.append(word)
            cap_next = False
            continue
        w = word.lower()
        if w in _LEVEL_WORDS and out:
            out.append(w)
            cap_next = False
            continue
        if w in ("và", "-"):
            out.append(w)
            cap_next = True
            continue
        out.append(w[:1].upper() + w[1:] if cap_next else w)
        cap_next = w.endswith(",") or (len(out) == 1 and not head)
    name = " ".join(out)
    for code_name in (*I.ISSUER_CODES.values(), *I.NATIONAL_BODIES.values()):
        if match_form(code_name) == match_form(name):
            return code_name
    return _recapitalise_places(name)


def _recapitalise_places(s: str) -> str:
    low = match_form(s)
    for m in list(_PROVINCE_RX.finditer(low))[::-1]:
        s = s[: m.start()] + _PROVINCE_OF[m.group(1)] + s[m.end():]
    return s


def _local_body(m: re.Match[str], head: str) -> tuple[str, str | None]:
    """Issuer and province of a ``ỦY BAN NHÂN DÂN / TỈNH X`` match on the folded ``head``."""
    body = _BODY_FOLD[" ".join(m.group("body").split())]
    level = _LEVEL_FOLD[" ".join(m.group("level").split())]
    raw = head[m.start("name"):m.end("name")]
    prov = find_province(raw)
    if prov is None:  # "THÀNH PHỐ HỒ / CHÍ MINH": a province name broken over two lines
        nxt = head[m.end():m.end() + 40].split("\n")
        prov = find_province(f"{raw} {nxt[1] if len(nxt) > 1 else ''}")
    at_start = bool(prov and prov[1] == 0)
    # A district or commune keeps its own name (title case), read up to the line end.
    name = prov[0] if prov and at_start else org_case(raw).title()
    province = name if level in ("tỉnh", "thành phố") and at_start else None
    return f"{body} {level} {name}", province


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
    stop = re.search(r"Căn cứ|Kính\s+gửi|Điều\s+1\b", view[:6000])
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
    return name


def _issuer(header: str, before: int) -> tuple[str | None, str | None]:
    """The issuing body: the last body named above the number (the parent comes first)."""
    head = _MOTTO.sub(lambda m: " " * len(m.group(0)), header[:before])
    found: list[tuple[int, str, str | None]] = []
    taken: list[tuple[int, int]] = []
    locality: str | None = None  # "tỉnh Nghệ An" of a parent UBND line, for a Sở below it
    for m in _LOCAL.finditer(fast_fold(head)):
        issuer, prov = _local_body(m, head)
        found.append((m.start(), issuer, prov))
        taken.append(m.span())
        locality = issuer.split(" ", 1)[1]
    for m in _NATIONAL.finditer(head):
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
        dated = re.search(r",\s*ngày\s", line)
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
    title = re.sub(r"^V/v\s*", "", title, flags=re.IGNORECASE)
    return title[:400] or None


def _drop_place(s: str) -> str:
    """"… chất thải rắn Quảng Bình" (the place of a same-line "Quảng Bình, ngày …") → without it."""
    low = match_form(s)
    for form, _ in _PROVINCE_FORMS:
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
        _PROVINCE_OF[m.group(1)] for m in _PROVINCE_RX.finditer(match_form(text)) if text[m.start()].isupper()
    )
    return counts.most_common(1)[0][0] if counts else None


def apply(doc: Document) -> Document:
    text = doc.text
    view = plain(text)
    end = _header_end(view)
    header = view[:end]
    so = _SO.search(header) or _SO.search(view[:3000])
    number = canonical_number(so.group(0)[so.start("n") - so.start():]) if so else None
    title_m = _title_line(view)
    type_name = _TITLE_TYPE[title_m.group(1)] if title_m else None
    letter = bool(_LETTER.search(header))
    formal = bool(number or (title_m and title_m.start() < 2500) or letter)
    updates: dict[str, object] = {}

    dl = _DATELINE.search(text[:1500])
    if doc.published_at is None and dl and (dates := find_dates(dl.group(0))):
        updates["published_at"] = dates[0].value

    if not formal or doc.kind == "news":
        updates.update(kind="news", number=None, issued_on=None, issuer=None)
        updates["province"] = doc.province or _news_province(text)
        if not doc.title:
            updates["title"] = _headline(text, dl.start() if dl else len(text))
        return doc.model_copy(update=updates)

    issuer, province = _issuer(view, so.start() if so and so.start() < end else end)
    date_zone = view[so.end() if so else 0 : end + 200]
    issued = next((d for d in find_dates(date_zone, to_date(doc.published_at)) if d.precision == "day"
                   and not d.partial), None)
    issued_on = issued.value if issued else _blank_day(date_zone)
    if province is None and (issuer is None or issuer.startswith(_LOCAL_ISSUERS)):
        # "Quảng Bình, ngày …": the place names the province of a local body, not of a ministry
        place = re.search(r"([^\n,]{2,30}),\s*ngày", date_zone)
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


_BLANK_DAY = re.compile(r"ngày\s*[.…_ ]*\s*tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.IGNORECASE)


def _blank_day(zone: str) -> str | None:
    """``ngày … tháng 12 năm 2025`` (day left blank for a handwritten date) → ``2025-12``."""
    m = _BLANK_DAY.search(zone)
    return f"{m.group(2)}-{int(m.group(1)):02d}" if m and 1 <= int(m.group(1)) <= 12 else None
