"""Date forms found in Vietnamese administrative documents and news pages.

Each pattern is a regular-expression fragment with named groups (``d``, ``m``, ``y``, ``q``);
``extract/dates.py`` compiles them in the order of ``ORDER`` (longest, most specific first) so a
full ``ngày 05 tháng 4 năm 2024`` is never read as a bare ``năm 2024``.
"""

from __future__ import annotations

# Separators between day, month and year in numeric dates: 24/5/2021, 24-5-2021, 24.5.2021.
# OCR and typing give spaces around them (``24 / 5 / 2021``).
SEP = r"\s?[/\-.]\s?"

# A day number (1–31, optional leading zero) and a month number (1–12).
DAY = r"(?P<d>0?[1-9]|[12]\d|3[01])"
MONTH = r"(?P<m>0?[1-9]|1[0-2])"
YEAR = r"(?P<y>(?:19|20)\d{2})"

# Words that introduce a date; matched case-insensitively.
NGAY = r"ngày"
THANG = r"tháng"
NAM = r"năm"
QUY = r"quý"

# Quarters written in Roman or Arabic numerals: Quý III, quý 3.
QUARTER_NUMERALS: dict[str, int] = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
QUARTER = r"(?P<q>iv|iii|ii|i|[1-4])"

# Day-parts and weekdays that introduce a date without a year in news: "Chiều 23/2",
# "Sáng 11/5", "Thứ bảy, 13/05/2023". A numeric ``d/m`` without a year is read as a date only
# after one of these or after ``ngày`` — otherwise ``3/4 số xã`` would be a date.
DAY_PARTS = (
    r"rạng sáng|sáng sớm|chiều tối|sáng|trưa|chiều|tối|đêm"
    r"|chủ nhật|thứ hai|thứ ba|thứ tư|thứ năm|thứ sáu|thứ bảy|thứ [2-7]|cn"
)

FORMS: dict[str, str] = {
    # ngày 05 tháng 4 năm 2024 (the formal header and citation form); typed headers glue the
    # number to its word ("ngày 01 tháng12 năm 2025", "ngày 24 tháng11 năm2025")
    "dmy_words": rf"(?:{NGAY}\s*)?{DAY}\s+{THANG}\s*{MONTH}\s+{NAM}\s*{YEAR}",
    # ngày 24/5/2021, 24-5-2021, 24.5.2021, 02:21 28/05/2021
    "dmy_numeric": rf"(?:{NGAY}\s+)?{DAY}{SEP}{MONTH}{SEP}{YEAR}",
    # ngày 15 tháng 12 (no year: resolved against the reference date)
    "dm_words": rf"{NGAY}\s+{DAY}\s+{THANG}\s+{MONTH}",
    # ngày 1/3, Chiều 23/2 (no year)
    "dm_numeric": rf"(?:{NGAY}|{DAY_PARTS})(?:\s+{NGAY})?,?\s+{DAY}\s?[/\-.]\s?{MONTH}",
    # tháng 3 năm 2021, tháng 3/2021, tháng 03-2021
    "my": rf"{THANG}\s+{MONTH}(?:\s+{NAM}\s+|{SEP}){YEAR}",
    # Quý III năm 2024, quý 3/2024
    "qy": rf"{QUY}\s+{QUARTER}(?:\s+{NAM}\s+|{SEP}){YEAR}",
    # năm 2025
    "y": rf"{NAM}\s+{YEAR}",
}

ORDER: tuple[str, ...] = ("dmy_words", "dmy_numeric", "qy", "my", "dm_words", "dm_numeric", "y")

# "ngày 15 tháng 12 hằng năm": a recurring date, never tied to one year.
RECURRING = r"\s*(?:hằng|hàng|mỗi)\s+năm"
