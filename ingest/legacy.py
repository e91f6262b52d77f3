"""Repair of text typed in the pre-Unicode Vietnamese encodings (TCVN3/ABC, VNI).

Old government files were typed in ``.VnTime`` (TCVN3) or ``VNI-Times`` fonts; read as bytes
they surface as Latin-1 mojibake (``QuyÕt ®Þnh``, ``Quyeát ñònh``). The conversion tables and
the content detector come from ``viparse`` (measured against hand-built TCVN3/VNI renderings of
real decisions, see tests/ingest/test_legacy.py). We add what that measurement showed missing:

- TCVN3 has no upper-case toned letters: headings were typed in the ``.VnTimeH`` font with the
  lower-case bytes, so ``QUYÕT §ÞNH`` converts to ``QUYếT địNH``. We restore the case of a word
  when its own ASCII letters prove it upper case.
- viparse's VNI table lacks ``ẳ`` (``aú``), common in ``thẳng``.
- viparse does not judge short fragments (a heading, one table cell); ``fix_blocks`` detects
  once on the whole document and converts every block with that answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import viparse

from ingest.quality import syllable_ok

# Characters outside Latin-1 that Vietnamese Unicode text uses: their presence means the text is
# already Unicode (mojibake of a single-byte encoding only ever contains Latin-1 characters).
_UNICODE_VIETNAMESE = re.compile(r"[\u0100-\u01b0\u1ea0-\u1ef9]")
_HIGH_LATIN1 = re.compile(r"[\u00a1-\u00ff]")
# Vietnamese letters (any case) a correct conversion may produce, plus ASCII.
_VIET_LETTERS = set(
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
)
_VIET_LETTERS |= {c.upper() for c in _VIET_LETTERS}
_WORD = re.compile(r"[^\W\d_]+")
# Short fragments are judged by our own check below; longer ones by viparse's detector.
_SHORT = 400
# A short fragment is only tried as an encoding when it shows that encoding's signature: a
# Latin-1 character that is not a Vietnamese letter (``§``=Đ, ``µ``=à, ``¸``=á in TCVN3; ``ø``
# huyền, ``û`` hỏi, ``ï`` nặng, ``ñ``=đ, ``ö``=ư in VNI) or, for VNI, a vowel followed by a mark
# that no Vietnamese syllable has there (``aê``, ``eá``, ``aú``, ``oâ``). Unicode Vietnamese
# written with Latin-1 letters only (``Hoàn toàn``, ``Oà khóc``) shows neither.
_NOT_VIETNAMESE_LATIN1 = "".join(
    chr(c) for c in range(0xA1, 0x100) if chr(c) not in _VIET_LETTERS
)
# The signature character must touch a letter: a legacy letter sits inside a word, while a
# lone ``§ 3``, ``©`` or ``½`` is the symbol itself.
_ODD = f"[{re.escape(_NOT_VIETNAMESE_LATIN1)}]"
_IN_WORD = rf"(?:(?<=[A-Za-z\u00c0-\u00ff]){_ODD}|{_ODD}(?=[A-Za-z\u00c0-\u00ff]))"
_SIGNATURE = {
    "tcvn3": re.compile(_IN_WORD),
    "vni": re.compile(rf"{_IN_WORD}|[aeAE][âêáàãéèúùÂÊÁÀÃÉÈÚÙ]|[oO][âÂ]"),
}

# What the VNI table in viparse 0.1.31 leaves unconverted (a + breve-hook mark).
_VNI_EXTRA = (("aú", "ẳ"), ("AÚ", "Ẳ"))


def detect(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"``, another viparse legacy name, or None for Unicode/unknown."""
    if not _HIGH_LATIN1.search(text) or _UNICODE_VIETNAMESE.search(text):
        return None
    if len(text) >= _SHORT:
        return viparse.detect_text_encoding(text)
    if not any(signature.search(text) for signature in _SIGNATURE.values()):
        return None  # the common case of a short Unicode line: no need to ask viparse
    return _detect_short(text, first=viparse.detect_text_encoding(text))


def _detect_short(text: str, first: str | None) -> str | None:
    """A fragment too short for statistics (viparse reads ``CHñ TÞCH`` as VNI): accept an
    encoding whose signature is present and whose conversion gives well-formed Vietnamese
    syllables (``Müller`` would become ``Mỹller``; capitals like ``QĐ``, ``HĐND`` may be
    abbreviations),
    at least one letter outside Latin-1.
    viparse's guess is tried first."""
    order = sorted(_SIGNATURE, key=lambda enc: enc != first)
    for enc in order:
        if not _SIGNATURE[enc].search(text):
            continue
        out = _convert(text, enc)
        accented = [w for w in _WORD.findall(out) if not w.isascii()]
        if _UNICODE_VIETNAMESE.search(out) and all(syllable_ok(w) or w.isupper() for w in accented):
            return enc
    return None


def _convert(text: str, encoding: str) -> str:
    out = viparse.fix(text, encoding=encoding)
    if encoding == "vni":
        for src, dst in _VNI_EXTRA:
            out = out.replace(src, dst)
    elif encoding == "tcvn3":
        out = restore_case(out)
    return out


def _has_upper_evidence(word: str) -> bool:
    """An ASCII upper-case letter after the first position and no ASCII lower case: the
    word was set in capitals (``CHủ``, ``địNH``), unlike a capitalised word (``Số``, ``Mỹ``)."""
    if any(c.isascii() and c.islower() for c in word):
        return False
    return any(c.isascii() and c.isupper() for c in word[1:])


def restore_case(text: str) -> str:
    """Upper-case the words of converted TCVN3 text that were set in a capitals font.

    A word whose only capital is its first letter (``Tổ``) is ambiguous; it is raised when a
    neighbouring word of at least three letters on the same line is proven capitals and
    carries a converted (non-ASCII) letter, as in ``Tổ CHứC``.
    """
    lines = []
    for line in text.split("\n"):
        words = list(_WORD.finditer(line))
        evidence = [_has_upper_evidence(m.group()) for m in words]
        strong = [
            ev and len(m.group()) >= 3 and any(not c.isascii() for c in m.group())
            for ev, m in zip(evidence, words, strict=True)
        ]
        pieces, pos = [], 0
        for i, m in enumerate(words):
            w = m.group()
            raise_it = evidence[i] or (
                w[0].isupper()
                and not any(c.isascii() and c.islower() for c in w)
                and ((i > 0 and strong[i - 1]) or (i + 1 < len(words) and strong[i + 1]))
            )
            pieces.append(line[pos : m.start()])
            pieces.append(w.upper() if raise_it else w)
            pos = m.end()
        pieces.append(line[pos:])
        lines.append("".join(pieces))
    return "\n".join(lines)


def fix(text: str, encoding: str | None = None) -> str:
    """Text converted to Unicode NFC when it is TCVN3/VNI mojibake; otherwise unchanged.

    ``encoding`` skips detection (use the answer of ``detect`` on the whole document).
    """
    enc = encoding or detect(text)
    if enc is not None:
        return unicodedata.normalize("NFC", _convert(text, enc))
    if "\n" in text and _HIGH_LATIN1.search(text):
        # a passage pasted from a legacy file into a Unicode one: judge line by line
        return "\n".join(fix(line) for line in text.split("\n"))
    return text


def fix_blocks(texts: Sequence[str]) -> list[str]:
    """Convert a document's blocks with one detection over all of them, so short blocks (a
    heading, a table cell) are converted exactly when the document is."""
    enc = detect("\n".join(texts))
    if enc is None:
        return [fix(t) for t in texts]
    return [fix(t, enc) for t in texts]
