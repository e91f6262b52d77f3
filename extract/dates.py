"""Dates in Vietnamese text: the header form, numeric forms, months, quarters, years and
news datelines, as ISO strings with their precision and span.

Dates without a year (``ngày 1/3``, ``Chiều 23/2``) are resolved against a reference date
(usually the publication date) when the result lies within half a year of it; otherwise, or
without a reference, they come back ``partial`` as ``--MM-DD`` so nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from lexicon import dates as P

Precision = Literal["day", "month", "quarter", "year"]

# A date must not be glued to another number or a document-number slash: "1085/QĐ-UBND",
# "12,5", "1.946" stay numbers.
_BEFORE = r"(?<![\w/.,:\-])"
_AFTER = r"(?![\w/]|[.,\-:]\d)"
_COMPILED: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(_BEFORE + P.FORMS[name] + _AFTER, re.IGNORECASE)) for name in P.ORDER
]
# "ngày 15 tháng 12 hằng năm": a recurring date, never tied to one year.
_RECURRING = re.compile(P.RECURRING, re.IGNORECASE)
# A resolved year-less date further than this from the reference is not trusted.
_PLAUSIBLE_DAYS = 183


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: str
    precision: Precision
    partial: bool


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _resolve(m: int, d: int, ref: dt.date | None) -> tuple[str, bool] | None:
    """ISO value of a year-less day, or ``--MM-DD`` with partial=True."""
    if _day(2000, m, d) is None:  # 2000 is a leap year, so 29/2 stays valid
        return None
    if ref is not None:
        candidates = [c for y in (ref.year - 1, ref.year, ref.year + 1) if (c := _day(y, m, d))]
        best = min(candidates, key=lambda c: abs((c - ref).days))
        if abs((best - ref).days) <= _PLAUSIBLE_DAYS:
            return best.isoformat(), False
    return f"--{m:02d}-{d:02d}", True


def _value(name: str, g: dict[str, str | None], text: str, end: int, ref: dt.date | None
           ) -> tuple[str, Precision, bool] | None:
    y = int(g["y"]) if g.get("y") else None
    m = int(g["m"]) if g.get("m") else None
    d = int(g["d"]) if g.get("d") else None
    if name in ("dmy_words", "dmy_numeric"):
        day = _day(y, m, d)  # type: ignore[arg-type]
        return (day.isoformat(), "day", False) if day else None
    if name in ("dm_words", "dm_numeric"):
        if _RECURRING.match(text, end):
            return (f"--{m:02d}-{d:02d}", "day", True) if _day(2000, m, d) else None  # type: ignore[arg-type]
        resolved = _resolve(m, d, ref)  # type: ignore[arg-type]
        return (resolved[0], "day", resolved[1]) if resolved else None
    if name == "my":
        return f"{y:04d}-{m:02d}", "month", False
    if name == "qy":
        return f"{y:04d}-Q{P.QUARTER_NUMERALS[g['q'].lower()]}", "quarter", False  # type: ignore[union-attr]
    return f"{y:04d}", "year", False


def find_dates(text: str, ref: dt.date | None = None) -> list[DateMatch]:
    """Every date in ``text``, in order, without overlaps (the most specific form wins)."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for name, rx in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            v = _value(name, m.groupdict(), text, e, ref)
            if v is None:
                continue
            taken.append((s, e))
            found.append(DateMatch(s, e, v[0], v[1], v[2]))
    found.sort(key=lambda x: x.start)
    return found


_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def parse_date(s: str, ref: dt.date | None = None) -> str | None:
    """The first full (non-partial) date in ``s`` as ISO, or None; ISO input passes through."""
    s = s.strip()
    if _ISO.match(s):
        return s
    for m in find_dates(s, ref):
        if not m.partial:
            return m.value
    return None


def to_date(iso: str | None) -> dt.date | None:
    """A ``datetime.date`` from a full ISO day string (e.g. ``published_at``), else None."""
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(iso[:10])
    except ValueError:
        return None
