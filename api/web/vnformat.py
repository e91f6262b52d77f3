"""Vietnamese forms of the record's ISO dates and deadlines, for the web page only (the JSON API
and exports keep ISO): 05/04/2024, "tháng 9/2025", "quý III/2024", "15/12 hằng năm"."""

from __future__ import annotations

import re

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
# extract.tasks writes a yearly deadline as "MM-DD each year" (the SPEC samples' form)
_YEARLY = re.compile(r"(?:--)?(\d{2})-(\d{2}) each year")
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def vn_date(value: object) -> str:
    """Any date or deadline the record holds, as a Vietnamese reader writes it; unknown forms
    are shown unchanged rather than guessed."""
    if value is None:
        return ""
    text = str(value).strip()
    if m := _DAY.fullmatch(text):
        return f"{m[3]}/{m[2]}/{m[1]}"
    if m := _QUARTER.fullmatch(text):
        return f"quý {_ROMAN[m[2]]}/{m[1]}"
    if m := _HALF.fullmatch(text):
        return f"{'6 tháng đầu năm' if m[2] == '1' else '6 tháng cuối năm'} {m[1]}"
    if m := _MONTH.fullmatch(text):
        return f"tháng {int(m[2])}/{m[1]}"
    if m := _YEARLY.fullmatch(text):
        return f"{m[2]}/{m[1]} hằng năm"
    return text
