"""Vietnamese text normalization shared by every stage.

Three forms of the same text:
- ``clean(s)``: what we store and show: NFC, no control characters, collapsed horizontal
  whitespace, at most one blank line in a row.
- ``match_form(s)``: for comparing: ``clean`` + one tone-mark placement convention + lower case,
  so ``Thanh Hoá`` and ``Thanh Hóa`` are equal. Same length as its NFC input, so spans found in
  it are spans of the original.
- ``fold(s)``: for accent-less matching (``kinh te so``): no diacritics, ``đ`` → ``d``, lower
  case. Also length-preserving on NFC input.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks (the five Vietnamese tones besides ngang).
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_LETTER = r"A-Za-zÀ-ỹĐđ"
# Old style puts the tone on the first vowel of a syllable-final ``oa``, ``oe``, ``uy``
# (hóa, khỏe, thúy); the new style on the second (hoá, khoẻ, thuý). We match in the new style.
# Works on NFD text, where a tone is a separate combining mark after its vowel (and after the
# vowel's own shape mark, if any).
_OLD_TONE = re.compile(
    rf"(?<![qQ])([oO])([{_TONES}])([aAeE])(?![{_LETTER}\u0300-\u036f])"
    rf"|(?<![qQ])([uU])([{_TONES}])([yY])(?![{_LETTER}\u0300-\u036f])"
)
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]")
_HSPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n\s*\n+")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def clean(s: str) -> str:
    """NFC, control characters out, whitespace collapsed, lines stripped."""
    s = nfc(s).replace("\r\n", "\n").replace("\r", "\n")
    s = _CONTROL.sub("", s)
    s = _HSPACE.sub(" ", s)
    s = "\n".join(line.strip() for line in s.split("\n"))
    s = _BLANKS.sub("\n\n", s)
    return s.strip()


def _move_tone(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group(1) + m.group(3) + m.group(2)
    return m.group(4) + m.group(6) + m.group(5)


def canonical_tones(s: str) -> str:
    """Move tone marks to the new-style position; NFC in, NFC out, same length."""
    return nfc(_OLD_TONE.sub(_move_tone, unicodedata.normalize("NFD", s)))


def match_form(s: str) -> str:
    """Form used to compare Vietnamese strings: NFC, canonical tone placement, lower case."""
    return canonical_tones(nfc(s)).lower()


class _FoldTable(dict[int, str]):
    """Code point → folded character, filled on first sight: ``str.translate`` then runs in C
    (``fold`` over every highlighted passage was 10% of a search's time, one Python step a char)."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        if ch in "đĐ":
            out = "d"
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            out = base.lower() if len(base.lower()) == 1 else ch.lower()
        self[cp] = out
        return out


_FOLD = _FoldTable()


def fold(s: str) -> str:
    """Diacritic-free lower-case form; one output character per NFC input character."""
    return nfc(s).translate(_FOLD)


def same(a: str, b: str) -> bool:
    """True when two strings are equal up to NFC, tone placement, case and whitespace."""
    return " ".join(match_form(a).split()) == " ".join(match_form(b).split())
