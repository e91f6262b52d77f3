"""Every document a text issues, reports or cites: one ``DecisionRef`` per distinct document,
with its canonical number, type, date, issuer and the relation this text has to it.

Relations: ``self`` (the text's own number), ``reported`` (a news page about a decision just
signed), ``basis`` (the ``Căn cứ …`` preamble), ``replaces`` / ``amends`` (this text replaces
or amends it), else ``cites``. A verb only binds to this text when no other document is the
subject of the sentence ("Nghị định 128 sửa đổi Nghị định 81" is a citation of both).
Laws cited by name and date without a number are left out, as the worked examples do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.record import DecisionRef, Document
from core.textnorm import fold, match_form
from extract import news_subject
from extract.dates import find_dates, to_date
from extract.identity import fast_fold, find_province, near, plain
from extract.patterns import citations as C
from extract.patterns import news as N
from extract.patterns import relations as R
from lexicon import doctypes as T
from lexicon import issuers as I
from lexicon.doctypes import NUMBER, PARTY_NUMBER, canonical_number, issuer_of_number, type_of_number

_TYPES = C.TYPES
_TYPE_FORM = {match_form(t): t for t in T.CITED_TYPES}
# "Quyết định số 505/QĐ-TTg", "QUYẾT ĐỊNH SỐ 10/2016/QĐ-UBND", "Nghị quyết số 57-NQ/TW".
_PARTY = PARTY_NUMBER
_NUMBER_RX = re.compile(rf"(?<![\w/])(?:{NUMBER}|{_PARTY})(?![\w/])")
_TYPE_BEFORE = re.compile(C.TYPE_BEFORE, re.IGNORECASE)
_BARE_RX = re.compile(C.BARE_NUMBER, re.IGNORECASE)
# Quoted titles of documents without numbers: Đề án “Thí điểm …”.
_QUOTED = re.compile(rf"(?<!\w)(?P<type>{_TYPES})\s+[“\"](?P<subject>[^”\"\n]{{5,250}})[”\"]", re.IGNORECASE)
_VERB_REPORTED = re.compile(N.REPORTED_VERB, re.IGNORECASE)
_REPORTED_GAP = re.compile(N.REPORTED_GAP, re.IGNORECASE)
_CLAUSE_DATE = re.compile(N.CLAUSE_DATE)
_RECENT = re.compile(N.RECENT_MARKER, re.IGNORECASE)
_HISTORY = re.compile(N.HISTORY_MARKER, re.IGNORECASE)
_PASSIVE_REPORT = re.compile(N.PASSIVE_REPORT, re.IGNORECASE)
# Which kinds of report count, before and after the page's first one (see ``_reports``).
_REPORTS_COUNTED = {True: ("recent", "plain"), False: ("recent", "also")}
_RECENT_BARE = re.compile(N.RECENT_BARE, re.IGNORECASE)
_ALSO = re.compile(N.ALSO_MARKER, re.IGNORECASE)
_VERB_REPLACES = re.compile(R.REPLACE_VERBS, re.IGNORECASE)
_VERB_AMENDS = re.compile(R.AMEND_VERBS, re.IGNORECASE)
_BOUNDARY = re.compile(R.CLAUSE_BOUNDARY)
_CHAIN = re.compile(C.CHAIN, re.IGNORECASE)
_OPENER = re.compile(C.PREAMBLE_OPENER, re.MULTILINE)  # on the folded text
_BASIS_OPENERS = C.BASIS_OPENERS
_NOT_BASIS = re.compile(C.NOT_BASIS)
_PREAMBLE_MAX = 20000
_PREAMBLE_END = re.compile(C.PREAMBLE_END, re.MULTILINE)  # on the folded text, like _OPENER
_DATE_GAP = re.compile(C.DATE_GAP, re.IGNORECASE)
_OF = re.compile(C.OF, re.IGNORECASE)  # used with .match(text, pos): no ^
_ABOUT = re.compile(C.ABOUT, re.IGNORECASE)
_PERSON_TITLE = re.compile(C.PERSON_TITLES, re.IGNORECASE)
_LOCAL_PHRASE = re.compile(C.LOCAL_PHRASE, re.IGNORECASE)
_GENERIC_ORG = re.compile(rf"{C.ORG_HEADS}(?:\s+(?!{C.ORG_STOP}(?!\w))[\w&\-]+){{1,9}}")
_PLACE_AFTER = re.compile(C.PLACE_AFTER)
_NAMED_BODIES = sorted(
    {*I.ISSUER_CODES.values(), *I.NATIONAL_BODIES.values(), "Bộ Chính trị", "Ban Bí thư"},
    key=len,
    reverse=True,
)
_QUOTE_MARK = re.compile(r"[“\"]")
_ISSUE_VERB = re.compile(N.ISSUE_VERB, re.IGNORECASE)
_CHANGE_VERB = re.compile(R.CHANGE_VERB)
_CHANGED_NAMED = re.compile(R.CHANGED_NAMED)
_NAMED_FORMS = [(n, match_form(n)) for n in _NAMED_BODIES]
_ISSUED_BY = re.compile(N.ISSUED_BY, re.IGNORECASE)
_APPROVED_BY = re.compile(N.APPROVED_BY, re.IGNORECASE)
_SUBJECT_PURPOSE = re.compile(N.SUBJECT_PURPOSE)
_TENSE_MARKER = re.compile(N.TENSE_MARKER, re.IGNORECASE)
_PRIME_MINISTER = re.compile(C.PRIME_MINISTER, re.IGNORECASE)
_PRIORITY = {"self": 0, "reported": 1, "replaces": 2, "amends": 3, "basis": 4, "cites": 5}
_KIND_TYPE = {"decision": "Quyết định", "resolution": "Nghị quyết", "plan": "Kế hoạch",
              "official_letter": "Công văn", "report": "Báo cáo"}


@dataclass
class _Mention:
    start: int
    end: int  # end of number, date and issuer tail
    number: str | None
    type: str | None
    issued_on: str | None = None
    issuer: str | None = None
    subject: str | None = None
    relation: str = "cites"


def issuer_phrase(s: str, province: str | None = None) -> str | None:
    """The issuing body named at the start of ``s`` (``Thủ tướng Chính phủ``, ``UBND tỉnh``, ``Bộ Tài
    chính``), in record form; a bare ``UBND tỉnh`` takes the text's own province."""
    read = _read_issuer(s, province)
    return read[0] if read else None


