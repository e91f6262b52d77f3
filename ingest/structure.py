"""Split the clean text of a document into the sections search cites ("Khoản 2 Điều 3").

One pass over the lines. A line either opens a section (a heading, or the first line of a
block such as "Nơi nhận:") or continues the section before it, so sections come out in text
order and a section runs from its heading to the next heading of the same or an outer rank.
Top-level sections (header, title, basis, preamble, body, recipients, signature, appendix,
and divisions not inside an appendix) tile the text without gaps; nested ones lie inside their
parent. Formal documents are recognised by their type line (``QUYẾT ĐỊNH``, ``KẾ HOẠCH`` …) near
the top; everything else is split into paragraphs (``body``), still with its header, recipients
and signature.

The real inputs are noisy: markdown residue from page dumps (``**Điều 1. **``), lines wrapped
mid-sentence, two-column blocks interleaved by text extraction, OCR slips. So numbered units
must follow in sequence, an article number must be followed by punctuation, and quoted lines
(an amended article quoted in full) never open a section. Patterns live in
``ingest.patterns.structure``; reading lines in ``ingest.structure_lines``, the section tree in
``ingest.structure_tree``, finding the header and title in ``ingest.structure_header``. The rules
for the body (blocks, divisions, articles, clauses, points, paragraphs) are here.

Labels are what a reader would cite: "Điều 2", "Khoản 1 Điều 2", "Điểm a Khoản 1 Điều 2",
"Chương II", "Mục 1 Chương II"; a plan's parts "Mục II", its items "Mục II.1", "Điểm a Mục
II.1"; inside an appendix the appendix label follows ("Khoản 2 Điều 5 Quy chế kèm theo",
"Mục I Phụ lục I"), and a plan quoted inside an article is followed by the article ("Mục II.3
Điều 1"). Part, sub-chapter and roman parts have the record kind ``chapter``.
"""

from __future__ import annotations

import re

from core.record import Section
from ingest.patterns import structure as P
from ingest.structure_header import locate, open_header, title_end
from ingest.structure_lines import (
    QUOTES,
    SENTENCE_END,
    Line,
    clean_heading,
    division_kind,
    fold_line,
    prev_line,
    probe2,
    read_lines,
    roman_value,
    starts_unit,
    upper,
)
from ingest.structure_tree import RANK, Builder, State


def split(text: str) -> list[Section]:
    """Sections of ``text`` (NFC, whitespace-collapsed, lines kept), in text order."""
    if not text.strip():
        return []
    lines = read_lines(text)
    b = Builder(text)
    st = State()
    head, title = locate(lines)
    if title is None:
        i = open_header(lines, b)
        st.formal = st.divisions = _article_count(lines) >= 2  # an excerpt below its title
    else:
        for j in range(head):  # a page's own summary printed above the document
            if not lines[j].blank:
                _paragraph(lines, j, b, st, force=j == 0)
        st.formal = True
        if lines[title].start > lines[head].start:
            b.open("header", P.LABELS["header"], lines[head].start, None)
        b.open("title", P.LABELS["title"], lines[title].start, clean_heading(lines[title].core))
        i = title_end(lines, title)
        st.phase = "preamble"
        st.enact_at = next((j for j in range(i, len(lines)) if P.ENACT.match(lines[j].probe)), None)
        st.divisions = _has_divisions(lines, i)
    for j in range(i, len(lines)):
        if j not in st.skip and not lines[j].blank:
            _step(lines, j, b, st)
    if not b.items:  # nothing but markdown residue ("**", "|")
        b.open("body", P.LABELS["body"].format(n=1), 0, None)
    return b.finish()


def label_at(sections: list[Section], offset: int) -> str | None:
    """Label of the innermost section holding ``offset``: what a search result cites."""
    best: Section | None = None
    for s in sections:
        if s.start <= offset < s.end and (best is None or s.end - s.start <= best.end - best.start):
            best = s
    return best.label if best else None


def _has_divisions(lines: list[Line], start: int) -> bool:
    """Whether the text has numbered units: decides preamble vs. plain paragraphs."""
    for line in lines[start:]:
        if not line.blank and (
            P.ARTICLE.match(line.probe) or division_kind(line) or P.CLAUSE.match(line.core)
        ):
            return True
    return False


