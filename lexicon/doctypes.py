"""Document types: their names, their codes in a document number, and the record ``kind``.

A Vietnamese document number is ``NUMBER[/YEAR]/TYPE-ISSUER`` (``1085/QĐ-UBND``,
``12/2021/NQ-HĐND``, ``210/TTr-STTTT``); an official letter (công văn) has no type code:
``4001/UBND-ĐT``, ``5348/CT-CS``. The type code tells the type, the issuer code the level.
"""

from __future__ import annotations

import re

from lexicon import issuers as I

_UP = "A-ZÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"

# A document number: 1085/QĐ-UBND, 12/2021/NQ-HĐND, 2536 /QĐ-UBND, 210/TTr-STTTT, 72/2025/QH15.
NUMBER = (
    rf"(?P<n>\d{{1,6}})\s?(?:/\s?(?P<y>(?:19|20)\d{{2}})\s?)?/\s?"
    rf"(?P<code>[{_UP}][A-Za-zĐđ]{{0,7}}\d{{0,2}}"
    # further segments: -UBND, -TTg, -V.I; spaced hyphens only before upper-case codes
    rf"(?:-[{_UP}0-9](?:[\w&.]*[\w&])?|\s?-\s?[{_UP}0-9][{_UP}0-9&]*)*)"
)
NUMBER_RX = re.compile(rf"(?<![\w/]){NUMBER}(?![\w/])")

# A Party document's number: the number, a hyphen, the type code, the committee: 221-KL/TW,
# 15-QĐ/ĐU.
PARTY_NUMBER = r"(?P<pn>\d{1,5})-(?P<pcode>[A-ZĐ]{2,4})/(?P<porg>[A-ZĐ]{2,6})"

# Type name (as written in running text) → record kind (SPEC §2 ``kind``). Directives (Chỉ thị),
# notices (Thông báo) and dispatches (Công điện) are administrative letters, not legal norms:
# official_letter, as the annotation guide has it.
TYPE_KIND: dict[str, str] = {
    "Quyết định": "decision",
    "Nghị quyết": "resolution",
    "Kế hoạch": "plan",
    "Công văn": "official_letter",
    "Văn bản": "official_letter",
    "Báo cáo": "report",
    "Nghị định": "other",
    "Thông tư": "other",
    "Thông tư liên tịch": "other",
    "Chỉ thị": "official_letter",
    "Thông báo": "official_letter",
    "Tờ trình": "other",
    "Công điện": "official_letter",
    "Hướng dẫn": "other",
    "Chương trình": "plan",
    "Đề án": "other",
    "Luật": "other",
    "Bộ luật": "other",
    "Pháp lệnh": "other",
    "Hiến pháp": "other",
    "Quy chế": "other",
    "Quy định": "other",
    "Kết luận": "other",
    "Văn bản hợp nhất": "other",
    "Đơn đề nghị": "other",
}

# Type code in a number → type name. Upper-case keys; ``TTr`` is written with a small r.
TYPE_CODES: dict[str, str] = {
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "TTR": "Tờ trình",
    "CĐ": "Công điện",
    "HD": "Hướng dẫn",
    "CTR": "Chương trình",
    "ĐA": "Đề án",
    "QH": "Luật",  # 72/2025/QH15: a law passed by the National Assembly of the 15th term
    "PL": "Pháp lệnh",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "L-CTN": "Luật",  # promulgation order of a law by the President
    "VBHN": "Văn bản hợp nhất",  # consolidated text (23/VBHN-VPQH)
    "ĐĐN": "Đơn đề nghị",
    "CV": "Công văn",
}

# Issuer codes whose level is not read from their first letter (B… ministry, S… department).
ISSUER_LEVELS: dict[str, str] = {
    "TTG": "national",
    "CP": "national",
    "VPCP": "national",
    "QH": "national",
    "UBTVQH": "national",
    "CTN": "national",
    "NHNN": "ministry",
    "UBND": "local",
    "HĐND": "local",
    "TW": "party",
    "TU": "party",
}

# Codes typed without Đ (ASCII keyboards, OCR), or upper-cased, → the canonical code.
# Keys are upper case. Two codes keep a small letter by convention: TTg (Thủ tướng), TTr (tờ trình).
ASCII_CODES: dict[str, str] = {
    "TTG": "TTg",
    "QD": "QĐ",
    "ND": "NĐ",
    "HDND": "HĐND",
    "CD": "CĐ",
    "DA": "ĐA",
    "BGDDT": "BGDĐT",
    "BKHDT": "BKHĐT",
    "SGDDT": "SGDĐT",
    "SKHDT": "SKHĐT",
    "TTR": "TTr",
}

