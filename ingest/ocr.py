"""OCR of PDF pages with tesseract, several pages at once.

Why tesseract is called as a subprocess here rather than through ``pytesseract.image_to_string``:
tesseract's own OpenMP threading makes it *slower* on small machines (``bench/bench_pdf.py`` on
2 cores: 2.3 CPU-s/page with ``OMP_THREAD_LIMIT=1`` against 7.5 with the default threads, and
10 against 25 s/page wall on the shared, loaded machine), so each tesseract process
must get ``OMP_THREAD_LIMIT=1`` in its environment. pytesseract always passes the parent's
``os.environ``; setting the variable there would also cap the OpenMP threads of anything else
in this process (torch for embeddings). pytesseract is still used to locate the binary and to
list its languages.

Rendering uses pypdfium2, which is not thread-safe: pages are rendered one after another in
the calling thread and each rendered page is handed to a worker thread that waits on its own
tesseract process, so rendering of page n+1 overlaps OCR of page n.

Tesseract output is read as its TSV word table, so OCR pages carry word boxes and go through
the same layout steps as text pages (columns, running headers, line repair) in ``ingest.pdf``.
"""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
from PIL import Image

from core.errors import CorruptFileError, OcrUnavailableError
from core.settings import Settings
from ingest import ocr_digits, ocr_repair, quality

log = logging.getLogger(__name__)

_INSTALL_HINT = "install it with: apt-get install tesseract-ocr tesseract-ocr-vie"
# Below this language score a first OCR reading is suspected of a turned page (upright scans
# read 0.95+, a page read upside down scores under 0.3).
_UPRIGHT_SCORE = 0.5


@dataclass
class OcrResult:
    """Per 1-based page: the text lines tesseract found, and the pages it could not finish.

    A line is a dict with ``text`` and its box ``x0``, ``x1``, ``top``, ``bottom`` in PDF points,
    the same shape as a pdfplumber word, so OCR pages go through the same layout steps.
    """

    lines: dict[int, list[dict]] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)  # page → one-line reason

    def text(self, page: int) -> str:
        return "\n".join(line["text"] for line in self.lines.get(page, []))


@lru_cache(maxsize=8)
def _languages(cmd: str) -> frozenset[str]:
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError) as err:
        raise OcrUnavailableError(f"OCR needed but tesseract was not found ({cmd}); {_INSTALL_HINT}") from err


def check_available(lang: str) -> None:
    """Raise ``OcrUnavailableError`` unless tesseract and every language in ``lang`` exist.

    The language list is asked from tesseract once per binary and cached.
    """
    cmd = str(pytesseract.pytesseract.tesseract_cmd)
    have = _languages(cmd)
    missing = [code for code in lang.split("+") if code not in have]
    if missing:
        raise OcrUnavailableError(
            f"OCR needed but tesseract has no language data for {', '.join(missing)}; {_INSTALL_HINT}"
        )


def render_page(doc: pdfium.PdfDocument, index: int, dpi: int) -> Image.Image:
    """The red channel of one page (0-based), as a grey-scale image.

    Red, not grey: the red seal stamped over the signer's name turns mid-grey in a grey-scale
    rendering and hides the name from tesseract, while in the red channel the seal is nearly
    white and the black print stays black (measured on the lamdong scans: "Nguyễn Minh" and
    "Nguyễn Ngọc Phúc" are read only this way; the rest of the text is read the same).
    """
    return doc[index].render(scale=dpi / 72).to_pil().convert("RGB").getchannel("R")


def to_pgm(image: Image.Image) -> bytes:
    """PGM bytes for tesseract's stdin: no compression, so nothing to wait for."""
    buf = io.BytesIO()
    image.save(buf, format="PPM")
    return buf.getvalue()


def _run(args: list[str], image: bytes, timeout_s: float) -> str:
    cmd = [str(pytesseract.pytesseract.tesseract_cmd), "stdin", "stdout", *args]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.run(cmd, input=image, capture_output=True, env=env, timeout=timeout_s, check=False)
    if proc.returncode != 0:
        reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"tesseract exited with {proc.returncode}: {reason[-1] if reason else ''}")
    return proc.stdout.decode("utf-8", "replace")


def run_tesseract(image: bytes, lang: str, dpi: int, timeout_s: float) -> list[dict]:
    """Lines of one page image; ``subprocess.TimeoutExpired`` and ``RuntimeError`` on failure."""
    return parse_tsv(_run(["-l", lang, "--dpi", str(dpi), "tsv"], image, timeout_s), 72 / dpi)


def detect_rotation(image: bytes, dpi: int, timeout_s: float) -> int:
    """Degrees tesseract's orientation detection says the page must turn (0 when it cannot tell)."""
    if "osd" not in _languages(str(pytesseract.pytesseract.tesseract_cmd)):
        log.info("no tesseract 'osd' data: page orientation is not checked")
        return 0
    try:
        out = _run(["--psm", "0", "-l", "osd", "--dpi", str(dpi)], image, timeout_s)
    except RuntimeError as err:  # too little text to decide: tesseract exits non-zero
        log.info("orientation not detected: %s", err)
        return 0
    match = re.search(r"^Rotate:\s*(\d+)", out, re.MULTILINE)
    return int(match.group(1)) % 360 if match else 0