def _read_issuer(s: str, province: str | None) -> tuple[str, int] | None:
    """Issuer named at the start of ``s`` and how many characters of ``s`` name it."""
    title = None if _PRIME_MINISTER.match(s) else _PERSON_TITLE.match(s)
    skip = title.end() if title else 0
    low = match_form(re.sub(r"\s", " ", s[skip:skip + 80]))  # "Bộ Khoa học\nvà Công nghệ"
    if low.startswith("thủ tướng"):
        n = len("thủ tướng chính phủ") if low.startswith("thủ tướng chính phủ") else len("thủ tướng")
        return "Thủ tướng Chính phủ", skip + n
    for name, form in _NAMED_FORMS:
        if low.startswith(form) and not low[len(form):len(form) + 1].isalpha():
            place = _PLACE_AFTER.match(s, skip + len(form))
            prov = find_province(place.group("p")) if place else None
            if place and prov and prov[1] == 0:  # "Sở Y tế tỉnh Nghệ An", "Công an tỉnh Hà Tĩnh"
                level = " ".join((place.group("l") or "").split())
                return " ".join(f"{name} {level} {prov[0]}".split()), place.start("p") + len(prov[0])
            return name, skip + len(form)
    m = _LOCAL_PHRASE.match(s, skip)
    if not m:
        g = _GENERIC_ORG.match(s, skip)
        return (" ".join(g.group(0).split()), g.end()) if g else None
    body = "UBND" if match_form(m.group("body")).startswith(("ubnd", "ủy", "uỷ")) else "HĐND"
    if not m.group("level"):
        return body, m.end()
    level = " ".join(m.group("level").lower().split())
    gap = len(s[m.end():]) - len(s[m.end():].lstrip())
    prov = find_province(s[m.end() + gap:m.end() + gap + 40])
    if prov and prov[1] == 0:
        return f"{body} {level} {prov[0]}", m.end() + gap + len(prov[0])
    if level in ("tỉnh", "thành phố") and province:
        return f"{body} {level} {province}", m.end()
    return f"{body} {level}", m.end()


