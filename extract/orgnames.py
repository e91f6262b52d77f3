"""Names of places and bodies as the text writes them: province lookup (OCR-tolerant), the
case of an organisation's name, local-body lines (``ỦY BAN NHÂN DÂN / TỈNH X``), and the text
views every extractor matches on (``plain``, ``fast_fold``, ``near``). Shared by identity,
decisions and signers; split out of ``extract/identity.py`` so each module keeps one job."""

from __future__ import annotations

import re
from collections.abc import Iterator

from core.textnorm import fold, match_form
from lexicon import issuers as I

_MARKUP = re.compile(r"[*|#_\\]")
# Bold or italic markup inside a word, as saved law pages write a word whose letters changed
# style ("n**ă**m", "H****òa", "T****L****."): the word's letters are closed up and the
# markup's width moves after the word, so the view stays the same length.
_MARKUP_RUN = re.compile(r"[*_]+")
_INWORD_PROBE = re.compile(r"(?<=[^\W_])[*_]+(?=[^\W_])")
UP = "A-ZÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"

def spaced(words: str) -> str:
    """A multi-word name as a pattern that lets line breaks fall between its words."""
    return r"\s+".join(re.escape(w) for w in words.split())


# Local bodies are matched on the folded header, so OCR'd marks ("TÍNH LÂM ĐÒNG") still read.
BODY_FOLD = {fold(k): v for k, v in I.LOCAL_BODIES.items()}
LEVEL_FOLD = {fold(k): v for k, v in I.LEVELS.items()}
LOCAL_RX = re.compile(
    r"(?<!\w)(?P<body>" + "|".join(spaced(k) for k in sorted(BODY_FOLD, key=len, reverse=True)) + r")\s+"
    r"(?P<level>" + "|".join(spaced(k) for k in sorted(LEVEL_FOLD, key=len, reverse=True)) + r")\s+"
    r"(?P<name>[^\W\d_][^\n]*)"
)
NATIONAL_RX = re.compile(r"(?<!\w)(" + "|".join(spaced(k) for k in I.NATIONAL_BODIES) + r")(?!\w)")
PROVINCE_FORMS = sorted(
    [(match_form(p), p) for p in I.PROVINCES] + [(match_form(a), p) for a, p in I.PROVINCE_ALIASES.items()],
    key=lambda x: -len(x[0]),
)
PROVINCE_RX = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(f) for f, _ in PROVINCE_FORMS) + r")(?!\w)"
)
PROVINCE_OF = dict(PROVINCE_FORMS)
PROVINCE_OF_FOLD = {fold(f): p for f, p in PROVINCE_FORMS}
_FOLDED = sorted(PROVINCE_OF_FOLD, key=len, reverse=True)
_PROVINCE_FOLD_RX = re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in _FOLDED) + r")(?!\w)")


# ``core.textnorm.fold`` as one ``str.translate``: the same mapping, precomputed for the Latin
# range, so folding a 200-page text costs milliseconds. Length-preserving like ``fold``.
_FOLD_TABLE = {c: f for c in range(0x1F00) if len(f := fold(chr(c))) == 1 and f != chr(c)}


def fast_fold(s: str) -> str:
    """``fold(s)`` for NFC text (diacritics off, đ → d, lower case), fast."""
    return s.translate(_FOLD_TABLE)



def plain(text: str) -> str:
    """``text`` with markdown/table residue blanked; same length, so spans carry over (inside a
    word split by markup, up to the word's end)."""
    return _MARKUP.sub(" ", _close_up_words(text))


def _close_up_words(text: str) -> str:
    """Each word split by markup written with its letters closed up (see ``_INWORD_PROBE``)."""
    out: list[str] = []
    done = 0
    for m in _INWORD_PROBE.finditer(text):
        if m.start() < done:
            continue
        start, end = m.start(), m.end()
        while start > done and _in_word(text[start - 1]):
            start -= 1
        while end < len(text) and _in_word(text[end]):
            end += 1
        while text[start] in "*_":  # markup opening the word stays where it is
            start += 1
        out += [text[done:start], _close_up(text[start:end])]
        done = end
    return "".join(out) + text[done:] if out else text


def _in_word(c: str) -> bool:
    return c.isalnum() or c in "*_."


