"""How much a page's text layer looks like real Vietnamese, as a number in [0, 1].

Scanned administrative documents often carry a text layer made by a bad OCR pass of the
scanner (``so:/J+06teo-ueND``, ``DQc l$p - Tq do``): it has plenty of characters, so
"is there text?" is the wrong question. Real Vietnamese has two properties a garbage layer
loses: almost every word is one well-formed syllable (onset + vowel nucleus + coda, at most
one tone mark), and about half of the syllables carry a diacritic. The score combines both,
and scales down pages with too few characters for their area (a signature stamp's few words
on a scanned page).

Measured on ../shared/data/pdf (``bench/bench_pdf.py``, the ``quality`` section): the 81 text
pages with 200+ characters of binhthuan_779, lamdong_2536, ttg_2319, vpcp_58 and the two
Official Gazette files score 0.953-1.0 (median 0.995); the four garbage layers of the
lamdong_1406/1716 scans score 0.109-0.135; image-only pages score 0. The default threshold
``ocr_min_quality = 0.6`` sits in the middle of that wide gap, so neither a page of dense
abbreviations and numbers (a table) nor a layer with a few readable words flips side.
"""

from __future__ import annotations

import re
import unicodedata

from core.textnorm import nfc

# Combining marks: the five tones, and the vowel shapes (breve, circumflex, horn).
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SHAPE_MARKS = frozenset("\u0306\u0302\u031b")
# One Vietnamese syllable, written on the tone-less, lower-case NFD base letters (đ kept):
# optional onset, vowel nucleus of one to three vowels, optional coda.
_SYLLABLE = re.compile(
    r"(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    r"[aeiouy]{1,3}"
    r"(ng|nh|ch|[cmnpt])?"
)
_TOKEN_SPLIT = re.compile(r"[\s/\-–—]+")
_EDGE_PUNCT = "\"'“”‘’()[]{}.,;:!?…*«»"
# Character count below which a full A4 page (~500,000 pt²) is thought of as nearly empty.
_MIN_CHARS_PER_PT2 = 200 / 500_000


def _strip_marks(word: str) -> tuple[str, int, int]:
    """Base letters of a lower-case word, its tone-mark count and its shape-mark count."""
    base: list[str] = []
    tones = shapes = 0
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONE_MARKS:
            tones += 1
        elif ch in _SHAPE_MARKS:
            shapes += 1
        else:
            base.append(ch)
    return "".join(base), tones, shapes


def _has_mark(word: str) -> bool:
    _, tones, shapes = _strip_marks(word)
    return tones + shapes > 0 or "đ" in word


def syllable_ok(word: str) -> bool:
    """True for a well-formed Vietnamese syllable in any case (``Quyết``, ``ĐỊNH``, ``và``)."""
    if not word.isalpha():
        return False
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False  # case changes inside a word (``HQi``, ``ueND``) come from bad OCR
    base, tones, _ = _strip_marks(word.lower())
    return tones <= 1 and _SYLLABLE.fullmatch(base) is not None


def _words(text: str) -> list[str]:
    """Tokens worth judging: numbers, codes and abbreviations carry no signal and are skipped."""
    out: list[str] = []
    for raw in _TOKEN_SPLIT.split(nfc(text)):
        tok = raw.strip(_EDGE_PUNCT)
        if not tok or (any(c.isdigit() for c in tok) and tok.strip("0123456789.,%") == ""):
            continue  # plain numbers (779, 2.500, 12,5%)
        if tok.isalpha() and tok.isupper() and len(tok) <= 6 and not syllable_ok(tok):
            continue  # abbreviations: UBND, HĐND, VT, KGVXNV
        out.append(tok)
    return out


def language_score(text: str) -> float:
    """Share of well-formed syllables, discounted when diacritics are too rare for Vietnamese."""
    words = _words(text)
    if not words:
        return 0.0
    good = [w for w in words if syllable_ok(w)]
    valid = len(good) / len(words)
    marked = sum(1 for w in good if _has_mark(w.lower()))
    # Real text: 40-60 % of syllables carry a mark; garbage layers lose nearly all of them.
    diacritics = min(1.0, (marked / len(good)) / 0.3) if good else 0.0
    return valid * (0.4 + 0.6 * diacritics)


def density_factor(n_chars: int, area_pt2: float | None) -> float:
    """1.0 for a normally filled page; less when a large page holds only a few characters."""
    if not area_pt2:
        return 1.0
    return min(1.0, n_chars / (area_pt2 * _MIN_CHARS_PER_PT2))


def score(text: str, area_pt2: float | None = None) -> float:
    """Quality of a page's text in [0, 1]; ``area_pt2`` is the page area in PDF points²."""
    letters = sum(1 for c in text if not c.isspace())
    return round(language_score(text) * density_factor(letters, area_pt2), 4)
