"""Vietnamese number forms: ``1.946`` is 1946, ``12,5`` is 12.5, ``2,5 triệu`` is 2 500 000.

Vietnamese writes ``.`` between thousands and ``,`` before decimals, the opposite of English.
A dot is read as a thousands separator only when every group after it has exactly three
digits (``1.946``, ``1.234.567``); otherwise (``1.5``, ``12.75``) it is a decimal point, which is
what a mixed-convention source most likely meant. Scale words (``nghìn``/``ngàn``, ``triệu``,
``tỷ``/``tỉ``) multiply, and small numbers written in words (``một trăm``) are read too.
"""

from __future__ import annotations

import re

from core.textnorm import match_form
from lexicon.numbers import LINKERS as _LINKERS
from lexicon.numbers import NUMBER
from lexicon.numbers import WORD_DIGITS as _WORD_DIGITS
from lexicon.units import SCALES

_NUMERIC = re.compile(rf"^(?P<num>{NUMBER})(?P<scales>(?:\s+\S+)*)$")


def _numeric_value(token: str) -> float | None:
    """Value of one numeric token, deciding what ``.`` and ``,`` mean from the digit groups."""
    if "." in token and "," in token:
        # The separator written last is the decimal one (Vietnamese 1.234,5 / English 1,234.5).
        dec = "," if token.rfind(",") > token.rfind(".") else "."
        thousands = "." if dec == "," else ","
        return float(token.replace(thousands, "").replace(dec, "."))
    if "." in token:
        head, *groups = token.split(".")
        if len(head) <= 3 and all(len(g) == 3 for g in groups):
            return float(token.replace(".", ""))
        return float(token) if len(groups) == 1 else None
    if "," in token:
        head, *groups = token.split(",")
        if len(groups) > 1:  # "1,234,567": only thousands separators can repeat
            return float(token.replace(",", "")) if all(len(g) == 3 for g in groups) else None
        return float(token.replace(",", "."))
    return float(token)


def _scale(words: str) -> float | None:
    """Product of the scale words after a number (``nghìn tỷ`` → 1e12); None if any is not one."""
    factor = 1.0
    for w in words.split():
        if w not in SCALES:
            return None
        factor *= SCALES[w]
    return factor


def _words_value(words: list[str]) -> float | None:
    """Numbers written in words, up to the billions: ``hai mươi lăm``, ``một trăm linh năm``."""
    if not words:
        return None
    total = 0.0  # completed groups (after a scale word)
    group = 0.0  # the current group below a thousand
    digit: int | None = None
    for w in words:
        if w in _WORD_DIGITS:
            if digit is not None:
                return None
            digit = _WORD_DIGITS[w]
        elif w in ("mươi", "mười"):
            group += (digit if w == "mươi" and digit is not None else 1) * 10
            if w == "mười" and digit is not None:
                return None
            digit = None
        elif w == "trăm":
            group += (digit if digit is not None else 1) * 100
            digit = None
        elif w in _LINKERS:
            continue
        elif w in SCALES:
            if group == 0 and digit is None and total:  # "nghìn tỷ": a compound scale
                total *= SCALES[w]
            else:
                total += (group + (digit or 0) or 1) * SCALES[w]
            group, digit = 0.0, None
        else:
            return None
    return total + group + (digit or 0)


def parse_vn_number(s: str) -> float | None:
    """The value of a Vietnamese number as written, or None when ``s`` is not one number."""
    text = " ".join(match_form(s).replace("%", " ").split())
    if not text:
        return None
    m = _NUMERIC.match(text)
    if m:
        value = _numeric_value(m.group("num"))
        factor = _scale(m.group("scales"))
        if value is None or factor is None:
            return None
        return value * factor
    if any(ch.isdigit() for ch in text):
        return None
    return _words_value(text.split())
