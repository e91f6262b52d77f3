"""Who signed: the signature block of a formal document (``TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH /
PHÓ CHỦ TỊCH / name``) or a news sentence (``Chủ tịch UBND tỉnh Hà Tĩnh Võ Trọng Hải vừa ký
quyết định số …``). The title is completed with the issuer (``Phó Chủ tịch UBND tỉnh Bắc Ninh``)
and the signer is written into the decision it signed.
"""

from __future__ import annotations

import re

from core.record import DecisionRef, Document, Signer
from extract.identity import find_province, near, org_case, plain
from extract.patterns import signatures as P
from extract.patterns import titles as PT
from lexicon import issuers as I

_UP = "A-ZÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_LOW = "a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"
_WORD = rf"[{_UP}][{_LOW}]+"
# A person's name: 2–5 capitalised syllables ("Võ Trọng Hải", "Mai Sơn").
_NAME_LINE = re.compile(rf"^(?:{_WORD})(?:\s+{_WORD}){{1,4}}$")
_FRAGMENT = re.compile(rf"^{_WORD}(?:\s+{_WORD})?$")
_CAPS_NAME_LINE = re.compile(rf"^[{_UP}]+(?:\s+[{_UP}]+){{1,4}}$")
_TITLE_WORDS = [t for t, _ in I.TITLES]
_TITLE_RX = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in _TITLE_WORDS) + r")(?!\w)")
_PREFIX_RX = re.compile(r"^(?:" + "|".join(re.escape(p) for p in I.SIGN_PREFIXES) + r")(?=\s|$)")
_PREFIX_SEARCH = re.compile(r"(?<!\S)(?:" + "|".join(re.escape(p) for p in I.SIGN_PREFIXES) + r")(?=\s)")
_NOISE = re.compile(P.NOISE_LINE, re.IGNORECASE)
_NOISE_INLINE = re.compile(P.NOISE_INLINE, re.IGNORECASE)
_JUNK = re.compile(P.TRAILING_JUNK)
_NOI_NHAN = re.compile(P.NOI_NHAN)
_TITLE_FORM = dict(I.TITLES)
_RANK = re.compile(rf"^(?:{PT.RANKS})\s+", re.IGNORECASE)

# News: "<title> <Name> vừa ký …" and "<Name>, <title>, đã ký …".
_RECORD_TITLES = sorted({v for _, v in I.TITLES}, key=len, reverse=True)
_SIGN_VERB = P.SIGN_VERB
_VERB_RX = re.compile(_SIGN_VERB)
_NEWS_A = re.compile(
    r"(?P<title>(?<!\w)(?i:" + "|".join(re.escape(t) for t in _RECORD_TITLES) + r")(?:\s+[^\s,.;:\n]+){0,9}?)"
    rf"\s+(?P<name>{_WORD}(?:\s+{_WORD}){{1,4}})\s+{_SIGN_VERB}"
)
_NEWS_B = re.compile(
    rf"{P.NEWS_HONORIFICS}?\s*(?P<name>{_WORD}(?:\s+{_WORD}){{1,3}}),\s*"
    r"(?P<title>(?i:" + "|".join(re.escape(t) for t in _RECORD_TITLES) + r")[^,\n]{0,80}),\s*" + _SIGN_VERB
)


