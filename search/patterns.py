"""Vietnamese query-side word lists for search, as data.

Kept here rather than in ``lexicon/`` because only search reads them; document types and
their number codes are *not* repeated here: they come from ``lexicon.doctypes``.
"""

from __future__ import annotations

# Function words not worth highlighting in a passage (they occur in every sentence).
# Compared in folded form (no diacritics, lower case), so "cua" covers "của" and "cửa" alike;
# the loss of an occasional content word is cheaper than a passage lit up everywhere.
HIGHLIGHT_STOPWORDS: frozenset[str] = frozenset(
    {
        "va",  # và
        "la",  # là
        "cua",  # của
        "cac",  # các
        "nhung",  # những
        "cho",  # cho
        "trong",  # trong
        "theo",  # theo
        "ve",  # về
        "voi",  # với
        "duoc",  # được
        "co",  # có
        "khong",  # không
        "nay",  # này
        "do",  # do / đó
        "tai",  # tại
        "tu",  # từ
        "den",  # đến
        "mot",  # một
        "thi",  # thì
        "hay",  # hay
        "hoac",  # hoặc
        "nao",  # nào
        "gi",  # gì
        "ai",  # ai
        "bao",  # bao (bao nhiêu)
        "nhieu",  # nhiêu
        "the",  # thế
        "so",  # số (also "number", but it precedes every cited number)
    }
)

# Words that introduce a bare document number in a query: "quyết định 2853", "NQ số 18".
# "số" alone ("số 2853") also pins, with no type constraint.
NUMBER_LEAD_WORD = "số"