def _article_count(lines: list[Line]) -> int:
    return sum(1 for line in lines if line.probe.startswith("dieu") and P.ARTICLE.match(line.probe))


def _in_sequence(num: int, last: int | None) -> bool:
    """Numbered units come in order; a gap of ``MAX_SKIP`` tolerates one line lost to OCR."""
    first = 1 if last is None else last + 1
    return first <= num <= first + P.MAX_SKIP


def _heading(lines: list[Line], j: int, st: State, name_line: bool = False, joined: bool = False) -> str:
    """The heading line, joined with its wrapped continuation (and a chapter's name line)."""
    text = lines[j].core
    k = j + 1
    if joined:
        text += " " + lines[k].core
        k += 1
    while k < len(lines) and len(text) < P.HEADING_MAX_CHARS and not starts_unit(lines[k]) and (
        lines[k].core[:1].islower() or (not name_line and len(text) < P.SHORT_HEADING_CHARS)
    ):
        text += " " + lines[k].core
        k += 1
    while name_line and k < len(lines) and lines[k].blank:
        k += 1
    if name_line and k < len(lines) and upper(lines[k].core) and not division_kind(lines[k]) and (
        not P.ARTICLE.match(lines[k].probe)
    ):
        text += ". " + lines[k].core
        st.skip.add(k)
    return clean_heading(text)[: P.HEADING_MAX_CHARS]


def _mention(prev: Line | None) -> bool:
    """The line before ends mid-sentence on a word that leads into a reference ("… tại")."""
    return (
        prev is not None
        and not prev.core.endswith(SENTENCE_END)
        and not upper(prev.core)
        and not division_kind(prev)
        and bool(P.MENTION_LEAD.search(fold_line(prev.core[-24:].rstrip("* "))))
    )


def _step(lines: list[Line], j: int, b: Builder, st: State) -> None:
    """Decide whether line ``j`` opens a section; otherwise it continues the open one."""
    line = lines[j]
    probe, core = line.probe, line.core
    if core[0] in QUOTES:
        return
    if st.formal and core[0].islower() and len(core) > P.SHORT_LOWER_CHARS and not P.POINT.match(core):
        return  # a wrapped line (most lines of a page dump) can only continue its section
    if _block(lines, j, b, st):
        return
    if st.formal and _unit(lines, j, b, st):
        return
    top = b.top()
    if st.phase in ("preamble", "basis"):
        if P.BASIS.match(probe2(lines, j)) or P.ENACT.match(probe):
            if top is None or top.kind != "basis":
                b.open("basis", P.LABELS["basis"], line.start, None)
            st.phase = "body" if P.ENACT.match(probe) else "basis"
        elif st.phase == "basis" and _basis_over(lines, j, st):
            st.phase = "body"
            _paragraph(lines, j, b, st, force=True)
        elif top is None or top.kind in ("header", "title"):
            if st.divisions:
                b.open("preamble", P.LABELS["preamble"], line.start, None)
            else:
                st.phase = "body"
                _paragraph(lines, j, b, st, force=True)
        return
    if top is None or top.kind in ("header", "title", "body", "basis", "preamble"):
        _paragraph(lines, j, b, st, force=top is None or top.kind in ("header", "title", "preamble"))


def _basis_over(lines: list[Line], j: int, st: State) -> bool:
    """Without an enacting line, the basis ends with the sentence before a non-"Căn cứ" line."""
    if st.enact_at is not None and j < st.enact_at:
        return False
    prev = prev_line(lines, j)
    return prev is not None and prev.core.endswith((".", ":")) and not lines[j].core[:1].islower()


def _paragraph(lines: list[Line], j: int, b: Builder, st: State, force: bool = False) -> None:
    """Body sections: one per paragraph; a long paragraph is cut where a sentence ends."""
    line = lines[j]
    top = b.top()
    after_blank = j > 0 and (lines[j - 1].blank or starts_unit(line))  # a numbered item opens one too
    if top is not None and top.kind == "basis" and not force:
        return
    too_long = top is not None and line.start - top.start >= P.BODY_MAX_CHARS and (
        (prev_line(lines, j) or line).core.endswith(SENTENCE_END)
    )
    grown = top is not None and line.start - top.start >= P.BODY_MIN_CHARS
    if force or (after_blank and grown) or too_long:
        st.paragraphs += 1
        b.open("body", P.LABELS["body"].format(n=st.paragraphs), line.start, None)


