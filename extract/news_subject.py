"""A news page's subject when no sentence reports a document with an issuing verb: the sentence
that restates the whole headline and names a document by number. The hddtvn page "Giải thể Trạm
kiểm soát nội địa KKT cửa khẩu quốc tế Cầu Treo" reports its decision in its lead, "Trạm Kiểm
soát nội địa KKT cửa khẩu quốc tế Cầu Treo chính thức giải thể theo Quyết định 1576/QĐ-UBND",
with no issuing verb; a sentence with the headline's words but not its act ("… được thành lập
theo Quyết định số 2313/QĐ-UBND", without "giải thể") or one that recalls the past is no restatement.
"""

from __future__ import annotations

import bisect
import re

from core.textnorm import match_form
from extract.patterns import news as N

_WORDS = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(N.SUBJECT_SENTENCE_END)
_HISTORY = re.compile(N.HISTORY_MARKER, re.IGNORECASE)


def _words(s: str) -> set[str]:
    return set(_WORDS.findall(match_form(s)))


def restating(text: str, title: str | None, starts: list[int]) -> int | None:
    """Index in ``starts`` (offsets of numbered mentions) of the first mention whose sentence
    holds every word of the headline ``title``; None when none does or the headline is short."""
    head = _words(title or "")
    if len(head) < N.SUBJECT_MIN_HEADLINE_WORDS:
        return None
    ends = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]  # once per page
    for i, start in enumerate(starts):
        k = bisect.bisect_right(ends, start, key=lambda e: e[1])  # sentences ended before it
        lo = ends[k - 1][1] if k else 0
        sentence = text[lo : ends[k][0] if k < len(ends) else len(text)]
        if lo == 0 or _HISTORY.search(sentence):
            continue  # the headline line itself is no restatement
        if head <= _words(sentence):
            return i
    return None
