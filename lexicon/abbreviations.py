"""Abbreviations of Vietnamese administrative writing → their expansions, and ``expand``/``find``
that apply the table.

Used by extraction (to read "Sở NN&PTNT" as a department's name) and by search (so a query for
"UBND tỉnh" finds "Ủy ban nhân dân tỉnh" and the reverse). Keys are matched as whole tokens and
case-sensitively: "CT" alone is too ambiguous (Chủ tịch, Chỉ thị, Cục Thuế) and is left out.
"""

from __future__ import annotations

import re

ABBREVIATIONS: dict[str, str] = {
    # bodies
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "ĐBQH": "Đại biểu Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "BCH": "Ban Chấp hành",
    "BCĐ": "Ban Chỉ đạo",
    "TW": "Trung ương",
    "VPCP": "Văn phòng Chính phủ",
    "VPUB": "Văn phòng Ủy ban nhân dân",
    "TTg": "Thủ tướng",
    "CP": "Chính phủ",
    "NHNN": "Ngân hàng Nhà nước",
    "KBNN": "Kho bạc Nhà nước",
    # sectors, as in the names of ministries and departments
    "TT&TT": "Thông tin và Truyền thông",
    "TTTT": "Thông tin và Truyền thông",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "NNPTNT": "Nông nghiệp và Phát triển nông thôn",
    "NN&MT": "Nông nghiệp và Môi trường",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "KHĐT": "Kế hoạch và Đầu tư",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo",
    "TN&MT": "Tài nguyên và Môi trường",
    "TNMT": "Tài nguyên và Môi trường",
    "KH&CN": "Khoa học và Công nghệ",
    "KHCN": "Khoa học và Công nghệ",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "VH-TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "GTVT": "Giao thông vận tải",
    "CNTT": "công nghệ thông tin",
    # digital transformation vocabulary
    "CĐS": "chuyển đổi số",
    "DVC": "dịch vụ công",
    "DVCTT": "dịch vụ công trực tuyến",
    "TTHC": "thủ tục hành chính",
    "CCHC": "cải cách hành chính",
    "CQĐT": "chính quyền điện tử",
    "CQS": "chính quyền số",
    "CPĐT": "Chính phủ điện tử",
    "CPS": "Chính phủ số",
    "KTS": "kinh tế số",
    "XHS": "xã hội số",
    "CSDL": "cơ sở dữ liệu",
    "HTTT": "hệ thống thông tin",
    "ATTT": "an toàn thông tin",
    "TTPVHCC": "Trung tâm Phục vụ hành chính công",
    "IOC": "Trung tâm điều hành thông minh",
    # places and levels
    "TP.HCM": "Thành phố Hồ Chí Minh",
    "TP. HCM": "Thành phố Hồ Chí Minh",
    "TPHCM": "Thành phố Hồ Chí Minh",
    "TP": "thành phố",
    "TX": "thị xã",
    "TT": "thị trấn",
    "ĐVHC": "đơn vị hành chính",
    "CQĐP": "chính quyền địa phương",
    # document types
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "KH": "Kế hoạch",
    "TTr": "Tờ trình",
    "CV": "Công văn",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "VBQPPL": "văn bản quy phạm pháp luật",
    # people
    "PCT": "Phó Chủ tịch",
    "CVP": "Chánh Văn phòng",
    "PCVP": "Phó Chánh Văn phòng",
    "GĐ": "Giám đốc",
    "PGĐ": "Phó Giám đốc",
    # economy and education
    "GRDP": "tổng sản phẩm trên địa bàn",
    "NSNN": "ngân sách nhà nước",
    "THPT": "trung học phổ thông",
    "THCS": "trung học cơ sở",
    "DN": "doanh nghiệp",
    "DNNVV": "doanh nghiệp nhỏ và vừa",
    "HTX": "hợp tác xã",
    "KCN": "khu công nghiệp",
    "KCX": "khu chế xuất",
    "CCN": "cụm công nghiệp",
    "GDP": "tổng sản phẩm trong nước",
    "CPI": "chỉ số giá tiêu dùng",
    "PCI": "chỉ số năng lực cạnh tranh cấp tỉnh",
    "NTM": "nông thôn mới",
    "ĐMST": "đổi mới sáng tạo",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "GDMN": "giáo dục mầm non",
    "CBQL": "cán bộ quản lý",
    "CBCCVC": "cán bộ, công chức, viên chức",
    "ĐBSCL": "Đồng bằng sông Cửu Long",
    # social programmes
    "PCMT": "phòng, chống ma túy",
}

# Abbreviations that only stand for their expansion right after "Sở"/"Bộ" (else too ambiguous):
# "Sở TT" is not a thing, but "TT" alone is a thị trấn or a Thông tư.
ORG_ONLY: frozenset[str] = frozenset({"TTTT", "KHĐT", "GDĐT", "TNMT", "KHCN", "NNPTNT", "LĐTBXH", "VHTTDL"})


# ---- applying the table -----------------------------------------------------------------------

# Longest first so "NN&PTNT" wins over "NN"; a token is bounded by non-word characters other
# than "&" and "-" (which live inside abbreviations).
_KEYS = sorted(ABBREVIATIONS, key=len, reverse=True)
_TOKEN = re.compile(r"(?<![\w&\-/])(" + "|".join(re.escape(k) for k in _KEYS) + r")(?![\w&]|[-./]\w)")
_ORG_BEFORE = re.compile(r"(?:Sở|Bộ|Ngành|ngành|sở|bộ)\s+$")


def expansion(abbr: str) -> str | None:
    """The expansion of one abbreviation, or None."""
    return ABBREVIATIONS.get(abbr)


def expand(text: str) -> str:
    """``text`` with every known abbreviation replaced by its expansion."""

    def repl(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in ORG_ONLY and not _ORG_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
            return key
        return ABBREVIATIONS[key]

    return _TOKEN.sub(repl, text)


def find(text: str) -> list[tuple[int, int, str]]:
    """Abbreviations in ``text`` as ``(start, end, expansion)``, e.g. to index both forms."""
    return [(m.start(), m.end(), ABBREVIATIONS[m.group(1)]) for m in _TOKEN.finditer(text)]