# Title words that head a formal document (upper case, on their own line) → type name.
# Longest first so ``THÔNG TƯ LIÊN TỊCH`` wins over ``THÔNG TƯ``.
TITLE_WORDS: tuple[tuple[str, str], ...] = (
    ("THÔNG TƯ LIÊN TỊCH", "Thông tư liên tịch"),
    ("QUYẾT ĐỊNH", "Quyết định"),
    ("NGHỊ QUYẾT", "Nghị quyết"),
    ("NGHỊ ĐỊNH", "Nghị định"),
    ("THÔNG TƯ", "Thông tư"),
    ("KẾ HOẠCH", "Kế hoạch"),
    ("CHỈ THỊ", "Chỉ thị"),
    ("BÁO CÁO", "Báo cáo"),
    ("THÔNG BÁO", "Thông báo"),
    ("TỜ TRÌNH", "Tờ trình"),
    ("CÔNG ĐIỆN", "Công điện"),
    ("CÔNG VĂN", "Công văn"),
    ("HƯỚNG DẪN", "Hướng dẫn"),
    ("CHƯƠNG TRÌNH", "Chương trình"),
    ("ĐỀ ÁN", "Đề án"),
    ("KẾT LUẬN", "Kết luận"),
    ("VĂN BẢN HỢP NHẤT", "Văn bản hợp nhất"),
    ("HIẾN PHÁP", "Hiến pháp"),
    ("BỘ LUẬT", "Bộ luật"),
    ("LUẬT", "Luật"),
    ("PHÁP LỆNH", "Pháp lệnh"),
)

# Type names that introduce a cited document in running text ("Căn cứ Quyết định số …").
# Longest first; matched case-insensitively.
CITED_TYPES: tuple[str, ...] = (
    "Thông tư liên tịch",
    "Quyết định",
    "Nghị quyết",
    "Nghị định",
    "Thông tư",
    "Kế hoạch",
    "Chỉ thị",
    "Công văn",
    "Văn bản",
    "Báo cáo",
    "Thông báo",
    "Tờ trình",
    "Công điện",
    "Hướng dẫn",
    "Chương trình",
    "Kết luận",
    "Đề án",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Đơn đề nghị",
)

# Marks of an official letter in its header: "V/v thuế suất thuế GTGT" (về việc).
LETTER_MARK = r"\bV/v\b"


# ---- reading a number with the tables above ------------------------------------------------


def _split_glued(code: str) -> str:
    """``NĐCP`` → ``NĐ-CP``, ``TTBTC`` → ``TT-BTC``: a type code typed without its hyphen, split
    only when the rest is a known issuer or a ministry/department code (B…, S…)."""
    up = code.upper()
    if "-" in up or up in TYPE_CODES or up in I.ISSUER_CODES:
        return code
    for t in sorted(TYPE_CODES, key=len, reverse=True):
        rest = up[len(t):]
        if up.startswith(t) and (rest in I.ISSUER_CODES or rest in ("UBND", "HĐND", "HDND")
                                 or (len(rest) >= 3 and rest[0] in "BS")):
            return f"{code[:len(t)]}-{code[len(t):]}"
    return code


def canonical_number(raw: str) -> str:
    """``2536 /qd-ubnd`` → ``2536/QĐ-UBND``: no spaces, upper case, Đ restored, ``TTr`` kept."""
    parts = re.sub(r"\s+", "", raw).split("/")
    code = _split_glued(parts[-1].replace("–", "-"))
    segs = []
    for seg in code.split("-"):
        up = seg.upper()
        base = up.rstrip("0123456789")
        fixed = ASCII_CODES.get(base)
        segs.append(fixed + up[len(base):] if fixed else up)
    return "/".join([*parts[:-1], "-".join(segs)])


def _code_segments(number: str) -> list[str]:
    return [s.rstrip("0123456789").upper() for s in number.rsplit("/", 1)[-1].split("-")]


def type_of_number(number: str) -> str | None:
    """The document type a number's type code names (``QĐ`` → Quyết định), if any."""
    segs = _code_segments(number)
    if "-".join(segs[:2]) in TYPE_CODES:
        return TYPE_CODES["-".join(segs[:2])]
    return TYPE_CODES.get(segs[0]) if segs and segs[0] else None


def issuer_of_number(number: str) -> str | None:
    """The issuing body a number's issuer code names (``TTg`` → Thủ tướng Chính phủ), if any."""
    segs = _code_segments(number)
    for seg in reversed((segs[1:] or segs) if type_of_number(number) else segs):
        if seg in I.ISSUER_CODES:
            return I.ISSUER_CODES[seg]
    return None


def level_of_number(number: str) -> str | None:
    """Administrative level of the issuer a number names: ``QĐ-TTg`` → national, ``TT-BTC`` →
    ministry, ``NQ-HĐND`` / ``QĐ-UBND`` → local, ``TTr-STTTT`` → department."""
    for seg in reversed(_code_segments(number)[1:] or _code_segments(number)):
        if seg in ISSUER_LEVELS:
            return ISSUER_LEVELS[seg]
        if seg in I.ISSUER_CODES:
            return "ministry" if seg.startswith("B") else "department" if seg.startswith("S") else "national"
    return None
