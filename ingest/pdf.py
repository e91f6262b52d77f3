"""PDF → page blocks: text layer in reading order, with OCR for pages whose layer is missing
or garbage.

Why the steps are what they are:
- pypdfium2 opens the file first: it is fast, tells encrypted from corrupt, and counts pages, so
  ``max_pages`` is enforced before any text is extracted. It also *flattens* annotations: some
  signing tools stamp the document number and day into signature widgets (lamdong_2536: the
  text layer reads ``Số: /QĐ-UBND``; the number is in a widget), which no text extractor reads.
- pdfplumber reads the text with coordinates, which the layout steps (``ingest.pdf_layout``:
  two-column blocks, tables, running headers/footers, line repair) need.
- A page goes to OCR (``ingest.ocr``) when its text layer scores low and there is something to
  read; the scan replaces the layer only where it reads better.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfexceptions import PDFException, PSException
from pdfplumber.utils.exceptions import PdfminerException

from core.errors import CorruptFileError, EmptyFileError, EncryptedFileError, NoTextError, TooLargeError
from core.settings import Settings
from ingest import legacy, ocr, quality
from ingest.base import Block, RawText
from ingest.patterns.pdf import JUNK_TITLE, RULE
from ingest.pdf_layout import (
    Line,
    Page,
    carry_sentences_across_pages,
    covered_blanks,
    drop_running_lines,
    drop_signing_stamps,
    group_lines,
    join_lines,
    order_columns,
)

log = logging.getLogger(__name__)

_MIN_IMAGE_SHARE = 0.25  # a page with images covering less than this is not worth OCR
_MIN_LAYER_CHARS = 100  # ... unless its text layer has this many characters, all junk


def read(path: Path, settings: Settings) -> RawText:
    """Read a whole PDF (see ``read_pages``)."""
    return read_pages(path, settings)


def read_pages(path: Path, settings: Settings, pages: Sequence[int] | None = None) -> RawText:
    """Read a PDF, or only the given 1-based ``pages`` of it (tests, benchmarks), into blocks."""
    data = path.read_bytes()
    if not data:
        raise EmptyFileError("empty file (0 bytes)")
    doc = _open_pdfium(data)
    try:
        n_pages = len(doc)
        if n_pages > settings.max_pages:
            raise TooLargeError(f"PDF has too many pages: {n_pages} > limit {settings.max_pages}")
        if n_pages == 0:
            raise CorruptFileError("corrupt PDF: it has no pages")
        wanted = sorted({p for p in pages if 1 <= p <= n_pages}) if pages else list(range(1, n_pages + 1))
        title = _title(doc.get_metadata_dict().get("Title"))
        _check_annotations(doc, settings.max_annotations)
        data = _flatten_annotations(doc, data)
    finally:
        doc.close()
    parsed, reader = _extract(data, wanted)
    for page in parsed:
        _judge(page, settings.ocr_min_quality)
    drop_running_lines(parsed)
    for page in parsed:
        drop_signing_stamps(page)
        page.paragraphs = join_lines(page.lines)
    failed = _apply_ocr(data, parsed, settings)  # the flattened bytes: what the text came from
    carry_sentences_across_pages(parsed)
    blocks = [Block("\n".join(p.paragraphs), p.number) for p in parsed if p.paragraphs]
    if not blocks:
        raise NoTextError("no text found in the PDF, even with OCR")
    meta: dict[str, str | int | float | bool | None] = {
        "pages": n_pages,
        "ocr_pages": sum(1 for p in parsed if p.needs_ocr and p.number not in failed),
        "reader": reader,
    }
    if failed:
        meta["ocr_failed_pages"] = ",".join(str(n) for n in sorted(failed))
    return RawText(blocks=blocks, title=title, meta=meta)


def _judge(page: Page, threshold: float) -> None:
    """Score the text layer and decide whether the page is worth OCR.

    Worth it when the layer scores below ``threshold`` and there is something to read: a
    scanned image, or a sizeable layer that is junk (fonts without a Unicode map give
    ``(cid:12)`` runs, while the rendered glyphs read fine). A blank page or a lone page number
    is not sent to tesseract.
    """
    # Scored after legacy-encoding repair: a TCVN3/VNI layer is good text the reader repairs.
    text = legacy.fix("\n".join(li.text for li in page.lines))
    page.quality = quality.score(text, page.width * page.height)
    junk_layer = len(text) >= _MIN_LAYER_CHARS and quality.language_score(text) < threshold
    page.needs_ocr = page.quality < threshold and (page.image_share >= _MIN_IMAGE_SHARE or junk_layer)


# --- opening ------------------------------------------------------------------------------


def _open_pdfium(data: bytes) -> pdfium.PdfDocument:
    """Open with the empty password (pdfium's default); map every failure to one error kind."""
    tail = data.rstrip(b"\x00 \t\r\n")[-2048:]  # padding after the marker is harmless
    if b"%%EOF" not in tail:
        raise CorruptFileError("corrupt PDF: the file is truncated (no end-of-file marker)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if getattr(err, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFileError("encrypted PDF: it needs a password to open") from err
        if getattr(err, "err_code", None) == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFileError("encrypted PDF: unsupported security handler") from err
        raise CorruptFileError(f"corrupt PDF: {err}") from err


def _check_annotations(doc: pdfium.PdfDocument, limit: int) -> None:
    """Refuse a PDF with more annotations than any real document has, before flattening and
    pdfplumber turn each into objects: a 17.9 MB file with a million of them took 114 s and 8 GB.
    Counting reads each page's /Annots array once (0.2 GB and 0.5 s at three million)."""
    total = 0
    for i in range(len(doc)):
        page = doc[i]
        total += pdfium_c.FPDFPage_GetAnnotCount(page)
        page.close()
        if total > limit:
            raise TooLargeError(f"PDF has too many annotations: more than {limit}")


def _flatten_annotations(doc: pdfium.PdfDocument, data: bytes) -> bytes:
    """Bytes of the document with annotation appearances burnt into page content, if any."""
    flattened = False
    for i in range(len(doc)):
        page = doc[i]
        if pdfium_c.FPDFPage_GetAnnotCount(page) > 0:
            done = pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY)
            flattened |= done == pdfium_c.FLATTEN_SUCCESS
        page.close()
    if not flattened:
        return data
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _title(raw: str | None) -> str | None:
    """The metadata title when it names the document, not the issuer or the source file."""
    if not raw:
        return None
    title = " ".join(raw.split())
    if len(title.split()) < 4 or JUNK_TITLE.search(title) or quality.language_score(title) < 0.6:
        return None
    return title


# --- extraction ---------------------------------------------------------------------------


# What pdfminer/pdfplumber raise on a malformed page tree or content stream that pdfium, more
# forgiving, still reads.
_PARSER_ERRORS = (
    PdfminerException,
    PDFException,
    PSException,
    TypeError,
    ValueError,
    KeyError,
    AttributeError,
)


def _extract(data: bytes, wanted: list[int]) -> tuple[list[Page], str]:
    """Pages with their lines, and the name of the reader that produced them.

    pdfplumber first (it gives the layout); when its parser fails on a damaged file that
    pdfium opened, pdfium's own text is used, line by line, without layout.
    """
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            return [_page(pdf.pages[n - 1], n) for n in wanted], "pdfplumber"
    except _PARSER_ERRORS as err:
        if "password" in str(err).lower() or "encrypt" in str(err).lower():
            raise EncryptedFileError(f"encrypted PDF: {err}") from err
        log.warning("pdfplumber failed (%s: %s); reading the text with pdfium", type(err).__name__, err)
    return _extract_pdfium(data, wanted), "pypdfium2"


def _extract_pdfium(data: bytes, wanted: list[int]) -> list[Page]:
    doc = pdfium.PdfDocument(data)
    pages: list[Page] = []
    try:
        for n in wanted:
            page = doc[n - 1]
            width, height = page.get_size()
            text = page.get_textpage().get_text_range()
            rows = [r for r in (RULE.sub("", r).strip() for r in text.splitlines()) if r]
            # No coordinates: a line's length stands in for its right edge.
            lines = [Line(r, 0.0, float(len(r)), float(i), i + 1.0) for i, r in enumerate(rows)]
            images = 0.0
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
                left, bottom, right, top = obj.get_bounds()
                images += (right - left) * (top - bottom)
            pages.append(Page(n, lines, width, height, min(1.0, images / (width * height or 1.0))))
    finally:
        doc.close()
    return pages


def _page(page: pdfplumber.page.Page, number: int) -> Page:
    hidden = covered_blanks(page.chars)
    if hidden:
        page = page.filter(lambda obj: id(obj) not in hidden)
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    area = page.width * page.height
    images = sum((im["x1"] - im["x0"]) * (im["bottom"] - im["top"]) for im in page.images)
    rules = [(e["x0"], e["x1"], e["top"]) for e in page.horizontal_edges if e["x1"] - e["x0"] >= 50]
    lines = order_columns(group_lines(words), page.width, rules)
    return Page(number, lines, page.width, page.height, min(1.0, images / area) if area else 0.0)


# --- OCR ----------------------------------------------------------------------------------


def _apply_ocr(pdf: bytes, pages: list[Page], settings: Settings) -> dict[int, str]:
    """OCR the pages that need it; keep the text layer where OCR reads no better."""
    todo = [p for p in pages if p.needs_ocr]
    if not todo:
        return {}
    result = ocr.ocr_pages(pdf, [p.number for p in todo], settings)
    scanned = [
        Page(p.number, order_columns(group_lines(result.lines[p.number]), p.width), p.width, p.height, 1.0)
        for p in todo
        if p.number in result.lines
    ]
    drop_running_lines(scanned)
    by_number = {p.number: p for p in todo}
    for scan in scanned:
        page = by_number[scan.number]
        paragraphs = join_lines(scan.lines)
        if not page.paragraphs or quality.language_score("\n".join(paragraphs)) >= page.quality:
            page.paragraphs = paragraphs
        else:
            page.needs_ocr = False  # the text layer read better than the scan
    return result.failed