def _lines(view: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for raw in view.split("\n"):
        line = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        out.append((pos + lead, _unjunk(line)))
        pos += len(raw) + 1
    return out


def _unjunk(line: str) -> str:
    """``PHÓ THỦ TƯỚNGy]`` → ``PHÓ THỦ TƯỚNG``: residue glued to a caps title line is dropped."""
    cut = _JUNK.sub("", line)
    return cut if cut != line and _is_caps_title(cut) and _TITLE_RX.search(cut) else line


def _garbage(line: str) -> bool:
    """A seal or handwriting read by OCR: few letters, or more other marks than letters."""
    if _FRAGMENT.match(line.strip(" .,")):
        return False  # "Vũ": the first syllable of a name broken over two lines
    letters = sum(c.isalpha() for c in line)
    others = sum(not c.isalnum() and not c.isspace() for c in line)
    return letters < P.GARBAGE_MIN_LETTERS or others > letters


def _flattened(start: int, line: str) -> Signer | None:
    """A block flattened onto one line: ``TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn
    Hữu Tháp``, ``CHỦ TỊCH     Huỳnh Tấn Việt``. The caps run from its first prefix or title word
    to the last title word is the block; what follows it must be a person's name and nothing else."""
    clean = _NOISE_INLINE.sub(lambda m: " " * len(m.group(0)), line)
    hits = list(_TITLE_RX.finditer(clean))
    if not hits or clean == clean.upper():
        return None
    last = hits[-1]
    rest = clean[last.end():]
    tail = rest.strip()
    name = _person(tail)
    if not name:
        # the body after the title, upper case, then the name: "CHỦ TỊCH UBND TỈNH X Nguyễn Văn A"
        m = re.match(rf"^\s*([{_UP}][{_UP}.\- ]*?)\s+({_WORD}(?:\s+{_WORD}){{1,4}})\s*[.,;]?$", rest)
        if not m or _person(m.group(1)):
            return None
        name, body_end = m.group(2), last.end() + m.end(1)
    else:
        body_end = last.end()
    words = clean[:body_end].split(" ")
    caps_from = len(clean[:body_end])
    for w in reversed(words):  # the caps run ending at the title (or its body)
        if w and w != w.upper():
            break
        caps_from -= len(w) + 1
    caps_from = max(0, caps_from + 1)
    run = clean[caps_from:body_end]
    first = min([m.start() for m in (_PREFIX_SEARCH.search(run), _TITLE_RX.search(run)) if m] or [0])
    caps = " ".join(run[first:].split())
    if not (_PREFIX_RX.match(caps) or _TITLE_RX.match(caps)) or len(caps.split()) > 16:
        return None
    title = _block_title(caps)
    at = clean.find(name, body_end)
    return Signer(name=name, title=title, span=(start + caps_from + first, start + at + len(name)))


def _is_caps_title(line: str) -> bool:
    return bool(line) and line.upper() == line and any(c.isalpha() for c in line)


def _block_title(caps: str) -> str | None:
    """The signer's own title in a block: the last title named, after TM./KT. prefixes."""
    hits = list(_TITLE_RX.finditer(caps))
    if not hits:
        body = _PREFIX_RX.sub("", caps, count=1).strip(" .:")
        short = len(body.split()) <= P.BODY_TITLE_MAX_WORDS
        if body and body != caps and short and not _PREFIX_RX.match(body):
            return org_case(body)  # "T/M BỘ CHÍNH TRỊ": the body signs
        return None
    last = hits[-1]
    rest = caps[last.end():].strip(" .:")
    title = _TITLE_FORM[last.group(1)]
    return f"{title} {org_case(rest)}" if rest and not _PREFIX_RX.match(rest) else title


def _person(line: str) -> str | None:
    line = _RANK.sub("", line.strip(" .,:;"))  # "Thượng tướng Vũ Hải Sản"
    if _NAME_LINE.match(line):
        return line
    words = set(line.split())
    if _CAPS_NAME_LINE.match(line) and not _TITLE_RX.search(line) and not I.NOT_NAME_WORDS & words:
        return " ".join(w.capitalize() for w in line.split())
    return None


def _name_follows(lines: list[tuple[int, str]], k: int) -> bool:
    """A person's name in mixed case on the first line with text at or after ``k``."""
    while k < len(lines) and not lines[k][1]:
        k += 1
    return k < len(lines) and bool(_NAME_LINE.match(_RANK.sub("", lines[k][1].strip(" .,:;"))))


def signature_blocks(text: str) -> list[Signer]:
    """Every caps title block followed by a name line; the title as written in the block."""
    lines = _lines(plain(text))
    found: list[Signer] = []
    i = 0
    while i < len(lines):
        start, line = lines[i]
        if not _is_caps_title(line):
            flat = _flattened(start, line) if line else None
            if flat is not None:
                found.append(flat)
            i += 1
            continue
        run: list[int] = []  # indexes of the block's caps lines
        j = i
        while j < len(lines) and (not lines[j][1] or _is_caps_title(lines[j][1])) and len(run) < 8:
            if lines[j][1]:
                run.append(j)
            j += 1
        caps_name = None
        for pos, r in enumerate(run[1:], start=1):
            # An all-caps name right under the title: "PHÓ CHỦ TỊCH / NGUYỄN VĂN A".
            cand = lines[r][1]
            if not _TITLE_RX.search(cand) and not _PREFIX_RX.match(cand) and (caps_name := _person(cand)):
                if _name_follows(lines, run[-1] + 1):
                    caps_name = None  # "THỨ / TRỬỞNG THUỜNG TRỰC / Vũ Mạnh Hà": an OCR'd title line
                    break
                run, j = run[:pos], r
                break
        caps = " ".join(" ".join(lines[r][1] for r in run).split())
        last = lines[run[-1]][1] if run else ""
        ok_block = _PREFIX_RX.match(caps) or (_TITLE_RX.match(last) and len(last.split()) <= 7)
        title = _block_title(caps) if ok_block else None
        k = j
        skippable = lambda x: not lines[x][1] or _NOISE.match(lines[x][1]) or _garbage(lines[x][1])  # noqa: E731
        while not caps_name and k < min(len(lines), j + 6) and skippable(k):
            k += 1
        name = caps_name or (_person(lines[k][1]) if title and k < len(lines) else None)
        if title and not caps_name and k + 1 < len(lines) and _FRAGMENT.match(lines[k + 1][1]):
            # A name broken over two lines by the page layout: "Nguyễn Quỳnh / Thiện".
            name = _person(f"{lines[k][1]} {lines[k + 1][1]}") or name
        if title and name:
            n = k if name in lines[k][1] or caps_name else k + 1
            end = lines[n][0] + len(lines[n][1])
            found.append(Signer(name=name, title=title, span=(start, end)))
            i = k + 1
        else:
            i = max(j, i + 1)
    return found


def _complete(title: str | None, issuer: str | None, province: str | None) -> str | None:
    """``Phó Chủ tịch`` + issuer ``UBND tỉnh Bắc Ninh`` → ``Phó Chủ tịch UBND tỉnh Bắc Ninh``."""
    if not title:
        return title
    if title.endswith((" tỉnh", " thành phố")) and province:
        return f"{title} {province}"
    if title in _TITLE_FORM.values() and issuer:
        if issuer == "Thủ tướng Chính phủ":
            return f"{title} Chính phủ"
        if issuer.startswith(("UBND", "HĐND")) != (title in I.COUNCIL_TITLES):
            return title  # a Giám đốc does not head a UBND, nor a Chủ tịch a Sở
        return f"{title} {issuer}"
    return title


def _choose_block(blocks: list[Signer], text: str) -> Signer | None:
    """The main signature: the block nearest the first ``Nơi nhận``, else the first one."""
    if not blocks:
        return None
    nn = _NOI_NHAN.search(text)
    if nn is None:
        return blocks[0]
    return min(blocks, key=lambda b: abs((b.span or (0, 0))[0] - nn.start()))


def news_signers(text: str, province: str | None = None) -> list[Signer]:
    """Signers named in running text: ``Chủ tịch UBND tỉnh Hà Tĩnh Võ Trọng Hải vừa ký …``."""
    out: list[Signer] = []
    for rx in (_NEWS_A, _NEWS_B):
        for m in near(_VERB_RX, rx, text, 220, 20):
            name = m.group("name")
            title = _record_case(" ".join(m.group("title").split()))
            prov = find_province(name)
            if prov and prov[1] == 0:  # "… tỉnh Hà Tĩnh Võ Trọng Hải": the province belongs to the title
                cut = len(prov[0])
                title, name = f"{title} {name[:cut]}", name[cut:].strip()
                if len(name.split()) < 2:
                    continue
            start = m.start("name") + m.group("name").find(name)
            title = _complete(title, None, province)
            out.append(Signer(name=name, title=title, span=(start, start + len(name))))
    return out


def _record_case(title: str) -> str:
    """``Phó chủ tịch UBND …`` (news spelling) → ``Phó Chủ tịch UBND …``."""
    low = title.lower()
    head = next((t for t in _RECORD_TITLES if low.startswith(t.lower())), None)
    return head + title[len(head):] if head else title


def _link(decisions: list[DecisionRef], signer: Signer, *, self_only: bool) -> list[DecisionRef]:
    """Write the signer into the decision it signed: ``self``, or the one named right after it."""
    out = list(decisions)
    end = (signer.span or (0, 0))[1]
    target = None
    if self_only:
        target = next((i for i, d in enumerate(out) if d.relation == "self"), None)
    else:
        # only a document the page reports was signed by the person named before it; one it
        # merely cites ("… ký ban hành văn bản triển khai Quyết định 1012/QĐ-TTg") was not
        near = [(i, d) for i, d in enumerate(out)
                if d.relation == "reported" and d.span and 0 <= d.span[0] - end <= 120]
        target = min(near, key=lambda x: x[1].span[0])[0] if near else None  # type: ignore[index]
    if target is not None and out[target].signer is None:
        update = {"signer": signer.name, "signer_title": signer.title}
        body = re.search(r"\b(?:UBND|HĐND)\b.*", signer.title or "")
        if out[target].issuer is None and body:
            update["issuer"] = body.group(0)  # "Chủ tịch UBND tỉnh Hà Tĩnh" signs for UBND tỉnh Hà Tĩnh
        out[target] = out[target].model_copy(update=update)
    return out


def apply(doc: Document) -> Document:
    signers: list[Signer] = []
    decisions = doc.decisions
    if doc.kind != "news":
        main = _choose_block(signature_blocks(doc.text), doc.text)
        if main is not None:
            main = main.model_copy(update={"title": _complete(main.title, doc.issuer, doc.province)})
            signers.append(main)
            decisions = _link(decisions, main, self_only=True)
    # a news sentence names who signed what the page reports; in a formal text (its signature
    # block says who signed) or an encyclopedia article such sentences recall other acts
    for s in news_signers(doc.text, doc.province) if doc.kind == "news" else []:
        if not any(x.name == s.name for x in signers):
            signers.append(s)
            decisions = _link(decisions, s, self_only=False)
    return doc.model_copy(update={"signers": signers, "decisions": decisions})
