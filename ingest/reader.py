"""The ingest stage: one file in, one clean ``Document`` out.

The type comes from the file's content, never its name (a `.pdf` that is really HTML is read
as HTML; an executable named `.pdf` is refused). Size limits are checked before any parser
runs. Legacy Vietnamese encodings are repaired per block, before the blocks are joined, so the
page map stays exact.
"""

from __future__ import annotations

import os
import zipfile
from importlib import import_module
from pathlib import Path
from typing import Literal

from core.errors import CorruptFileError, EmptyFileError, NoTextError, TooLargeError, UnsupportedTypeError
from core.record import Document, document_id
from core.settings import Settings
from ingest.base import Block, RawText, assemble

FileType = Literal["pdf", "html", "docx", "txt"]
# Extensions a folder walk picks up (explicit files are sniffed whatever their name).
EXTENSIONS = {".pdf", ".html", ".htm", ".txt", ".docx"}
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p>")


def sniff(head: bytes, path: Path | None = None) -> FileType:
    """File type from the first bytes (a few KB are enough)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if path is not None and _is_docx(path):
            return "docx"
        raise UnsupportedTypeError("unsupported type: a ZIP archive that is not a DOCX document")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "txt"  # UTF-16 with BOM
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(m in probe[:2048] for m in _HTML_MARKERS) or probe.startswith(b"<?xml"):
        return "html"
    if b"\x00" in head or _binary_share(head) > 0.1:
        raise UnsupportedTypeError("unsupported type: binary content (expected PDF, HTML, DOCX or text)")
    return "txt"


def _binary_share(head: bytes) -> float:
    if not head:
        return 0.0
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl / len(head)


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def check_size(path: Path, settings: Settings) -> int:
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError("empty file (0 bytes)")
    if size > settings.max_file_mb * 1024 * 1024:
        raise TooLargeError(f"file too large: {size / 1e6:.1f} MB > limit {settings.max_file_mb:g} MB")
    return size


_BINARY_TYPES = {".pdf": "PDF", ".docx": "DOCX"}


def read_raw(path: Path, settings: Settings, declared: str | None = None) -> tuple[FileType, RawText]:
    """``declared``: the name the user gave the file (an upload's label), for its extension."""
    check_size(path, settings)
    with path.open("rb") as fh:
        head = fh.read(8192)
    ftype = sniff(head, path)
    suffix = Path(declared or path.name).suffix.lower()
    if ftype == "txt" and suffix in _BINARY_TYPES:
        # A .docx or .pdf whose bytes are plain text is a broken file, not a 17-character document.
        raise CorruptFileError(f"corrupt {_BINARY_TYPES[suffix]}: the file holds plain text, not a "
                               f"{_BINARY_TYPES[suffix]} document")
    # Each reader module is named for its type and loaded on first use (PDF/OCR and HTML
    # libraries are slow to import, and most runs need only one or two of them).
    reader = import_module(f"ingest.{ftype}")
    return ftype, reader.read(path, settings)


def to_document(raw: RawText, source: str, ftype: str) -> Document:
    """Legacy-encoding repair, assembly, structure; the id is the hash of the clean text."""
    from ingest import legacy, structure

    # One encoding detection over the whole document, so short blocks (a heading, a table cell)
    # are converted exactly when the document is; mixed documents fall back to per block.
    fixed = legacy.fix_blocks([b.text for b in raw.blocks])
    blocks = [Block(t, b.page) for t, b in zip(fixed, raw.blocks, strict=True)]
    text, pages = assemble(blocks)
    if not text.strip():
        raise NoTextError("no text found in the file")
    title = legacy.fix(raw.title) if raw.title else None
    return Document(
        id=document_id(text), source=source, title=title, published_at=raw.published_at,
        text=text, pages=pages, sections=structure.split(text),
        meta={**raw.meta, "format": ftype},
    )


def read(path: Path, settings: Settings, source: str | None = None) -> Document:
    """Read one file into a Document (no extraction, nothing stored)."""
    ftype, raw = read_raw(path, settings, declared=source)
    return to_document(raw, source or path.name, ftype)


def iter_paths(paths: list[Path], links: list[Path] | None = None) -> list[Path]:
    """Files named directly, plus supported files found under named folders, sorted. Symlinks
    met inside those folders are not followed (a link to /etc/shadow dropped in a folder must
    not become a searchable document); they are added to ``links`` for the caller to report."""
    out: list[Path] = []
    links = links if links is not None else []
    for p in paths:
        if not p.is_dir():
            out.append(p)
            continue
        for root, dirs, files in os.walk(p):  # os.walk does not descend into linked folders
            here = Path(root)
            links.extend(here / d for d in dirs if (here / d).is_symlink())
            for name in files:
                f = here / name
                if f.is_symlink():
                    if f.suffix.lower() in EXTENSIONS or not f.suffix:
                        links.append(f)
                elif f.suffix.lower() in EXTENSIONS:
                    out.append(f)
    links.sort()
    return sorted(out)