def _close_up(word: str) -> str:
    """One word's letters closed up; a lower-case letter before the markup and a capital after
    it ("bán dẫn****Danh mục") are two texts glued together, left apart."""
    if any(word[r.start() - 1].islower() and word[r.end()].isupper()
           for r in _MARKUP_RUN.finditer(word) if r.start() > 0 and r.end() < len(word)):
        return word
    letters = word.replace("*", "").replace("_", "")
    return letters + " " * (len(word) - len(letters))


def near(anchor: re.Pattern[str], rx: re.Pattern[str], text: str, before: int, after: int
         ) -> Iterator[re.Match[str]]:
    """``rx.finditer`` limited to windows around ``anchor`` hits: the rare-word anchor (a verb,
    a quote mark) is found fast, the costly pattern only runs where it can match."""
    spans: list[list[int]] = []
    for a in anchor.finditer(text):
        lo, hi = max(0, a.start() - before), min(len(text), a.end() + after)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    for lo, hi in spans:
        yield from rx.finditer(text, lo, hi)


def find_province(s: str) -> tuple[str, int] | None:
    """The first province named in ``s`` (canonical name) and its offset; OCR-damaged marks
    ("Lâm Đông") are matched without diacritics when the exact form is not there."""
    m = PROVINCE_RX.search(match_form(s))
    if m:
        return PROVINCE_OF[m.group(1)], m.start()
    f = _PROVINCE_FOLD_RX.search(fold(s))
    return (PROVINCE_OF_FOLD[f.group(1)], f.start()) if f else None


_KEEP_UPPER = set(I.LOCAL_BODIES.values())
_LEVEL_WORDS = {w for level in I.LEVELS.values() for w in level.split()}


def org_case(caps: str) -> str:
    """``SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH`` → ``Sở Văn hóa, Thể thao và Du lịch``.

    Vietnamese capitalises the first word of a body's name and of each part joined by ``và`` or
    a comma; level words stay lower case; provinces keep their own spelling.
    """
    words = " ".join(caps.replace("–", "-").split()).split(" ")
    head = next((h for h in I.ORG_HEADS if caps.upper().startswith(h + " ")), "")
    out: list[str] = [w.capitalize() if i == 0 else w.lower() for i, w in enumerate(head.split())]
    words = words[len(out):]
    cap_next = True
    for word in words:
        if word in _KEEP_UPPER:
            out.append(word)
            cap_next = False
            continue
        w = word.lower()
        if w in _LEVEL_WORDS and out:
            out.append(w)
            cap_next = False
            continue
        if w in ("và", "-"):
            out.append(w)
            cap_next = True
            continue
        out.append(w[:1].upper() + w[1:] if cap_next else w)
        cap_next = w.endswith(",") or (len(out) == 1 and not head)
    name = " ".join(out)
    for code_name in (*I.ISSUER_CODES.values(), *I.NATIONAL_BODIES.values()):
        if match_form(code_name) == match_form(name):
            return code_name
    return _recapitalise_places(name)


def _recapitalise_places(s: str) -> str:
    low = match_form(s)
    for m in list(PROVINCE_RX.finditer(low))[::-1]:
        s = s[: m.start()] + PROVINCE_OF[m.group(1)] + s[m.end():]
    return s


def local_body(m: re.Match[str], head: str) -> tuple[str, str | None]:
    """Issuer and province of a ``ỦY BAN NHÂN DÂN / TỈNH X`` match on the folded ``head``."""
    body = BODY_FOLD[" ".join(m.group("body").split())]
    level = LEVEL_FOLD[" ".join(m.group("level").split())]
    raw = head[m.start("name"):m.end("name")]
    prov = find_province(raw)
    if prov is None:  # "THÀNH PHỐ HỒ / CHÍ MINH": a province name broken over two lines
        nxt = head[m.end():m.end() + 40].split("\n")
        prov = find_province(f"{raw} {nxt[1] if len(nxt) > 1 else ''}")
    at_start = bool(prov and prov[1] == 0)
    # A district or commune keeps its own name (title case), read up to the line end.
    name = prov[0] if prov and at_start else org_case(raw).title()
    province = name if level in ("tỉnh", "thành phố") and at_start else None
    return f"{body} {level} {name}", province
