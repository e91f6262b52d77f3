"""Documents → passages sized for the embedding model, cut along the document's structure.

A search hit must be quotable and citable ("Điều 2 of 3120/QĐ-UBND"), so the unit of a chunk
is a structural unit: one ``Điều`` (article) or appendix per chunk, the header/title/basis
block as one chunk, paragraphs of non-formal text (news) packed together. A unit longer than
``max_chars`` (≈ 256 e5 tokens at 900 characters) is split along its clauses or lines, never
between a heading and the first line of its body; only a line too long by itself is cut hard,
with a small overlap so a phrase on the cut is still found.

``Chunk.text`` is always exactly ``doc.text[start:end]``, so highlights and spans map back to
the stored text. What is embedded and BM25-indexed (``Chunk.index_text``) adds the unit's
heading to continuation pieces so that "Điều 2 … (tiếp)" still knows what it is about.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from core.record import Document, Section
from core.settings import Settings

# Section kinds that form a chunk by themselves (possibly split when long).
_OWN_CHUNK = {"article", "appendix"}
# Section kinds that are units but may share a chunk with neighbouring small units.
_GROUPABLE = {"header", "title", "basis", "preamble", "body", "signature", "chapter"}
# Distribution lists ("Nơi nhận: - Như Điều 3; - Lưu: VT.") only add noise to retrieval.
_SKIP = {"recipients"}
_UNIT_KINDS = _OWN_CHUNK | _GROUPABLE | _SKIP

_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")
HARD_OVERLAP = 80  # characters repeated across a hard cut inside one over-long line
SHORT_LEAD = 200  # a heading line this short is never a piece alone: it is glued to the next line
_Span = tuple[int, int, str | None, str | None]  # start, end, section label, continued heading


@dataclass(frozen=True)
class Chunk:
    """One indexed passage plus the document fields search filters and displays on."""

    id: str
    doc_id: str
    n: int
    text: str
    start: int
    end: int
    section: str | None = None
    heading: str | None = None  # heading of the unit this piece continues, if not its first piece
    page: int | None = None
    fields: dict[str, str | int] = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def index_text(self) -> str:
        """Text given to the embedder and BM25: the piece plus the context it lost by splitting."""
        return f"{self.heading}\n{self.text}" if self.heading else self.text

    def metadata(self) -> dict[str, str | int]:
        """Flat, None-free metadata (what Chroma accepts)."""
        meta: dict[str, str | int] = {"doc_id": self.doc_id, "n": self.n, "start": self.start,
                                      "end": self.end}
        if self.section:
            meta["section"] = self.section
        if self.page is not None:
            meta["page"] = self.page
        meta.update(self.fields)
        return meta


def document_fields(doc: Document) -> dict[str, str | int]:
    """The document's filter and display fields, None values left out."""
    year_src = doc.issued_on or doc.published_at
    values: dict[str, str | int | None] = {
        "kind": doc.kind,
        "issuer": doc.issuer,
        "province": doc.province,
        "year": int(year_src[:4]) if year_src and year_src[:4].isdigit() else None,
        "number": doc.number,
        "title": doc.title,
        "source": doc.source,
        "issued_on": doc.issued_on,
    }
    return {k: v for k, v in values.items() if v is not None}


def chunks_digest(chunks: list[Chunk]) -> str:
    """Fingerprint of what would be indexed; unchanged digest means nothing to re-embed."""
    h = hashlib.sha256()
    for c in chunks:
        h.update(repr((c.start, c.end, c.section, c.heading, sorted(c.fields.items()))).encode())
        h.update(c.text.encode("utf-8"))
    return h.hexdigest()[:16]


# --- units -----------------------------------------------------------------------------------


@dataclass
class _Unit:
    start: int
    end: int
    label: str | None
    kind: str
    heading: str | None = None


def _leaf_units(doc: Document) -> list[_Unit]:
    """Innermost unit-kind sections (an appendix holding articles yields its articles)."""
    secs = [s for s in doc.sections if s.kind in _UNIT_KINDS and s.end > s.start]

    def contains_unit(s: Section) -> bool:
        return any(o is not s and s.start <= o.start and o.end <= s.end and o.kind in _UNIT_KINDS
                   and (o.end - o.start) < (s.end - s.start) for o in secs)

    leaves = sorted((s for s in secs if not contains_unit(s)), key=lambda s: (s.start, -s.end))
    units: list[_Unit] = []
    for s in leaves:
        start = max(s.start, units[-1].end if units else 0)
        if start < s.end:
            units.append(_Unit(start, s.end, s.label, s.kind, s.heading))
    return units


