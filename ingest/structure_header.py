"""Where a document's header, title block and basis start, for ``ingest.structure``.

A formal document is recognised by its type line (``QUYẾT ĐỊNH``, ``KẾ HOẠCH`` …) in the header
zone at the top, or below the national motto when a page dump prints its own summary above the
document. A text without a type line (công văn) still gets its header, up to the last strong
header line.
"""

from __future__ import annotations

from ingest.patterns import structure as P
from ingest.structure_lines import SENTENCE_END, Line, fold_line, probe2, starts_unit, upper
from ingest.structure_tree import Builder


def _header_like(line: Line) -> bool:
    return (
        len(line.core) <= P.HEADER_LINE_MAX_CHARS
        or upper(line.core)
        or bool(P.HEADER_STRONG.search(fold_line(line.core)))
    )


def _find_title(lines: list[Line], start: int = 0) -> int | None:
    """The document-type line, looked for only in the header zone from ``start``."""
    for j in range(start, min(len(lines), start + P.HEADER_MAX_LINES)):
        line = lines[j]
        if line.blank:
            continue
        core = line.core
        if P.TITLE.match(probe2(lines, j)) and upper(core) and not core.endswith(":") and len(core) <= 200:
            return j
        if not _header_like(line):
            return None
    return None


def locate(lines: list[Line]) -> tuple[int, int | None]:
    """First line of the document's header and its title line (None: not a formal document).

    A page dump may print its own summary above the document; then the header starts at the
    national motto further down, or at the issuer lines just above it.
    """
    title = _find_title(lines)
    if title is not None:
        return 0, title
    for q, line in enumerate(lines):
        if line.core and P.NATIONAL.search(probe2(lines, q)):
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


def open_header(lines: list[Line], b: Builder) -> int:
    """Header of a text without a type line (công văn): up to its last strong header line."""
    last = None
    for j, line in enumerate(lines[: P.HEADER_MAX_LINES]):
        if line.blank:
            continue
        if not _header_like(line):
            break
        if P.HEADER_STRONG.search(fold_line(line.core)):
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


def title_end(lines: list[Line], title: int) -> int:
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
        if starts_unit(line) or P.BASIS.match(probe) or P.ENACT.match(probe) or P.RECIPIENTS.match(probe):
            break
        if P.PREAMBLE_HEADING.match(probe):
            break
        wrapped = core[:1].islower() and not prev.core.endswith(SENTENCE_END)
        if upper(core) or P.TITLE_SUBJECT.match(probe) or wrapped:
            pass
        elif subject < P.TITLE_SUBJECT_LINES and not prev.core.endswith(SENTENCE_END) and not (
            P.PREAMBLE_START.match(probe)
        ):
            subject += 1
        else:
            break
        prev = line
        j += 1
    return j
