"""Vietnamese number forms as data: how a numeric token is written (``1.946`` is 1946, ``12,5``
is 12.5), and the digits written as words. Read by
``extract.numbers.parse_vn_number`` and by the target grammar.
"""

from __future__ import annotations

# One numeric token as written in Vietnamese text (no sign, no scale word). Dotted groups
# first, so "1.234.567,8" is one token and not "1.234" + ".567,8".
NUMBER = (
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 1.946, 1.234.567,8
    r"|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+"  # English style: 1,234,567 / 1,234.5
    r"|\d+(?:[.,]\d+)?"  # 75, 12,5, 1.5
)

# Scale words (nghìn, triệu, tỷ) live with the units they build: ``lexicon.units.SCALES``.

# Digits written as words; "lăm"/"nhăm" is 5 after "mươi", "mốt" 1, "tư" 4.
WORD_DIGITS: dict[str, int] = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
LINKERS = {"linh", "lẻ"}  # "một trăm linh năm" = 105
