"""Accent-only repair of OCR words against the Vietnamese syllable list (``lexicon.syllables``).

Tesseract's ``vie`` model often reads the right letters with the wrong marks: "QUYÉT" (for
QUYẾT), "HỌI" (HỘI), "quôc" (quốc). A word that is not a Vietnamese syllable is replaced by the
known syllable with the same letters whose marks differ least (counted on the decomposed
form: É → Ế adds one circumflex, É → Ệ changes three marks), and only when that nearest
syllable is unique. Letters are never changed: allowing any one-letter edit damaged proper
nouns ("Đắk" → "Đắn"), and word-pair fixes raised the word error rate fivefold (issue 11).
"""

from __future__ import annotations

import re
import unicodedata

from core.textnorm import fold
from lexicon import syllables

_WORD = re.compile(r"[^\W\d_]+")
_MAX_MARK_EDITS = 2  # more than that is another word, not a misread mark


def _marks(s: str) -> list[str]:
    """Per base letter, the combining marks on it (decomposed form)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", s):
        if unicodedata.combining(ch) and out:
            out[-1] += ch
        else:
            out.append("")
    return out


def _mark_distance(a: str, b: str) -> int:
    return sum(len(set(x) ^ set(y)) for x, y in zip(_marks(a), _marks(b), strict=False))


def _recase(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def repair_word(word: str) -> str:
    """``word`` with its marks repaired, or unchanged when it is known, ambiguous or a name
    (title case: proper nouns are where the word list is thinnest)."""
    low = word.lower()
    if low in syllables.known() or len(word) < 2 or (word[0].isupper() and not word.isupper()):
        return word
    candidates = syllables.by_fold().get(fold(low), ())
    scored = sorted((_mark_distance(low, c), c) for c in candidates)
    if not scored or scored[0][0] > _MAX_MARK_EDITS or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return word
    return _recase(scored[0][1], word)


def _phrase_rx() -> re.Pattern[str]:
    phrases = syllables.own_phrases()
    return re.compile(r"(?<!\w)(" + "|".join(r"\s+".join(map(re.escape, fold(p).split())) for p in phrases)
                      + r")(?!\w)")


_PHRASES: dict[str, str] = {}


def _repair_phrases(text: str) -> str:
    """Known phrases read with wrong marks (``HỌI ĐỒNG`` → ``HỘI ĐỒNG``), matched on the folded
    text (same length), each syllable at most ``_MAX_MARK_EDITS`` marks away."""
    if not _PHRASES:
        _PHRASES.update({" ".join(fold(p).split()): p for p in syllables.own_phrases()})
    folded = fold(text)
    if len(folded) != len(text):
        return text
    out, last = [], 0
    for m in _PHRASE_RX.finditer(folded):
        seg = text[m.start():m.end()]
        want = _PHRASES[" ".join(m.group(1).split())].split()
        got = seg.split()
        if seg.lower() == " ".join(want) or len(got) != len(want):
            continue
        if any(_mark_distance(g.lower(), w) > _MAX_MARK_EDITS for g, w in zip(got, want, strict=True)):
            continue
        parts = re.split(r"(\s+)", seg)  # words at even places, the spaces between kept
        parts[::2] = [_recase(w, g) for g, w in zip(got, want, strict=True)]
        out.append(text[last:m.start()])
        out.append("".join(parts))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def repair(text: str) -> str:
    """An OCR'd ``text`` with known phrases and unknown words repaired by their marks; letters and
    lengths are kept (NFC), so spans taken afterwards are spans of the repaired text."""
    return _WORD.sub(lambda m: repair_word(m.group(0)), _repair_phrases(text))


_PHRASE_RX = _phrase_rx()