def _tail(text: str, m: _Mention, province: str | None, ref: object) -> None:
    """Date, issuer and subject written right after a number: ``, ngày … của … về việc …``."""
    pos = m.end
    window = text[pos:pos + 60]
    for d in find_dates(window, ref):  # type: ignore[arg-type]
        if _DATE_GAP.match(window[: d.start]) and d.precision in ("day", "month") and not d.partial:
            m.issued_on, pos = d.value, pos + d.end
        break
    of = _OF.match(text, pos)
    if of and (who := _read_issuer(text[of.end():of.end() + 90], province)):
        m.issuer, pos = who[0], of.end() + who[1]
    about = _ABOUT.match(text[pos:pos + 300])
    if about:
        m.subject = " ".join(about.group("s").split())
    m.end = max(m.end, pos)


def _issuer_from_code(number: str, local: dict[str, str]) -> str | None:
    """Issuer named by a number's code: a national body (TTg, BTC), a party committee (NQ/TU), or
    the text's own province's UBND/HĐND (an unqualified "145/KH-UBND" in a Nghệ An text)."""
    if "/" not in number:
        return None
    if re.match(r"\d+-", number):
        return I.PARTY_ISSUERS.get(number.rsplit("/", 1)[1])
    last = number.rsplit("/", 1)[1].split("-")[-1]
    return issuer_of_number(number) or local.get(last)


def _mentions(text: str, province: str | None, ref: object, level: str = "tỉnh") -> list[_Mention]:
    found: list[_Mention] = []
    local = {body: f"{body} {level} {province}" for body in ("UBND", "HĐND")} if province else {}
    for rx in (_NUMBER_RX, _BARE_RX):
        for x in rx.finditer(text):
            before = _TYPE_BEFORE.search(text[max(0, x.start() - 30):x.start()])
            t = _TYPE_FORM.get(match_form(" ".join(before.group("type").split()))) if before else None
            if rx is _BARE_RX:
                if t is None:
                    continue
                number = x.group("bare")
            elif x.group("pn"):
                number = f"{x.group('pn')}-{x.group('pcode')}/{x.group('porg')}"
            else:
                number = canonical_number(x.group(0))
            if t == "Văn bản":
                t = type_of_number(number) or "Công văn"
            t = t or type_of_number(number)
            if t is None:
                continue  # a NUMBER/CODE with no type (an official letter's number) is left to the header
            start = x.start() - (len(before.group(0)) if before else 0)
            if any(f.start <= x.start() < f.end for f in found):
                continue
            m = _Mention(start, x.end(), number, t)
            m.issuer = _issuer_from_code(number, local)
            _tail(text, m, province, ref)
            found.append(m)
    numbered = [f for f in found if f.number]
    for x in near(_QUOTE_MARK, _QUOTED, text, 30, 260):
        t = _TYPE_FORM.get(match_form(x.group("type")))
        # "Quyết định số 749/QĐ-TTg … phê duyệt “Chương trình …”": that decision's subject
        if any(0 <= x.start() - f.end <= 80 and not _BOUNDARY.search(text, f.end, x.start())
               for f in numbered):
            continue
        m = _Mention(x.start(), x.end(), None, t, subject=" ".join(x.group("subject").split()))
        ap = _APPROVED_BY.match(text, x.end())
        if ap:
            m.issuer = issuer_phrase(ap.group("who"), province)
            dates = find_dates(ap.group("when"), ref)  # type: ignore[arg-type]
            m.issued_on = dates[0].value if dates and not dates[0].partial else None
        found.append(m)
    for x in near(_ISSUE_VERB, _ISSUED_BY, text, 100, 270):
        window = text[max(0, x.start() - 30):x.start()]
        before = find_dates(window, ref)  # type: ignore[arg-type]
        t = _TYPE_FORM.get(match_form(x.group("type")))
        # "ngày 29/10/2020, UBND tỉnh … đã ban hành kế hoạch …": the date opens the clause
        if not before or window[before[-1].end:].strip(" ,") or t is None:
            continue
        if any(f.start <= x.start("type") < f.end for f in found):
            continue
        subject = _SUBJECT_PURPOSE.split(x.group("subject"))[0].strip(" ,")
        found.append(_Mention(x.start("type"), x.end(), None, t, issued_on=before[-1].value,
                              issuer=issuer_phrase(x.group("who"), province), subject=subject))
    for x in near(_CHANGE_VERB, _CHANGED_NAMED, text, 0, 260):
        if not any(f.start <= x.start("type") < f.end for f in found):
            subject = " ".join(x.group("subject").split()).strip(" ,")
            found.append(_Mention(x.start("type"), x.end(), None, x.group("type"), subject=subject))
    return sorted(found, key=lambda f: f.start)


