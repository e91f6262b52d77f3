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
``ingest.patterns.structure``.

Labels are what a reader would cite: "Điều 2", "Khoản 1 Điều 2", "Điểm a Khoản 1 Điều 2",
"Chương II", "Mục 1 Chương II"; a plan's parts "Mục II", its items "Mục II.1", "Điểm a Mục
II.1"; inside an appendix the appendix label follows ("Khoản 2 Điều 5 Quy chế kèm theo",
"Mục I Phụ lục I"), and a plan quoted inside an article is followed by the article ("Mục II.3
Điều 1"). Part, sub-chapter and roman parts have the record kind ``chapter``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.record import Section
from core.textnorm import fold
from ingest.patterns import structure as P

_DECOR_LEAD = " \t*#|>_"
_DECOR_TRAIL = " \t\r*|_"
_QUOTES = "“\"'«‘”"
_SENTENCE_END = (".", ";", ":", "!", "?")
_TOP = {"header", "title", "basis", "preamble", "body", "recipients", "signature", "appendix"}
_RANK = {"part": 1, "chapter": 2, "subchapter": 3, "roman": 4, "article": 5, "clause": 6, "point": 7}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
# ``fold`` as one ``str.translate``: folding every line's start one character at a time was
# most of the run time on long documents. OCR's Icelandic ``Ð`` folds like ``Đ``.
_FOLD = {
    cp: fold(chr(cp))
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
    if len(fold(chr(cp))) == 1 and fold(chr(cp)) != chr(cp)
}
_FOLD.update({ord("Ð"): "d", ord("ð"): "d"})


def _fold(s: str) -> str:
    return s.translate(_FOLD).lower()


@dataclass(slots=True)
class _Line:
    start: int  # offset of the line in the text
    end: int  # offset after its last character
    core: str  # the line without markdown decoration at either end
    core_start: int
    probe: str  # folded start of ``core`` without ``*``: what most patterns match
    bold: bool  # page dumps mark headings with ``**``

    @property
    def blank(self) -> bool:
        return not self.core


@dataclass(slots=True)
class _Open:
    kind: str  # a SectionKind, or "part"/"subchapter"/"roman" (stored as "chapter")
    base: str  # label without the appendix suffix; children build theirs from it
    start: int
    heading: str | None
    rank: float
    parent: int | None
    suffix: str | None = None  # label of the enclosing appendix or article, after ``base``
    end: int = -1

    @property
    def label(self) -> str:
        return f"{self.base} {self.suffix}" if self.suffix else self.base


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        core = raw.lstrip(_DECOR_LEAD)
        lead = len(raw) - len(core)
        core = core.rstrip(_DECOR_TRAIL)
        probe = _fold(core.replace("*", "").replace("__", "")[: P.PROBE_CHARS])
        out.append(_Line(pos, pos + len(raw), core, pos + lead, probe, "**" in raw[:lead]))
        pos += len(raw) + 1
    return out


def _upper(s: str) -> bool:
    """Mostly upper-case letters: a heading, an issuer line, a title (not running text)."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _roman(s: str) -> int:
    total = 0
    values = [_ROMAN[c] for c in s.lower()]
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def _clean_heading(s: str) -> str:
    return " ".join(s.replace("*", " ").replace("_", " ").split())


def _in_sequence(num: int, last: int | None) -> bool:
    """Numbered units come in order; a gap of ``MAX_SKIP`` tolerates one line lost to OCR."""
    first = 1 if last is None else last + 1
    return first <= num <= first + P.MAX_SKIP


class _Builder:
    """Opens sections in text order; closing happens when an outer or equal heading arrives."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items: list[_Open] = []
        self.stack: list[int] = []
        self.appendix: int | None = None

    def top(self) -> _Open | None:
        return self.items[self.stack[0]] if self.stack else None

    def parent_for(self, rank: int) -> int | None:
        """Index of the section a unit of ``rank`` would nest in, without opening it."""
        for idx in reversed(self.stack):
            it = self.items[idx]
            if it.kind == "appendix" or (it.kind not in _TOP and it.rank < rank):
                return idx
        return None

    def open(
        self, kind: str, base: str, start: int, heading: str | None, rank: float = 0,
        suffix: str | None = None,
    ) -> int:
        if rank == 0:
            self._close_from(0, start)
            parent = None
            self.appendix = None
        else:
            parent = self.parent_for(rank)
            keep = self.stack.index(parent) + 1 if parent is not None else 0
            self._close_from(keep, start)
        if suffix is None and parent is not None:
            up = self.items[parent]
            suffix = up.base if up.kind == "appendix" else up.suffix
        self.items.append(_Open(kind, base, start, heading, rank, parent, suffix))
        self.stack.append(len(self.items) - 1)
        if kind == "appendix":
            self.appendix = len(self.items) - 1
        return len(self.items) - 1

    def open_child(self, kind: str, base: str, start: int, heading: str | None) -> None:
        """A block sharing lines with the open one (a signature printed beside "Nơi nhận")."""
        parent = self.stack[-1]
        self.items.append(_Open(kind, base, start, heading, 99, parent))
        self.stack.append(len(self.items) - 1)

    def _close_from(self, keep: int, end: int) -> None:
        for idx in self.stack[keep:]:
            self.items[idx].end = end
        del self.stack[keep:]

    def finish(self) -> list[Section]:
        self._close_from(0, len(self.text))
        if self.items:
            self.items[0].start = 0
        out = []
        for it in self.items:
            kind = "chapter" if it.kind in ("part", "subchapter", "roman") else it.kind
            out.append(Section(kind=kind, label=it.label, start=it.start, end=it.end,
                               heading=it.heading, parent=it.parent))
        return out


@dataclass
class _State:
    phase: str = "body"  # "basis" | "preamble" | "body" | "tail"
    formal: bool = False
    enact_at: int | None = None  # line index of "QUYẾT ĐỊNH:" when there is one
    last: dict[tuple[str, int | None], int] = field(default_factory=dict)  # numbering per parent
    interleaved: bool = False  # the recipients block carries the signature beside it
    paragraphs: int = 0
    divisions: bool = False  # the text has numbered units (else its loose text is paragraphs)
    skip: set[int] = field(default_factory=set)  # lines consumed as part of a heading


def split(text: str) -> list[Section]:
    """Sections of ``text`` (NFC, whitespace-collapsed, lines kept), in text order."""
    if not text.strip():
        return []
    lines = _lines(text)
    b = _Builder(text)
    st = _State()
    head, title = _locate(lines)
    if title is None:
        i = _open_header(lines, b)
        st.formal = st.divisions = _article_count(lines) >= 2  # an excerpt below its title
    else:
        for j in range(head):  # a page's own summary printed above the document
            if not lines[j].blank:
                _paragraph(lines, j, b, st, force=j == 0)
        st.formal = True
        if lines[title].start > lines[head].start:
            b.open("header", P.LABELS["header"], lines[head].start, None)
        b.open("title", P.LABELS["title"], lines[title].start, _clean_heading(lines[title].core))
        i = _title_end(lines, title)
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


def _header_like(line: _Line) -> bool:
    return (
        len(line.core) <= P.HEADER_LINE_MAX_CHARS
        or _upper(line.core)
        or bool(P.HEADER_STRONG.search(_fold(line.core)))
    )


def _find_title(lines: list[_Line], start: int = 0) -> int | None:
    """The document-type line, looked for only in the header zone from ``start``."""
    for j in range(start, min(len(lines), start + P.HEADER_MAX_LINES)):
        line = lines[j]
        if line.blank:
            continue
        core = line.core
        if P.TITLE.match(_probe2(lines, j)) and _upper(core) and not core.endswith(":") and len(core) <= 200:
            return j
        if not _header_like(line):
            return None
    return None


def _locate(lines: list[_Line]) -> tuple[int, int | None]:
    """First line of the document's header and its title line (None: not a formal document).

    A page dump may print its own summary above the document; then the header starts at the
    national motto further down, or at the issuer lines just above it.
    """
    title = _find_title(lines)
    if title is not None:
        return 0, title
    for q, line in enumerate(lines):
        if line.core and P.NATIONAL.search(_probe2(lines, q)):
            head = q
            while head > 0 and q - head < P.HEADER_ABOVE_MOTTO and (
                lines[head - 1].blank or len(lines[head - 1].core) <= P.HEADER_LINE_MAX_CHARS
            ):
                head -= 1
            while lines[head].blank:
                head += 1
            title = _find_title(lines, head)
            return (head, title) if title is not None else (0, None)
    return 0, None


def _open_header(lines: list[_Line], b: _Builder) -> int:
    """Header of a text without a type line (công văn): up to its last strong header line."""
    last = None
    for j, line in enumerate(lines[: P.HEADER_MAX_LINES]):
        if line.blank:
            continue
        if not _header_like(line):
            break
        if P.HEADER_STRONG.search(_fold(line.core)):
            last = j
    if last is None:
        return 0
    addressed = P.HEADER_STRONG.search(lines[last].probe) and lines[last].probe.startswith("kinh gui")
    j = last + 1
    while j < len(lines) and not lines[j].blank and (
        lines[j].core[:1].islower() or (addressed and lines[j].core[:1] in "-+")
    ):
        j += 1
    b.open("header", P.LABELS["header"], 0, None)
    return j


def _title_end(lines: list[_Line], title: int) -> int:
    """First line after the title block (type line, subject lines, issuing authority)."""
    bare = P.TITLE.match(lines[title].probe)
    subject = 0 if bare and bare.end() >= len(lines[title].probe.rstrip()) else P.TITLE_SUBJECT_LINES
    prev = lines[title]
    j = title + 1
    while j < len(lines):
        line = lines[j]
        if line.blank or set(line.core) <= set("-–_."):
            j += 1
            continue
        probe, core = line.probe, line.core
        if _starts_unit(line) or P.BASIS.match(probe) or P.ENACT.match(probe) or P.RECIPIENTS.match(probe):
            break
        if P.PREAMBLE_HEADING.match(probe):
            break
        wrapped = core[:1].islower() and not prev.core.endswith(_SENTENCE_END)
        if _upper(core) or P.TITLE_SUBJECT.match(probe) or wrapped:
            pass
        elif subject < P.TITLE_SUBJECT_LINES and not prev.core.endswith(_SENTENCE_END) and not (
            P.PREAMBLE_START.match(probe)
        ):
            subject += 1
        else:
            break
        prev = line
        j += 1
    return j


def _division(line: _Line) -> str | None:
    """Kind of a division heading above the article (part, chapter, sub-chapter, roman)."""
    probe, core = line.probe, line.core
    if not core[:1].isupper():
        return None
    for kind, pattern in (("part", P.PART), ("chapter", P.CHAPTER)):
        m = pattern.match(probe)
        if m:
            rest = core.replace("*", "")[m.end():].strip()
            if not rest or rest[0] in ".:-–" or _upper(rest):
                return kind
    if P.SUBCHAPTER.match(probe):
        return "subchapter"
    if P.ROMAN.match(core):
        return "roman"
    return None


def _has_divisions(lines: list[_Line], start: int) -> bool:
    """Whether the text has numbered units: decides preamble vs. plain paragraphs."""
    for line in lines[start:]:
        if not line.blank and (P.ARTICLE.match(line.probe) or _division(line) or P.CLAUSE.match(line.core)):
            return True
    return False


def _article_count(lines: list[_Line]) -> int:
    return sum(1 for line in lines if line.probe.startswith("dieu") and P.ARTICLE.match(line.probe))


def _probe2(lines: list[_Line], j: int) -> str:
    """The probe of a short line runs on into the next: page dumps break "Căn\ncứ", "Điều\n3."."""
    line = lines[j]
    if len(line.core) >= P.SHORT_LINE_CHARS or j + 1 >= len(lines):
        return line.probe
    return line.probe.rstrip() + " " + lines[j + 1].probe


def _heading(lines: list[_Line], j: int, st: _State, name_line: bool = False, joined: bool = False) -> str:
    """The heading line, joined with its wrapped continuation (and a chapter's name line)."""
    text = lines[j].core
    k = j + 1
    if joined:
        text += " " + lines[k].core
        k += 1
    while k < len(lines) and len(text) < P.HEADING_MAX_CHARS and not _starts_unit(lines[k]) and (
        lines[k].core[:1].islower() or (not name_line and len(text) < P.SHORT_HEADING_CHARS)
    ):
        text += " " + lines[k].core
        k += 1
    while name_line and k < len(lines) and lines[k].blank:
        k += 1
    if name_line and k < len(lines) and _upper(lines[k].core) and not _division(lines[k]) and (
        not P.ARTICLE.match(lines[k].probe)
    ):
        text += ". " + lines[k].core
        st.skip.add(k)
    return _clean_heading(text)[: P.HEADING_MAX_CHARS]


def _mention(prev: _Line | None) -> bool:
    """The line before ends mid-sentence on a word that leads into a reference ("… tại")."""
    return (
        prev is not None
        and not prev.core.endswith(_SENTENCE_END)
        and not _upper(prev.core)
        and not _division(prev)
        and bool(P.MENTION_LEAD.search(_fold(prev.core[-24:].rstrip("* "))))
    )


def _starts_unit(line: _Line) -> bool:
    return bool(P.CLAUSE.match(line.core) or P.POINT.match(line.core) or P.ARTICLE.match(line.probe)
                or _division(line))


def _prev(lines: list[_Line], j: int) -> _Line | None:
    k = j - 1
    while k >= 0 and lines[k].blank:
        k -= 1
    return lines[k] if k >= 0 else None


def _step(lines: list[_Line], j: int, b: _Builder, st: _State) -> None:
    """Decide whether line ``j`` opens a section; otherwise it continues the open one."""
    line = lines[j]
    probe, core = line.probe, line.core
    if core[0] in _QUOTES:
        return
    if st.formal and core[0].islower() and len(core) > P.SHORT_LOWER_CHARS and not P.POINT.match(core):
        return  # a wrapped line (most lines of a page dump) can only continue its section
    if _block(lines, j, b, st):
        return
    if st.formal and _unit(lines, j, b, st):
        return
    top = b.top()
    if st.phase in ("preamble", "basis"):
        if P.BASIS.match(_probe2(lines, j)) or P.ENACT.match(probe):
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


def _basis_over(lines: list[_Line], j: int, st: _State) -> bool:
    """Without an enacting line, the basis ends with the sentence before a non-"Căn cứ" line."""
    if st.enact_at is not None and j < st.enact_at:
        return False
    prev = _prev(lines, j)
    return prev is not None and prev.core.endswith((".", ":")) and not lines[j].core[:1].islower()


def _paragraph(lines: list[_Line], j: int, b: _Builder, st: _State, force: bool = False) -> None:
    """Body sections: one per paragraph; a long paragraph is cut where a sentence ends."""
    line = lines[j]
    top = b.top()
    after_blank = j > 0 and (lines[j - 1].blank or _starts_unit(line))  # a numbered item opens one too
    if top is not None and top.kind == "basis" and not force:
        return
    too_long = top is not None and line.start - top.start >= P.BODY_MAX_CHARS and (
        (_prev(lines, j) or line).core.endswith(_SENTENCE_END)
    )
    grown = top is not None and line.start - top.start >= P.BODY_MIN_CHARS
    if force or (after_blank and grown) or too_long:
        st.paragraphs += 1
        b.open("body", P.LABELS["body"].format(n=st.paragraphs), line.start, None)


def _block(lines: list[_Line], j: int, b: _Builder, st: _State) -> bool:
    """Recipients, signature and appendix blocks, in formal and plain texts alike."""
    line = lines[j]
    probe, core = line.probe, line.core
    top = b.top()
    if P.RECIPIENTS.match(_probe2(lines, j)):
        b.open("recipients", P.LABELS["recipients"], line.start, _clean_heading(core))
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
            heading += " " + _clean_heading(lines[j + 1].core)
        b.open("signature", P.LABELS["signature"], line.start, heading)
        st.phase = "tail"
        return True
    m = P.SIGNATURE_IN_LINE.search(core) if not st.interleaved else None
    if m and top is not None and top.kind == "recipients" and core[:1] in "-+":
        _sign_beside(line, m.start(), b, st)
        return True
    if m and st.formal and st.phase == "body" and not in_appendix and m.start() <= P.OCR_DEBRIS_CHARS:
        # "be KT. CHỦ TỊCH": OCR garbled the "Nơi nhận:" printed left of the signature
        b.open("recipients", P.LABELS["recipients"], line.start, _clean_heading(core))
        _sign_beside(line, m.start(), b, st)
        st.phase = "tail"
        return True
    return _appendix(lines, j, b, st)


def _sign_beside(line: _Line, at: int, b: _Builder, st: _State) -> None:
    b.open_child("signature", P.LABELS["signature"], line.core_start + at,
                 _clean_heading(line.core[at:]))
    st.interleaved = True


def _appendix(lines: list[_Line], j: int, b: _Builder, st: _State) -> bool:
    line = lines[j]
    probe, core = line.probe, line.core
    tail = st.phase == "tail"
    m = P.APPENDIX.match(_probe2(lines, j))
    if m and len(core) <= 200 and (_upper(core[:8]) or tail):
        num = m.group("num")
        label = P.LABELS["appendix_numbered"].format(num=num.upper() if num else "") if num else (
            P.LABELS["appendix"]
        )
    else:
        m = P.ATTACHED_TITLE.match(probe)
        if not m or not _upper(core) or P.ENACT.match(probe) or len(core) > 200:
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


def _unit(lines: list[_Line], j: int, b: _Builder, st: _State) -> bool:
    """Divisions, articles, clauses and points of a formal document."""
    line = lines[j]
    probe, core = line.probe, line.core
    if st.phase == "tail":
        return False
    box = b.appendix
    division = _division(line)
    rank: float = _RANK.get(division or "", 0)
    suffix = None
    if division == "roman":
        # A plan quoted inside "Điều 1" numbers its parts I, II …: they nest in the article.
        art = next((k for k in b.stack if b.items[k].kind == "article"), None)
        if art is not None:
            rank, suffix = _RANK["article"] + 0.5, b.items[art].label
        num = _roman(P.ROMAN.match(core).group("num"))
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
    m = alone or P.ARTICLE.match(_probe2(lines, j))  # "**Điều\n3. **Quyết định này …"
    if m and core[:1] in "DĐÐ":
        if not line.bold and _mention(_prev(lines, j)):
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
        heading = _clean_heading(core) if alone else _heading(lines, j, st, joined=split_line)
        b.open("article", P.LABELS["article"].format(num=num), line.start, heading, 5)
        st.phase = "body"
        return True
    return _item(lines, j, b, st)


def _item(lines: list[_Line], j: int, b: _Builder, st: _State) -> bool:
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