def _block(lines: list[Line], j: int, b: Builder, st: State) -> bool:
    """Recipients, signature and appendix blocks, in formal and plain texts alike."""
    line = lines[j]
    probe, core = line.probe, line.core
    top = b.top()
    if P.RECIPIENTS.match(probe2(lines, j)):
        b.open("recipients", P.LABELS["recipients"], line.start, clean_heading(core))
        st.phase, st.interleaved = "tail", False
        m = P.SIGNATURE_IN_LINE.search(core)
        if m:
            _sign_beside(line, m.start(), b, st)
        return True
    in_appendix = b.appendix is not None
    # "THỦ TƯỚNG CHÍNH PHỦ điện:" opens a công điện; a signature comes after the body only
    prefixed = bool(re.match(P.SIGNATURE_PREFIX, core))  # "KT. BỘ TRƯỞNG," may end in a comma
    signer = st.phase not in ("preamble", "basis") and bool(P.SIGNATURE.match(core)) and (
        len(core) <= P.SIGNATURE_MAX_CHARS and not core.endswith((";", ":") if prefixed else (",", ";", ":"))
    )
    if in_appendix and not prefixed:
        signer = False
    if signer or P.SIGNED.match(probe):
        if st.interleaved or (top is not None and top.kind == "signature"):
            return True
        heading = _heading(lines, j, st)
        if heading.endswith(",") and j + 1 < len(lines):
            heading += " " + clean_heading(lines[j + 1].core)
        b.open("signature", P.LABELS["signature"], line.start, heading)
        st.phase = "tail"
        return True
    m = P.SIGNATURE_IN_LINE.search(core) if not st.interleaved else None
    if m and top is not None and top.kind == "recipients" and core[:1] in "-+":
        _sign_beside(line, m.start(), b, st)
        return True
    if m and st.formal and st.phase == "body" and not in_appendix and m.start() <= P.OCR_DEBRIS_CHARS:
        # "be KT. CHỦ TỊCH": OCR garbled the "Nơi nhận:" printed left of the signature
        b.open("recipients", P.LABELS["recipients"], line.start, clean_heading(core))
        _sign_beside(line, m.start(), b, st)
        st.phase = "tail"
        return True
    return _appendix(lines, j, b, st)


def _sign_beside(line: Line, at: int, b: Builder, st: State) -> None:
    b.open_child("signature", P.LABELS["signature"], line.core_start + at,
                 clean_heading(line.core[at:]))
    st.interleaved = True


def _appendix(lines: list[Line], j: int, b: Builder, st: State) -> bool:
    line = lines[j]
    probe, core = line.probe, line.core
    tail = st.phase == "tail"
    m = P.APPENDIX.match(probe2(lines, j))
    if m and len(core) <= 200 and (upper(core[:8]) or tail):
        num = m.group("num")
        label = P.LABELS["appendix_numbered"].format(num=num.upper() if num else "") if num else (
            P.LABELS["appendix"]
        )
    else:
        m = P.ATTACHED_TITLE.match(probe)
        if not m or not upper(core) or P.ENACT.match(probe) or len(core) > 200:
            return False
        noted = any(
            P.ATTACHED_NOTE.match(lines[k].probe)
            for k in range(j + 1, min(len(lines), j + 1 + P.ATTACHED_NOTE_LINES))
        )
        if not (noted or (tail and P.TITLE.match(probe))):
            return False
        top = b.top()
        if top is not None and top.kind == "appendix" and b.items[-1] is top and (
            line.start - top.start < P.APPENDIX_TITLE_CHARS
        ):
            return False  # "PHỤ LỤC I" over "DANH MỤC …": the title of the same appendix
        words = len(m.group("type").split())
        label = P.LABELS["attached"].format(type=" ".join(core.split()[:words]).capitalize())
    b.open("appendix", label, line.start, _heading(lines, j, st))
    st.phase, st.interleaved = "body", False
    return True


