"""Vietnamese patterns that only extraction reads, as data, one module per concept (targets,
tasks, titles, header and news phrasing). The vocabulary search shares (document types,
issuers, dates, abbreviations, number forms) lives in the bottom-level ``lexicon/`` package."""

from __future__ import annotations

import re
from functools import cache


@cache
def rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """``pattern`` compiled once, case-insensitive unless told: the modules that read these
    patterns call ``rx(P.NAME)`` where they match instead of each restating a preamble of
    ``re.compile`` lines."""
    return re.compile(pattern, flags)