def _is_basis(folded: str, start: int, preamble_end: int) -> bool:
    """In the preamble, under a "Căn cứ / Thực hiện / Triển khai" clause that is not a proposal."""
    if start >= preamble_end:
        return False
    openers = list(_OPENER.finditer(folded, max(0, start - 1500), start))
    if not openers:
        return False
    last = openers[-1]
    word = " ".join(last.group("w").split())
    return word in _BASIS_OPENERS and not _NOT_BASIS.search(folded, last.end(), start)


def _relations(text: str, mentions: list[_Mention], doc: Document) -> None:
    folded = fast_fold(plain(text[:_PREAMBLE_MAX]))  # a basis is only ever in the preamble
    end = _PREAMBLE_END.search(folded)
    preamble_end = 0 if doc.kind == "news" else end.start() if end else min(len(folded), 3000)
    prev: _Mention | None = None
    first_report = True  # an unmarked "đã ban hành" reports only in the page's first issuing sentence
    for m in mentions:
        if doc.number and m.number == doc.number:
            m.relation = "self"
            prev = m
            continue
        gap_start = prev.end if prev else max(0, m.start - 200)
        gap = text[gap_start:m.start]
        cut = list(_BOUNDARY.finditer(gap))
        same_sentence = prev is not None and not cut
        tail = gap[cut[-1].end():] if cut else gap
        if _is_basis(folded, m.start, preamble_end):
            m.relation = "basis"
        elif same_sentence and prev and _CHAIN.match(gap) and prev.relation in ("replaces", "amends"):
            m.relation = prev.relation
        elif doc.kind == "news" and m.number and _reports(tail) in _REPORTS_COUNTED[first_report]:
            m.relation = "reported"
            m.issued_on = m.issued_on or _clause_date(tail)
            first_report = False
        elif doc.kind == "news" and m.number and _passive_report(text, m.end, tail):
            m.relation = "reported"  # "Quyết định số … vừa được … ký"
        elif not (same_sentence and prev is not None and prev.relation != "self"):
            verb = _last_verb(tail[-150:])
            if verb:
                m.relation = verb
        prev = m


def _reports(tail: str) -> str | None:
    """Whether the sentence up to a number issues it (an issuing verb right before its type word):
    ``recent`` with vừa/mới, ``also`` for a document issued alongside (``cũng ban hành``),
    ``plain`` without, None when it does not or recalls the past."""
    if _HISTORY.search(tail):
        return None
    if _RECENT_BARE.search(tail):
        return "recent"  # "vừa Thông báo 386/TB-BQL"
    verbs = list(_VERB_REPORTED.finditer(tail[-100:]))
    if not verbs:
        return None
    v = verbs[-1]
    marked = _TENSE_MARKER.match(v.group(0))
    bare = " ".join(v.group(0).lower().split())
    if (bare in N.NEEDS_MARKER and not marked) or not _REPORTED_GAP.match(tail[-100:][v.end():]):
        return None
    if _RECENT.match(v.group(0)):
        return "recent"
    return "also" if _ALSO.search(tail[-100:][: v.start()]) else "plain"