def _unit(lines: list[Line], j: int, b: Builder, st: State) -> bool:
    """Divisions, articles, clauses and points of a formal document."""
    line = lines[j]
    probe, core = line.probe, line.core
    if st.phase == "tail":
        return False
    box = b.appendix
    division = division_kind(line)
    rank: float = RANK.get(division or "", 0)
    suffix = None
    if division == "roman":
        # A plan quoted inside "Điều 1" numbers its parts I, II …: they nest in the article.
        art = next((k for k in b.stack if b.items[k].kind == "article"), None)
        if art is not None:
            rank, suffix = RANK["article"] + 0.5, b.items[art].label
        num = roman_value(P.ROMAN.match(core).group("num"))
        key = ("roman", art if art is not None else box)
        if not _in_sequence(num, st.last.get(key)):
            division = None
        else:
            st.last[key] = num
    if division:
        m = {"part": P.PART, "chapter": P.CHAPTER, "subchapter": P.SUBCHAPTER}.get(division)
        raw = m.match(probe) if m else P.ROMAN.match(core)
        num = core.replace("*", "")[raw.start("num"): raw.end("num")].strip() if raw else ""
        num = num.upper() if division != "part" else num.lower()
        base = P.LABELS[division].format(num=num)
        parent = b.parent_for(rank)
        if division == "subchapter" and parent is not None and b.items[parent].kind == "chapter":
            base += " " + b.items[parent].base
        bare = raw is not None and not core.replace("*", "")[raw.end():].strip(" .:-–")
        heading = _heading(lines, j, st, name_line=bare and division != "roman")
        b.open(division, base, line.start, heading, rank, suffix)
        st.phase = "body"
        return True
    alone = P.ARTICLE_ALONE.match(probe)  # "Điều 1" over its text (the Constitution)
    m = alone or P.ARTICLE.match(probe2(lines, j))  # "**Điều\n3. **Quyết định này …"
    if m and core[:1] in "DĐÐ":
        if not line.bold and _mention(prev_line(lines, j)):
            return False
        num = m.group("num")
        value = int(re.match(r"\d+", num).group())
        last = st.last.get(("article", box))
        if last is not None and value < last and value != 1:
            return False
        st.last[("article", box)] = value
        split_line = len(line.probe) < m.end()
        if split_line:
            st.skip.add(j + 1)
        heading = clean_heading(core) if alone else _heading(lines, j, st, joined=split_line)
        b.open("article", P.LABELS["article"].format(num=num), line.start, heading, 5)
        st.phase = "body"
        return True
    return _item(lines, j, b, st)


def _item(lines: list[Line], j: int, b: Builder, st: State) -> bool:
    """Clauses ("1.") and points ("a)"), accepted only in sequence within their parent."""
    line = lines[j]
    core = line.core
    m = P.CLAUSE.match(core)
    if m:
        if st.phase == "basis" and core.endswith(";"):
            return False
        num = int(m.group("num"))
        parent = b.parent_for(6)
        if not _in_sequence(num, st.last.get(("clause", parent))):
            return False
        st.last[("clause", parent)] = num
        pit = b.items[parent] if parent is not None and b.items[parent].kind != "appendix" else None
        if pit is None:
            base = P.LABELS["roman"].format(num=num)
        elif pit.kind == "article":
            base = f"{P.LABELS['clause'].format(num=num)} {pit.base}"
        elif pit.kind == "roman":
            base = f"{pit.base}.{num}"
        else:
            base = f"{P.LABELS['roman'].format(num=num)} {pit.base}"
        b.open("clause", base, line.start, _heading(lines, j, st), 6)
        st.phase = "body"
        return True
    m = P.POINT.match(core)
    if not m or st.phase != "body":
        return False
    letter = m.group("num")
    if letter not in P.POINT_LETTERS:
        return False
    parent = b.parent_for(7)
    last = st.last.get(("point", parent))
    if not _in_sequence(P.POINT_LETTERS.index(letter) + 1, last):
        return False
    st.last[("point", parent)] = P.POINT_LETTERS.index(letter) + 1
    pit = b.items[parent] if parent is not None and b.items[parent].kind != "appendix" else None
    base = P.LABELS["point"].format(num=letter) + (f" {pit.base}" if pit is not None else "")
    b.open("point", base, line.start, _heading(lines, j, st), 7)
    return True
