"""Where a scan's handwritten number sits, as data for ``ingest/ocr_digits.py``."""

from __future__ import annotations

# The share of page 1, from the top, that holds the header and its number line.
TOP_SHARE = 0.2

# The number line as tesseract gives it: "Số:      /QĐ-UBND", "Số: Ở32/QĐÐ-TTg", "Sô: l#Œ/QĐ-UBND".
# ``slot`` is what stands before the slash (blank, digits or garbage).
NUMBER_SLOT = r"(?<!\w)S[ốỐôÔoO6ồộ]\s?[:.]?\s*(?P<slot>[^\s/]{0,8})\s*/\s*\S"

# What rapidocr may read there: the number before its code ("1406/QĐ-UBND", "Số:1716/QĐ-UBND"),
# or the handwritten number alone on its own line.
DIGITS_BEFORE_CODE = r"(?<!\d)(?P<n>\d{1,5})\s*/\s*[A-ZĐ]"
DIGITS_ALONE = r"(?P<n>\d{2,5})"

# A lone number that is part of a date or a year ("năm 2025") is not the document's number.
YEAR_CONTEXT = r"năm|ngày|tháng|^(?:19|20)\d{2}$"