def _passive_report(text: str, end: int, tail: str) -> bool:
    """``Quyết định số … vừa được … ký``: the sentence after the number reports it, unless the
    sentence before it recalls the past."""
    return bool(_PASSIVE_REPORT.match(text, end)) and not _HISTORY.search(tail)


def _clause_date(tail: str) -> str | None:
    """"Ngày 30-9-2022, Ủy ban nhân dân tỉnh ban hành …": the date the clause opens with."""
    m = _CLAUSE_DATE.match(tail)
    dates = find_dates(f"ngày {m.group('d')}") if m else []
    return dates[0].value if dates and dates[0].precision == "day" and not dates[0].partial else None


def _last_verb(s: str) -> str | None:
    hits = [(x.end(), "replaces") for x in _VERB_REPLACES.finditer(s)]
    hits += [(x.end(), "amends") for x in _VERB_AMENDS.finditer(s)]
    return max(hits)[1] if hits else None


def _key(m: _Mention) -> str:
    if m.number and ("/" in m.number or "-" in m.number):
        return m.number
    subject = re.sub(r"[^a-z0-9]+", "", fold(m.subject or ""))[:60]
    return f"{m.type}|{m.number}|{subject if not m.number else m.issued_on}"


def _merge(mentions: list[_Mention]) -> list[DecisionRef]:
    """One entry per document: fields filled from every mention, the strongest relation kept."""
    by_key: dict[str, DecisionRef] = {}
    for m in mentions:
        key = _key(m)
        if key not in by_key and m.number and "/" not in m.number:
            # "Quyết định 749" names the same document as an earlier "749/QĐ-TTg".
            key = next((k for k in by_key if k.startswith(m.number + "/")), key)
        ref = DecisionRef(number=m.number, type=m.type, issued_on=m.issued_on, issuer=m.issuer,
                          subject=m.subject, relation=m.relation, span=(m.start, m.end))  # type: ignore[arg-type]
        old = by_key.get(key)
        if old is None:
            by_key[key] = ref
            continue
        fill = ("issued_on", "issuer", "subject", "type")
        update = {f: getattr(ref, f) for f in fill if getattr(old, f) is None}
        if _PRIORITY[ref.relation] < _PRIORITY[old.relation]:
            update.update(relation=ref.relation, span=ref.span)
        by_key[key] = old.model_copy(update=update)
    return list(by_key.values())


def find_decisions(doc: Document) -> list[DecisionRef]:
    """The decision references of ``doc`` (its identity fields, if filled, mark ``self``)."""
    text = doc.text
    ref = to_date(doc.published_at) or to_date(doc.issued_on)
    level = "thành phố" if doc.province in I.CITIES or " thành phố " in (doc.issuer or "") else "tỉnh"
    mentions = _mentions(text, doc.province, ref, level)
    _relations(text, mentions, doc)
    if doc.kind == "news" and not any(m.relation == "reported" for m in mentions):
        numbered = [m for m in mentions if m.number and m.relation == "cites"]
        i = news_subject.restating(text, doc.title, [m.start for m in numbered])
        if i is not None:
            numbered[i].relation = "reported"  # the sentence restating the headline names it
    refs = _merge(mentions)
    if doc.number and doc.kind != "news":
        own = DecisionRef(number=doc.number, type=_KIND_TYPE.get(doc.kind) or type_of_number(doc.number),
                          issued_on=doc.issued_on, issuer=doc.issuer, subject=doc.title, relation="self")
        for i, r in enumerate(refs):
            if r.number == doc.number:
                refs[i] = own.model_copy(update={"span": r.span})
                break
        else:
            refs.insert(0, own)
    return refs


def apply(doc: Document) -> Document:
    return doc.model_copy(update={"decisions": find_decisions(doc)})
