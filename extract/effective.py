"""``effective_from``: the day a formal document takes effect, read from its own text (SPEC §5).

Legal status depends on it: a replacement ends the replaced document's force on the day the
replacing one takes effect, not on its signing date. "Có hiệu lực kể từ ngày ký" means the
document's own ``issued_on``. A news page only reports other documents' dates, so it has none;
a text that says nothing gets ``None`` (never guessed).
"""

from __future__ import annotations

import datetime as dt

from core.record import Document
from extract.dates import find_dates, to_date
from extract.patterns import effective as P


def find_effective_from(text: str, issued_on: str | None) -> str | None:
    """The first statement "<loại> này có hiệu lực …" that gives a day; ``None`` otherwise."""
    for m in P.STATEMENT.finditer(text):
        rest = text[m.end():m.end() + 60]
        if m.group("days"):  # "sau 10 ngày kể từ ngày ký"
            signed = to_date(issued_on) if P.ON_SIGNING.match(rest) else None
            if signed is not None:
                return (signed + dt.timedelta(days=int(m.group("days")))).isoformat()
            continue
        if P.ON_SIGNING.match(rest):
            return issued_on if issued_on and len(issued_on) == 10 else None
        dates = find_dates(rest, to_date(issued_on))
        if dates and dates[0].start <= 5 and dates[0].precision == "day" and not dates[0].partial:
            return dates[0].value
    return None


def apply(doc: Document) -> Document:
    if doc.kind == "news":
        return doc.model_copy(update={"effective_from": None})
    return doc.model_copy(update={"effective_from": find_effective_from(doc.text, doc.issued_on)})
