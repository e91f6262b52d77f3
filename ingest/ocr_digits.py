"""Digits-only fallback for a scan's handwritten document number.

A decision is printed with ``Số:      /QĐ-UBND`` and its number written in by hand after
signing. No tesseract setting reads handwriting ("Ở32", "l#Œ"), while rapidocr's PP-OCR models
(PyPI ``rapidocr``, weights bundled in the wheel, loaded offline) read such numbers on the top
fifth of page 1 (issue 11). So when the OCR'd ``Số`` line of page 1 has no digit at all
before its slash (a slot with some digits, "Ở32", is left to the look-alike repair of the number
reader), rapidocr reads the top fifth of that page, and only a digit run standing where the
number belongs ("1406/QĐ-UBND", or alone on its line) is written into the slot; everything
else rapidocr reads is ignored.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from PIL import Image

from ingest.patterns import ocr as P

log = logging.getLogger(__name__)

_SLOT = re.compile(P.NUMBER_SLOT)
_WITH_CODE = re.compile(P.DIGITS_BEFORE_CODE)
_ALONE = re.compile(P.DIGITS_ALONE)
_YEARISH = re.compile(P.YEAR_CONTEXT, re.IGNORECASE)


@lru_cache(maxsize=1)
def _engine() -> Callable[[Any], Any] | None:
    """rapidocr's engine, loaded once (about a second); None when the package is missing, which is
    logged: the number then stays as tesseract read it."""
    try:
        from rapidocr import RapidOCR  # heavy (onnxruntime, OpenCV): only scans with a blank number pay
    except ImportError:
        log.warning("rapidocr is not installed: handwritten document numbers are not read")
        return None
    return RapidOCR(params={"Global.log_level": "warning"})


def read_digits(top: Image.Image) -> str | None:
    """The handwritten number in the top of page 1, or None when it cannot be told."""
    engine = _engine()
    if engine is None:
        return None
    import numpy as np  # rapidocr's own dependency

    texts = [str(t) for t in (engine(np.array(top.convert("RGB"))).txts or ())]
    for text in texts:
        if m := _WITH_CODE.search(text):
            return m.group("n")
    alone = [m.group("n") for t in texts if (m := _ALONE.fullmatch(t.strip())) and not _YEARISH.search(t)]
    return alone[0] if len(alone) == 1 else None


def fix_number_line(lines: list[dict], render: Callable[[], Image.Image], page_height: float) -> list[dict]:
    """Page 1's OCR lines with the digits of a blank or garbled ``Số`` slot read by rapidocr."""
    top_limit = page_height * P.TOP_SHARE
    for i, line in enumerate(lines):
        m = _SLOT.search(line["text"])
        if m is None or line["top"] > top_limit:
            continue
        if any(c.isdigit() for c in m.group("slot")):
            return lines  # tesseract read some digits: its look-alikes are repaired by the number reader
        image = render()
        digits = read_digits(image.crop((0, 0, image.width, int(image.height * P.TOP_SHARE))))
        if digits is None:
            return lines
        text = line["text"][: m.start("slot")] + digits + line["text"][m.end("slot"):]
        return [*lines[:i], {**line, "text": text}, *lines[i + 1:]]
    return lines