def _fill_gaps(doc: Document, units: list[_Unit]) -> list[_Unit]:
    """Text no unit covers (chapter headings, stray lines) becomes units of its own."""
    out: list[_Unit] = []
    pos = 0
    for u in [*units, _Unit(len(doc.text), len(doc.text), None, "end")]:
        if doc.text[pos : u.start].strip():
            sec = doc.section_at(pos + len(doc.text[pos : u.start]) - len(doc.text[pos : u.start].lstrip()))
            out.append(_Unit(pos, u.start, sec.label if sec else None, sec.kind if sec else "body"))
        if u.kind != "end":
            out.append(u)
        pos = max(pos, u.end)
    return out


def _paragraph_units(text: str) -> list[_Unit]:
    """Fallback without structure: blank-line paragraphs, or lines when there are none."""
    sep = re.compile(r"\n\s*\n") if "\n\n" in text else re.compile(r"\n")
    units, pos = [], 0
    for m in [*sep.finditer(text), None]:
        end = m.start() if m else len(text)
        if text[pos:end].strip():
            units.append(_Unit(pos, end, None, "body"))
        pos = m.end() if m else len(text)
    return units


# --- splitting and packing -------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pieces(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """Cut ``[start, end)`` into spans ≤ max_chars: at lines, then sentences, then words."""
    lines, pos = [], start
    for m in re.finditer(r"\n", text[start:end]):
        lines.append((pos, start + m.start()))
        pos = start + m.end()
    lines.append((pos, end))
    cur_start, cur_end = None, None
    for ls, le in lines:
        if cur_start is not None and le - cur_start <= max_chars:
            cur_end = le
            continue
        if cur_start == start and cur_end - cur_start <= SHORT_LEAD:
            # the unit's heading line stays with the line it introduces, cut hard if need be
            yield from _hard_split(text, cur_start, le, max_chars)
            cur_start = None
            continue
        if cur_start is not None:
            yield cur_start, cur_end
            cur_start = None
        if le - ls <= max_chars:
            cur_start, cur_end = ls, le
        else:
            yield from _hard_split(text, ls, le, max_chars)
    if cur_start is not None:
        yield cur_start, cur_end


def _hard_split(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """One over-long line: cut at the last sentence end (else space) that fits, with overlap."""
    pos = start
    while end - pos > max_chars:
        window = text[pos : pos + max_chars]
        cuts = [m.start() for m in _SENTENCE_END.finditer(window) if m.start() > max_chars // 2]
        cut = cuts[-1] if cuts else window.rfind(" ", max_chars // 2)
        cut = pos + (cut if cut > 0 else max_chars)
        yield pos, cut
        back = text.rfind(" ", cut - HARD_OVERLAP, cut)
        pos = back + 1 if back > pos else cut
    if pos < end:
        yield pos, end


def _heading_of(doc: Document, u: _Unit) -> str:
    if u.heading:
        return u.heading
    first = doc.text[u.start : u.end].split("\n", 1)[0].strip()
    return first[:200]


def chunk(doc: Document, max_chars: int | None = None) -> list[Chunk]:
    """The document's passages in text order; ids ``{doc_id}:{n}`` from 0."""
    if max_chars is None:
        max_chars = Settings().chunk_max_chars
    text = doc.text
    units = _fill_gaps(doc, _leaf_units(doc)) if doc.sections else _paragraph_units(text)
    spans: list[_Span] = []
    group: _Unit | None = None

    def flush() -> None:
        nonlocal group
        if group is not None:
            _emit(doc, group, max_chars, spans)
            group = None

    for u in units:
        if u.kind in _SKIP:
            flush()
            continue
        if u.kind in _GROUPABLE and group is not None and group.kind in _GROUPABLE \
                and u.end - group.start <= max_chars:
            group.end = u.end
            continue
        flush()
        group = _Unit(u.start, u.end, u.label, u.kind, u.heading)
    flush()

    fields = document_fields(doc)
    return [
        Chunk(
            id=f"{doc.id}:{n}",
            doc_id=doc.id,
            n=n,
            text=text[s:e],
            start=s,
            end=e,
            section=label,
            heading=heading,
            page=doc.page_at(s),
            fields=fields,
        )
        for n, (s, e, label, heading) in enumerate(spans)
    ]


def _emit(doc: Document, u: _Unit, max_chars: int, out: list[_Span]) -> None:
    start, end = _trim(doc.text, u.start, u.end)
    if start >= end:
        return
    if end - start <= max_chars:
        out.append((start, end, u.label, None))
        return
    heading = _heading_of(doc, u)
    for i, (s, e) in enumerate(_pieces(doc.text, start, end, max_chars)):
        s, e = _trim(doc.text, s, e)
        if s < e:
            out.append((s, e, u.label, None if i == 0 else heading))
