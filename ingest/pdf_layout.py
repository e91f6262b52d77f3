"""Page layout of a PDF, from positioned words to paragraphs in reading order.

Works on what ``ingest.pdf`` extracts (pdfplumber's words and characters with coordinates, or
OCR's), never on the file. Why the steps are what they are:
- Vietnamese decisions open and close with two-column blocks (issuer | national motto,
  recipients | signature) that a plain extractor interleaves line by line
  (``- Như Điều 3; PHÓ CHỦ TỊCH``): they are read left column first. Tables are read row by row.
- Running headers/footers (Official Gazette ``CÔNG BÁO/Số …/Ngày …``, page numbers) are lines at
  the page edge, set apart by a gap, repeating on most pages up to their digits.
- Line breaks of the PDF are layout, not meaning: a line is joined to the next unless it ends a
  sentence, or the next starts an article/clause/point/dash item or is a heading in capitals.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.patterns.pdf import ENDS_ITEM, NEW_ITEM, PAGE_NUMBER, RULE, STAMP_LINE, STAMP_START

# Layout constants, in PDF points (1/72 inch).
_COLUMN_GAP = 10.0  # a horizontal gap this wide (and 3x the word spacing) separates two columns
_EDGE_GAP = 10.0  # a header/footer is set apart from the body by at least this much
_EDGE_BAND = 0.15  # ... and lies in the top or bottom 15 % of the page
_EDGE_LINES = 6  # lines looked at from each edge

Rule = tuple[float, float, float]  # a horizontal ruled line: x0, x1, y


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fixed: bool = False  # from a two-column block: never joined to its neighbours


@dataclass
class Page:
    number: int  # 1-based
    lines: list[Line]
    width: float
    height: float
    image_share: float
    needs_ocr: bool = False
    quality: float = 0.0
    paragraphs: list[str] = field(default_factory=list)


# --- words into lines ---------------------------------------------------------------------


def covered_blanks(chars: list[dict]) -> set[int]:
    """Ids of blank characters half covered by a glyph.

    They are placeholders typed under a stamped-in number ("Số:      /QĐ" with "2536" drawn
    over it); left in, they split the number into digits. Condensed text only touches its
    blanks' edges, so it is not affected. Glyphs are bucketed by line and sorted by x, so the
    check stays linear on ordinary pages.
    """
    rows: dict[int, list[tuple[float, float]]] = {}
    for c in chars:
        if c["text"].strip():
            rows.setdefault(round(c["top"] / 4), []).append((c["x0"], c["x1"]))
    starts = {k: sorted(v) for k, v in rows.items()}
    hidden: set[int] = set()
    for c in chars:
        if c["text"].strip():
            continue
        half = (c["x1"] - c["x0"]) / 2
        for key in (round(c["top"] / 4) - 1, round(c["top"] / 4), round(c["top"] / 4) + 1):
            row = starts.get(key, [])
            lo = bisect.bisect_left(row, (c["x0"] - 30.0, 0.0))
            hi = bisect.bisect_right(row, (c["x1"], float("inf")))
            if any(min(x1, c["x1"]) - max(x0, c["x0"]) >= half for x0, x1 in row[lo:hi]):
                hidden.add(id(c))
                break
    return hidden


def group_lines(words: list[dict]) -> list[list[dict]]:
    """Words into lines: a word joins a line it overlaps vertically by half its height or more.

    Overlap rather than a fixed tolerance, so a raised footnote number (smaller, higher) stays
    on its line instead of becoming a line of its own.
    """
    rows: list[list[dict]] = []
    box = (0.0, 0.0)
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        h = w["bottom"] - w["top"]
        overlap = min(box[1], w["bottom"]) - max(box[0], w["top"])
        if rows and overlap >= 0.5 * min(h, box[1] - box[0]):
            rows[-1].append(w)
            box = (min(box[0], w["top"]), max(box[1], w["bottom"]))
        else:
            rows.append([w])
            box = (w["top"], w["bottom"])
    return [_mark_superscripts(sorted(r, key=lambda w: w["x0"])) for r in rows]


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _mark_superscripts(row: list[dict]) -> list[dict]:
    """Raised small digits (footnote marks, m²) become superscript digits, so they cannot pass
    for clause numbers or amounts downstream."""
    base = max(w["bottom"] - w["top"] for w in row)
    bottom = max(w["bottom"] for w in row)
    out: list[dict] = []
    for w in row:
        h = w["bottom"] - w["top"]
        if w["text"].isdigit() and h <= 0.75 * base and w["bottom"] < bottom - 0.2 * h:
            w = {**w, "text": w["text"].translate(_SUPERSCRIPT)}
            if out and w["x0"] - out[-1]["x1"] < 1.5:
                out[-1] = {**out[-1], "text": out[-1]["text"] + w["text"], "x1": w["x1"]}
                continue
        out.append(w)
    return out


def _line(words: list[dict], fixed: bool = False) -> Line:
    return Line(
        RULE.sub("", " ".join(w["text"] for w in words)).strip(),
        min(w["x0"] for w in words),
        max(w["x1"] for w in words),
        min(w["top"] for w in words),
        max(w["bottom"] for w in words),
        fixed,
    )


def _wide_gaps(row: list[dict]) -> list[tuple[float, float]]:
    """Gaps of a line wide enough to separate columns or table cells.

    Wide in absolute terms and against the line's other gaps, so a justified line whose spaces
    are all stretched is not mistaken for two columns.
    """
    gaps = [(a["x1"], b["x0"]) for a, b in itertools.pairwise(row)]
    widths = [hi - lo for lo, hi in gaps]
    if len(widths) >= 3:
        usual = [sorted(widths)[len(widths) // 2]] * len(widths)  # the line's word spacing
    elif len(widths) == 2:
        usual = widths[::-1]  # each against the other
    else:
        usual = [0.0] * len(widths)  # a row of two OCR runs: nothing to compare with
    return [g for g, w, u in zip(gaps, widths, usual, strict=True) if w >= _COLUMN_GAP and w >= 3 * u]


def _gutter(row: list[dict], width: float) -> tuple[float, float] | None:
    """The widest column gap of a line, if one lies in the middle part of the page."""
    inside = [(lo, hi) for lo, hi in _wide_gaps(row) if lo < 0.65 * width and hi > 0.3 * width]
    return max(inside, key=lambda g: g[1] - g[0], default=None)


def _ruled(rows: list[list[dict]], gutter: tuple[float, float], rules: list[Rule]) -> bool:
    """Whether a ruled line crosses the gutter next to these rows: a two-column table."""
    top = min(w["top"] for w in rows[0]) - 3
    bottom = max(w["bottom"] for w in rows[-1]) + 3
    return any(x0 < gutter[0] and x1 > gutter[1] and top <= y <= bottom for x0, x1, y in rules)


def order_columns(rows: list[list[dict]], width: float, rules: list[Rule] | None = None) -> list[Line]:
    """Lines in reading order: a two-column block is read left column first, then right.

    A block starts at a line with a column gap and goes on while lines either share the gap or
    sit wholly on one side of it (the recipients list under ``Nơi nhận:``, the signer's name).
    Tables are read row by row instead (column by column would part each name from its post):
    a line with three or more cells is a table row, and so is a two-column block that a ruled
    line crosses (``rules``: the page's horizontal lines ``(x0, x1, y)``).
    """
    out: list[Line] = []
    i = 0
    while i < len(rows):
        gap = _gutter(rows[i], width)
        if gap is None or len(_wide_gaps(rows[i])) >= 2:
            out.append(_line(rows[i], fixed=gap is not None))
            i += 1
            continue
        start, (lo, hi) = i, gap
        left: list[Line] = []
        right: list[Line] = []
        while i < len(rows):
            row = rows[i]
            g = _gutter(row, width)
            if len(_wide_gaps(row)) >= 2:
                break  # a table row ends the block
            if g is not None and g[0] < hi and g[1] > lo:
                lo, hi = max(lo, g[0]), min(hi, g[1])
                mid = (lo + hi) / 2
                left.append(_line([w for w in row if w["x1"] <= mid], True))
                right.append(_line([w for w in row if w["x1"] > mid], True))
            else:
                x0, x1 = min(w["x0"] for w in row), max(w["x1"] for w in row)
                if x1 <= hi and (x0 < lo or (x0 + x1) / 2 < (lo + hi) / 2):
                    left.append(_line(row, True))  # stays clear of the right column
                elif x0 >= lo:
                    right.append(_line(row, True))
                else:
                    break
            i += 1
        if _ruled(rows[start:i], (lo, hi), rules or []):
            out.extend(_line(row, True) for row in rows[start:i])
        else:
            out.extend(left + right)
    return out


# --- page furniture -----------------------------------------------------------------------


def drop_signing_stamps(page: Page) -> None:
    """Remove e-signature stamp blocks: metadata of the signing, not text of the document."""
    keep: list[Line] = []
    in_stamp = False
    for line in page.lines:
        in_stamp = bool(STAMP_START.match(line.text)) or (in_stamp and bool(STAMP_LINE.match(line.text)))
        if not in_stamp:
            keep.append(line)
    page.lines = keep


def _edge_key(text: str) -> str:
    """Running-header identity: the line without its digits and spaces (page numbers change)."""
    return re.sub(r"[\d\s]+", "", text).lower()


def _edge_lines(page: Page) -> list[int]:
    """Indexes of lines in the top and bottom bands that a gap sets apart from the body.

    A few lines per edge are looked at, not only the first and last: a signing stamp burnt in
    by flattening may sit above the running header.
    """
    by_y = sorted(range(len(page.lines)), key=lambda k: page.lines[k].top)
    lines = page.lines
    out = []
    for pos, k in enumerate(by_y[:_EDGE_LINES]):
        below = by_y[pos + 1] if pos + 1 < len(by_y) else None
        in_band = lines[k].bottom <= _EDGE_BAND * page.height
        if in_band and (below is None or lines[below].top - lines[k].bottom >= _EDGE_GAP):
            out.append(k)
    for pos in range(max(len(by_y) - _EDGE_LINES, 0), len(by_y)):
        k, above = by_y[pos], by_y[pos - 1] if pos > 0 else None
        in_band = lines[k].top >= (1 - _EDGE_BAND) * page.height
        if in_band and (above is None or lines[k].top - lines[above].bottom >= _EDGE_GAP):
            out.append(k)
    return out


def drop_running_lines(pages: list[Page]) -> None:
    """Remove page numbers and headers/footers repeated (up to digits) on most pages."""
    edges = {p.number: _edge_lines(p) for p in pages}
    counts = Counter(_edge_key(p.lines[k].text) for p in pages for k in set(edges[p.number]))
    needed = max(2, (len(pages) + 1) // 2)
    for page in pages:
        drop = {
            k
            for k in edges[page.number]
            if PAGE_NUMBER.match(page.lines[k].text)
            or (counts[_edge_key(page.lines[k].text)] >= needed and _edge_key(page.lines[k].text))
        }
        page.lines = [li for k, li in enumerate(page.lines) if k not in drop]


# --- line repair --------------------------------------------------------------------------


def _is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def join_lines(lines: list[Line]) -> list[str]:
    """Paragraphs: each line is joined to the previous one unless a break is meant there.

    Geometry decides only what text cannot: a line that stops well short of the right margin
    ends its paragraph, a line indented past the left margin starts one, and two centred
    lines (a wrapped title) belong together.
    """
    body = [li for li in lines if not li.fixed and li.text.strip()]
    if body:
        left, right = _percentile([li.x0 for li in body], 0.1), _percentile([li.x1 for li in body], 0.9)
    else:
        left, right = 0.0, 1.0
    span = max(right - left, 1.0)
    paragraphs: list[str] = []
    prev: Line | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            prev = None
            continue
        if prev is None or not _continues(prev, line, left, right, span):
            paragraphs.append(text)
        else:
            paragraphs[-1] = _glue(paragraphs[-1], text)
        prev = line
    return paragraphs


def _glue(head: str, tail: str) -> str:
    if head.endswith("\u00ad"):
        return head[:-1] + tail  # soft hyphen: the word was split by the typesetter
    if head.endswith("-") and head[-2:-1].isalpha():
        return head + tail  # a compound broken at its hyphen: "kinh tế-" + "xã hội"
    return f"{head} {tail}"


def _continues(prev: Line, line: Line, left: float, right: float, span: float) -> bool:
    """Whether ``line`` carries on the sentence of ``prev``."""
    a, b = prev.text.strip(), line.text.strip()
    if prev.fixed or line.fixed or NEW_ITEM.match(b):
        return False
    if ENDS_ITEM.search(a) and not (a.endswith(";") and b[0].islower()):
        return False  # a ";" followed by a lower-case word is one enumeration going on
    if _is_caps_heading(a) or _is_caps_heading(b):
        return False
    if b[0].islower() or a.endswith(("-", "\u00ad", ",")):
        return True
    centred = [
        abs((li.x0 + li.x1) / 2 - (left + right) / 2) < 0.05 * span and li.x0 > left + 0.08 * span
        for li in (prev, line)
    ]
    if all(centred):
        return True
    if prev.x1 < right - 0.12 * span:
        return False  # a short line ends its paragraph
    return not line.x0 > left + 0.04 * span  # an indented line starts a new one


def carry_sentences_across_pages(pages: list[Page]) -> None:
    """Move the head of a sentence broken by a page break to the page where it started.

    The next page goes on with the sentence when it starts in lower case, or when the page
    before stopped on a comma (``bảo vệ Nhân dân,`` / ``Đảng, Nhà nước …``).
    """
    filled = [p for p in pages if p.paragraphs]
    for cur, nxt in itertools.pairwise(filled):
        tail, head = cur.paragraphs[-1], nxt.paragraphs[0]
        goes_on = head[:1].islower() or (tail.endswith(",") and not _is_caps_heading(head))
        goes_on = goes_on and not ENDS_ITEM.search(tail) and not NEW_ITEM.match(head)
        if nxt.number == cur.number + 1 and goes_on:
            cur.paragraphs[-1] = f"{tail} {nxt.paragraphs.pop(0)}"
