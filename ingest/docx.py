"""DOCX files: paragraphs and tables in document order, after a zip-bomb check.

A decision's header is a two-column table (issuing body | national motto, number | place and
date); reading paragraphs alone would lose it, and reading tables after all paragraphs would
move it to the end. Tables are rendered by ``table_text``, shared with the HTML reader.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.document import Document as DocumentObject
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

from core.errors import CorruptFileError, NoTextError, TooLargeError
from core.settings import Settings
from ingest.base import Block, RawText

# A table whose rows hold at most this many cells, over at most this many rows, is page layout
# (the header, the signature block): its cells read best one after another, each on its own
# lines. Larger tables are data, and a row reads best as one line ``cell | cell``.
_LAYOUT_MAX_CELLS = 2
_LAYOUT_MAX_ROWS = 6
_MAIN_PART = "word/document.xml"


def _filled(rows: Sequence[Sequence[str]]) -> list[list[str]]:
    return [r for r in ([c.strip() for c in row if c.strip()] for row in rows) if r]


def is_layout(rows: Sequence[Sequence[str]]) -> bool:
    """A header or signature block set as a table (few rows of at most two filled cells)."""
    filled = _filled(rows)
    return len(filled) <= _LAYOUT_MAX_ROWS and all(len(row) <= _LAYOUT_MAX_CELLS for row in filled)


def table_text(rows: Sequence[Sequence[str]]) -> str:
    """Text of a table given its rows of cell texts (empty cells allowed)."""
    filled = _filled(rows)
    if is_layout(filled):
        return "\n".join(cell for row in filled for cell in row)
    return "\n".join(" | ".join(" ".join(c.split()) for c in row) for row in filled)


def check_zip(path: Path, settings: Settings) -> None:
    """Refuse a file that is not a DOCX package or declares more uncompressed bytes than
    allowed, before any member is inflated (``zipfile`` stops a member at its declared
    size, so the declaration bounds the real work)."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError) as err:
        raise CorruptFileError("not a valid DOCX file (not a ZIP package)") from err
    declared = sum(i.file_size for i in infos)
    limit = settings.max_decompressed_mb * 1024 * 1024
    if declared > limit:
        raise TooLargeError(
            f"DOCX expands to {declared / 1e6:.0f} MB > limit {settings.max_decompressed_mb:g} MB"
        )
    if _MAIN_PART not in {i.filename for i in infos}:
        raise CorruptFileError("not a valid DOCX file (no word/document.xml)")


def _row_cells(row: _Row) -> list[str]:
    """Cell texts of a row, a horizontally merged cell once (python-docx repeats it)."""
    seen: list[object] = []
    out: list[str] = []
    for cell in row.cells:
        if any(cell._tc is s for s in seen):
            continue
        seen.append(cell._tc)
        out.append(cell.text)
    return out


def _table(table: Table) -> str:
    return table_text([_row_cells(row) for row in table.rows])


def _body_texts(parent: BaseOxmlElement, document: DocumentObject) -> list[str]:
    """Paragraph and table texts in document order, including those wrapped in content
    controls (``w:sdt``, used by templates for the number and date fields), which
    python-docx's ``iter_inner_content`` skips."""
    out: list[str] = []
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            out.append(_table(Table(child, document)))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                out.extend(_body_texts(content, document))
    return out


def read(path: Path, settings: Settings) -> RawText:
    check_zip(path, settings)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise CorruptFileError(f"not a valid DOCX file ({err})") from err
    blocks = [Block(text) for text in _body_texts(document.element.body, document) if text.strip()]
    if not blocks:
        raise NoTextError("the DOCX document holds no text")
    title = (document.core_properties.title or "").strip() or None
    return RawText(blocks=blocks, title=title)
