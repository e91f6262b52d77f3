"""Where a formal document names its issuer when its header does not: a header with
``ỦY BAN NHÂN DÂN`` and no province line, a header lost in conversion (``<jsontable …>``), a
scan whose header OCR failed. In order of trust:

1. the authority line under the title (``HỘI ĐỒNG NHÂN DÂN TỈNH GIA LAI / KHÓA XI …``);
2. the signature (``TM. ỦY BAN NHÂN DÂN TỈNH X``, ``CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÀ RỊA VŨNG
   TÀU``), the body that signs;
3. the body before an issuing verb (``Ủy ban nhân dân tỉnh Thanh Hóa ban hành …``).

Only a body with its province named counts: an unqualified ``Ủy ban nhân dân
tỉnh`` says nothing the header did not, and unknown stays null rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extract.orgnames import LOCAL_RX, fast_fold, find_province, local_body, org_case
from extract.patterns import identity as P
from lexicon import issuers as I

_SIGNATURE_LEAD = re.compile(P.SIGNATURE_LEADS)
_ANNOUNCES = re.compile(P.ANNOUNCES, re.MULTILINE)
_BODY_ISSUE_VERB = re.compile(P.BODY_ISSUE_VERBS, re.IGNORECASE)
_BASIS = re.compile(P.BASIS_LINE, re.MULTILINE)
_ORG_HEAD = re.compile(r"^(?:" + "|".join(re.escape(h) for h in sorted(I.ORG_HEADS, key=len, reverse=True))
                       + r")\s")


_Hit = tuple[re.Match[str], str, str | None]


def _hits(view: str, start: int = 0, end: int | None = None) -> Iterator[_Hit]:
    """Local bodies named with their province in ``view[start:end]``: the match (on the
    folded view, same offsets), the issuer and its province."""
    folded = fast_fold(view)
    stop = len(view) if end is None else end
    while (m := LOCAL_RX.search(folded, start, stop)) is not None:
        start = m.end("level")  # a match without its province may hide the next body in its tail
        prov = find_province(view[m.start("name"):m.end("name")])
        if prov is not None and prov[1] == 0:
            issuer, province = local_body(m, view)
            yield m, issuer, province


def _upper(view: str, m: re.Match[str]) -> bool:
    words = view[m.start():m.end("level")]
    return words == words.upper()


def authority_line(view: str, title_end: int) -> tuple[str, str | None] | None:
    """The body named in capitals between the title and the basis (``Căn cứ``)."""
    basis = _BASIS.search(view, title_end, title_end + P.AUTHORITY_ZONE)
    end = basis.start() if basis else min(len(view), title_end + P.AUTHORITY_ZONE)
    for m, issuer, province in _hits(view, title_end, end):
        if _upper(view, m):
            return issuer, province
    return _national_authority(view[title_end:end])


def _national_authority(zone: str) -> tuple[str, str | None] | None:
    """A national authority line (``CHÍNH PHỦ``, ``THỦ TƯỚNG CHÍNH PHỦ``, ``BỘ TRƯỞNG BỘ TÀI
    CHÍNH``, ``TRƯỞNG BAN CHỈ ĐẠO QUỐC GIA VỀ …``): the last caps line before the basis, maybe
    wrapped onto the next, read as a national body or as an official's title and the body he
    heads. The title lines above it are caps too, but name no body at their start."""
    lines = [ln.strip(" *_|") for ln in zone.split("\n")]
    for i in range(len(lines) - 1, -1, -1):
        for j in (i + 2, i + 1):  # joined with the next line (a wrapped name), then alone
            caps = " ".join(" ".join(lines[i:j]).split())
            if not caps or caps != caps.upper() or j > len(lines):
                continue
            if caps in I.NATIONAL_BODIES:
                return I.NATIONAL_BODIES[caps], None
            for title, _ in I.TITLES:  # "TRƯỞNG BAN CHỈ ĐẠO …" is the Trưởng of the Ban Chỉ đạo
                rest = caps[len(title) + 1:] if caps.startswith(title + " ") else ""
                if rest in I.NATIONAL_BODIES or _ORG_HEAD.match(rest):
                    return (I.NATIONAL_BODIES.get(rest) or org_case(rest)), None
    return None


def signature(view: str) -> tuple[str, str | None] | None:
    """The body in the last signature lead: ``TM. ỦY BAN NHÂN DÂN TỈNH X``, ``CHỦ TỊCH ỦY BAN …``."""
    found = None
    for m, issuer, province in _hits(view, max(0, len(view) // 3)):
        lead = view[max(0, m.start() - 20):m.start()]
        if _upper(view, m) and _SIGNATURE_LEAD.search(lead):
            found = (issuer, province)
    return found


def body(view: str) -> tuple[str, str | None] | None:
    """The first body the text says issued or passed something: ``Ủy ban nhân dân tỉnh Thanh
    Hóa ban hành …``, ``HĐND tỉnh X đã thông qua …``."""
    for m, issuer, province in _hits(view):
        after = view[m.start("name"):m.start("name") + 100]
        skip = len(province or issuer.rsplit(" ", 1)[-1])
        if _BODY_ISSUE_VERB.match(after[skip:]):
            return issuer, province
    return None


def announcer(view: str) -> tuple[str, str | None] | None:
    """The closing formula of a notice: "Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh …
    biết, thực hiện" names the body that issues it (a national one; local ones are read above)."""
    found = None
    for m in _ANNOUNCES.finditer(view):
        name = " ".join(m.group("b").split()).upper()
        if name in I.NATIONAL_BODIES:
            found = (I.NATIONAL_BODIES[name], None)
    return found


def fallback(view: str, title_end: int | None, body_word: str | None) -> tuple[str, str | None] | None:
    """The issuer by the order above; ``body_word`` (``UBND``/``HĐND`` from a header that named
    the body without its province) must agree with what is found."""
    for found in (authority_line(view, title_end) if title_end is not None else None, signature(view),
                  body(view), None if body_word else announcer(view)):
        if found and (body_word is None or found[0].startswith(body_word)):
            return found
    return None