def read_page(image: Image.Image, lang: str, dpi: int, timeout_s: float) -> list[dict]:
    """OCR one page; a page that reads as junk is checked for orientation and read again turned.

    Scanners feed pages upside down or sideways often enough; the check runs only when the
    first reading is poor, so upright pages pay nothing. ``timeout_s`` bounds the whole page.
    """
    deadline = time.monotonic() + timeout_s
    data = to_pgm(image)
    lines = run_tesseract(data, lang, dpi, timeout_s)
    first = quality.language_score(" ".join(li["text"] for li in lines))
    if first >= _UPRIGHT_SCORE:
        return lines
    angle = detect_rotation(data, dpi, max(deadline - time.monotonic(), 1.0))
    if angle == 0:
        return lines
    # PIL turns counter-clockwise; tesseract's "Rotate" is clockwise.
    turned = to_pgm(image.rotate(-angle, expand=True))
    again = run_tesseract(turned, lang, dpi, max(deadline - time.monotonic(), 1.0))
    if quality.language_score(" ".join(li["text"] for li in again)) > first:
        return again
    return lines


def parse_tsv(tsv: str, scale: float, split_gap: float = 18.0) -> list[dict]:
    """Tesseract's word table → runs of words on one line, boxes scaled by ``scale``.

    Tesseract often reads both columns of a decision's header as one line; a run ends where
    the gap to the next word is ``split_gap`` points or more, so the layout step can see the
    two columns.
    """
    runs: list[dict] = []
    last_key: tuple[str, str, str] | None = None
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        x, y, w, h = (float(v) * scale for v in cols[6:10])
        key = (cols[2], cols[3], cols[4])  # block, paragraph, line
        if runs and key == last_key and x - runs[-1]["x1"] < split_gap:
            run = runs[-1]
            run["text"] += " " + cols[11].strip()
            run["x1"] = max(run["x1"], x + w)
            run["top"], run["bottom"] = min(run["top"], y), max(run["bottom"], y + h)
        else:
            runs.append({"text": cols[11].strip(), "x0": x, "x1": x + w, "top": y, "bottom": y + h})
        last_key = key
    return runs


def ocr_pages(pdf: Path | bytes, pages: list[int], settings: Settings,
              workers: int | None = None) -> OcrResult:
    """OCR the given 1-based pages of a PDF (a file, or bytes: the annotation-flattened document
    the text layer came from) with ``settings.ocr_workers`` tesseract processes.

    A page that times out or crashes tesseract is reported in ``failed`` (the caller keeps
    whatever text layer the page had) instead of failing the whole document.
    """
    result = OcrResult()
    if not pages:
        return result
    check_available(settings.ocr_lang)
    dpi = max(settings.ocr_dpi, 72)
    try:
        doc = pdfium.PdfDocument(str(pdf) if isinstance(pdf, Path) else pdf)
    except pdfium.PdfiumError as err:
        raise CorruptFileError(f"corrupt PDF: cannot render pages for OCR ({err})") from err
    n_workers = max(1, workers if workers is not None else settings.ocr_workers)
    # At most two rendered pages per worker wait in memory (a 300 dpi A4 page is ~9 MB).
    pending: deque[tuple[int, Future[list[dict]]]] = deque()
    try:
        with ThreadPoolExecutor(max_workers=n_workers, thread_name_prefix="ocr") as pool:
            for page in pages:
                while len(pending) >= 2 * n_workers:
                    _collect(*pending.popleft(), result, settings)
                image = render_page(doc, page - 1, dpi)
                task = pool.submit(read_page, image, settings.ocr_lang, dpi, settings.ocr_page_timeout_s)
                pending.append((page, task))
            while pending:
                _collect(*pending.popleft(), result, settings)
        if 1 in result.lines:  # a handwritten number on page 1: read its digits another way
            height = doc[0].get_height()
            result.lines[1] = ocr_digits.fix_number_line(
                result.lines[1], lambda: render_page(doc, 0, dpi), height)
    finally:
        doc.close()
    for page, reason in result.failed.items():
        log.warning("%s page %d: %s", pdf.name if isinstance(pdf, Path) else "PDF", page, reason)
    return result


def _collect(page: int, task: Future[list[dict]], result: OcrResult, settings: Settings) -> None:
    try:
        # marks misread by tesseract (QUYÉT, HỌI ĐỒNG, quôc) repaired against the lexicon
        result.lines[page] = [{**line, "text": ocr_repair.repair(line["text"])} for line in task.result()]
    except subprocess.TimeoutExpired:
        result.failed[page] = f"OCR timed out after {settings.ocr_page_timeout_s} s"
    except (RuntimeError, OSError) as err:
        result.failed[page] = f"OCR failed: {err}"
