"""Lines of a document as ``ingest.structure`` reads them, and what a single line says.

A ``Line`` is one line of the text without its markdown decoration (``**``, ``|``, ``#``), with
a folded *probe* of its start that most patterns in ``ingest.patterns.structure`` match. The
helpers here look at one line (or a line and its neighbour): is it upper case, does it open a
numbered unit or a division, what is the previous non-blank line.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.textnorm import fold
from ingest.patterns import structure as P

_DECOR_LEAD = " \t*#|>_"
_DECOR_TRAIL = " \t\r*|_"
QUOTES = "“\"'«‘”"
SENTENCE_END = (".", ";", ":", "!", "?")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
# ``fold`` as one ``str.translate``: folding every line's start one character at a time was
# most of the run time on long documents. OCR's Icelandic ``Ð`` folds like ``Đ``.
_FOLD = {
    cp: fold(chr(cp))
    for cp in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
    if len(fold(chr(cp))) == 1 and fold(chr(cp)) != chr(cp)
}
_FOLD.update({ord("Ð"): "d", ord("ð"): "d"})


def fold_line(s: str) -> str:
    return s.translate(_FOLD).lower()


@dataclass(slots=True)
class Line:
    start: int  # offset of the line in the text
    end: int  # offset after its last character
    core: str  # the line without markdown decoration at either end
    core_start: int
    probe: str  # folded start of ``core`` without ``*``: what most patterns match
    bold: bool  # page dumps mark headings with ``**``

    @property
    def blank(self) -> bool:
        return not self.core


def read_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        core = raw.lstrip(_DECOR_LEAD)
        lead = len(raw) - len(core)
        core = core.rstrip(_DECOR_TRAIL)
        probe = fold_line(core.replace("*", "").replace("__", "")[: P.PROBE_CHARS])
        out.append(Line(pos, pos + len(raw), core, pos + lead, probe, "**" in raw[:lead]))
        pos += len(raw) + 1
    return out


def upper(s: str) -> bool:
    """Mostly upper-case letters: a heading, an issuer line, a title (not running text)."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def roman_value(s: str) -> int:
    total = 0
    values = [_ROMAN[c] for c in s.lower()]
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def clean_heading(s: str) -> str:
    return " ".join(s.replace("*", " ").replace("_", " ").split())


def probe2(lines: list[Line], j: int) -> str:
    """The probe of a short line runs on into the next: page dumps break "Căn\ncứ", "Điều\n3."."""
    line = lines[j]
    if len(line.core) >= P.SHORT_LINE_CHARS or j + 1 >= len(lines):
        return line.probe
    return line.probe.rstrip() + " " + lines[j + 1].probe


def prev_line(lines: list[Line], j: int) -> Line | None:
    k = j - 1
    while k >= 0 and lines[k].blank:
        k -= 1
    return lines[k] if k >= 0 else None


def division_kind(line: Line) -> str | None:
    """Kind of a division heading above the article (part, chapter, sub-chapter, roman)."""
    probe, core = line.probe, line.core
    if not core[:1].isupper():
        return None
    for kind, pattern in (("part", P.PART), ("chapter", P.CHAPTER)):
        m = pattern.match(probe)
        if m:
            rest = core.replace("*", "")[m.end():].strip()
            if not rest or rest[0] in ".:-–" or upper(rest):
                return kind
    if P.SUBCHAPTER.match(probe):
        return "subchapter"
    if P.ROMAN.match(core):
        return "roman"
    return None


def starts_unit(line: Line) -> bool:
    return bool(P.CLAUSE.match(line.core) or P.POINT.match(line.core) or P.ARTICLE.match(line.probe)
                or division_kind(line))
