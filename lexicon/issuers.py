"""Issuing bodies, provinces and official titles.

Provinces: the 63 provinces of 2008–2025 plus the 34 units after the merger of 1 July 2025
(Resolution 202/2025/QH15). A document keeps the name it was written with (a 2023 news page
says "Hải Dương"); ``MERGED_INTO`` maps an old province to the one it became part of, for
search filters.
"""

from __future__ import annotations

# Centrally governed cities (thành phố trực thuộc trung ương); Huế since 2025.
CITIES: tuple[str, ...] = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")

# The 34 provincial units from 1 July 2025 (cities included).
PROVINCES_2025: tuple[str, ...] = (
    *CITIES,
    "Cao Bằng", "Điện Biên", "Lai Châu", "Lạng Sơn", "Quảng Ninh", "Sơn La", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip

# Provinces merged away on 1 July 2025 → the province they joined.
MERGED_INTO: dict[str, str] = {
    "Hà Giang": "Tuyên Quang",
    "Yên Bái": "Lào Cai",
    "Bắc Kạn": "Thái Nguyên",
    "Vĩnh Phúc": "Phú Thọ",
    "Hòa Bình": "Phú Thọ",
    "Bắc Giang": "Bắc Ninh",
    "Thái Bình": "Hưng Yên",
    "Hải Dương": "Hải Phòng",
    "Hà Nam": "Ninh Bình",
    "Nam Định": "Ninh Bình",
    "Quảng Bình": "Quảng Trị",
    "Quảng Nam": "Đà Nẵng",
    "Kon Tum": "Quảng Ngãi",
    "Bình Định": "Gia Lai",
    "Ninh Thuận": "Khánh Hòa",
    "Đắk Nông": "Lâm Đồng",
    "Bình Thuận": "Lâm Đồng",
    "Phú Yên": "Đắk Lắk",
    "Bình Dương": "Hồ Chí Minh",
    "Bà Rịa - Vũng Tàu": "Hồ Chí Minh",
    "Bình Phước": "Đồng Nai",
    "Long An": "Tây Ninh",
    "Sóc Trăng": "Cần Thơ",
    "Hậu Giang": "Cần Thơ",
    "Bến Tre": "Vĩnh Long",
    "Trà Vinh": "Vĩnh Long",
    "Tiền Giang": "Đồng Tháp",
    "Bạc Liêu": "Cà Mau",
    "Kiên Giang": "An Giang",
}

PROVINCES: tuple[str, ...] = (*PROVINCES_2025, *MERGED_INTO, "Thừa Thiên Huế")

# Other spellings → the name above.
PROVINCE_ALIASES: dict[str, str] = {
    "TP. Hồ Chí Minh": "Hồ Chí Minh",
    "TP.HCM": "Hồ Chí Minh",
    "TPHCM": "Hồ Chí Minh",
    "TP HCM": "Hồ Chí Minh",
    "Bà Rịa Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bà Rịa – Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Thừa Thiên-Huế": "Thừa Thiên Huế",
    "Đắc Lắc": "Đắk Lắk",
    "Daklak": "Đắk Lắk",
}

# Administrative levels written after a body's name in a header: ỦY BAN NHÂN DÂN / TỈNH X.
LEVELS: dict[str, str] = {
    "TỈNH": "tỉnh",
    "THÀNH PHỐ": "thành phố",
    "TP.": "thành phố",
    "TP": "thành phố",
    "HUYỆN": "huyện",
    "QUẬN": "quận",
    "THỊ XÃ": "thị xã",
    "XÃ": "xã",
    "PHƯỜNG": "phường",
    "THỊ TRẤN": "thị trấn",
    "ĐẶC KHU": "đặc khu",
}

# Local bodies named with a level: header form (upper case) → short form used in records.
LOCAL_BODIES: dict[str, str] = {
    "ỦY BAN NHÂN DÂN": "UBND",
    "UỶ BAN NHÂN DÂN": "UBND",
    "UBND": "UBND",
    "HỘI ĐỒNG NHÂN DÂN": "HĐND",
    "HĐND": "HĐND",
}

# National bodies whose header line is the whole name (upper case) → record form.
NATIONAL_BODIES: dict[str, str] = {
    "THỦ TƯỚNG CHÍNH PHỦ": "Thủ tướng Chính phủ",
    "VĂN PHÒNG CHÍNH PHỦ": "Văn phòng Chính phủ",
    "CHÍNH PHỦ": "Chính phủ",
    "QUỐC HỘI": "Quốc hội",
    "ỦY BAN THƯỜNG VỤ QUỐC HỘI": "Ủy ban Thường vụ Quốc hội",
    "CHỦ TỊCH NƯỚC": "Chủ tịch nước",
    "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM": "Ngân hàng Nhà nước Việt Nam",
    "BAN CHẤP HÀNH TRUNG ƯƠNG": "Ban Chấp hành Trung ương",
    "KIỂM TOÁN NHÀ NƯỚC": "Kiểm toán Nhà nước",
    "TÒA ÁN NHÂN DÂN TỐI CAO": "Tòa án nhân dân tối cao",
    "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO": "Viện kiểm sát nhân dân tối cao",
}

# Words of ministry and department names that keep a capital letter in the record form
# ("Bộ Tài chính", "Sở Thông tin và Truyền thông"): each capitalised word after Bộ/Sở/Cục.
ORG_HEADS: tuple[str, ...] = (
    "BỘ", "SỞ", "CỤC", "TỔNG CỤC", "VỤ", "BAN", "THUẾ", "CHI CỤC", "VĂN PHÒNG", "TRUNG TÂM", "HẢI QUAN",
)  # fmt: skip

# Issuer codes in a document number (after the type code) → issuing body.
# ``UBND``/``HĐND`` are left to the context (which province), so they are not here.
ISSUER_CODES: dict[str, str] = {
    "TTG": "Thủ tướng Chính phủ",
    "CP": "Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "CTN": "Chủ tịch nước",
    "TW": "Ban Chấp hành Trung ương",
    "BTC": "Bộ Tài chính",
    "BNV": "Bộ Nội vụ",
    "BYT": "Bộ Y tế",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BNG": "Bộ Ngoại giao",
    "BTP": "Bộ Tư pháp",
    "BCT": "Bộ Công Thương",
    "BXD": "Bộ Xây dựng",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BDTTG": "Bộ Dân tộc và Tôn giáo",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BGTVT": "Bộ Giao thông vận tải",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "TANDTC": "Tòa án nhân dân tối cao",
    "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "KTNN": "Kiểm toán Nhà nước",
    "STTTT": "Sở Thông tin và Truyền thông",
    "STC": "Sở Tài chính",
    "SNV": "Sở Nội vụ",
    "SYT": "Sở Y tế",
    "STP": "Sở Tư pháp",
    "SCT": "Sở Công Thương",
    "SXD": "Sở Xây dựng",
    "SGDĐT": "Sở Giáo dục và Đào tạo",
    "SKHCN": "Sở Khoa học và Công nghệ",
    "SNNMT": "Sở Nông nghiệp và Môi trường",
    "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
    "SKHĐT": "Sở Kế hoạch và Đầu tư",
    "SNNPTNT": "Sở Nông nghiệp và Phát triển nông thôn",
    "STNMT": "Sở Tài nguyên và Môi trường",
    "SGTVT": "Sở Giao thông vận tải",
    "SLĐTBXH": "Sở Lao động - Thương binh và Xã hội",
    "SNN": "Sở Nông nghiệp và Phát triển nông thôn",
    "CAT": "Công an tỉnh",
}

# Party documents are numbered NUMBER-TYPE/ORGAN (57-NQ/TW, 09-NQ/TU): organ code → body.
PARTY_ISSUERS: dict[str, str] = {
    "TW": "Ban Chấp hành Trung ương",
    "TU": "Ban Thường vụ Tỉnh ủy",
    "TƯ": "Ban Chấp hành Trung ương",
    "ĐU": "Ban Thường vụ Đảng ủy",
    "HU": "Ban Thường vụ Huyện ủy",
    "TU-BCS": "Ban cán sự đảng",
}

# Official titles, upper-case form → record form, longest first (so PHÓ CHỦ TỊCH wins).
TITLES: tuple[tuple[str, str], ...] = (
    ("PHÓ THỦ TƯỚNG", "Phó Thủ tướng"),
    ("THỦ TƯỚNG", "Thủ tướng"),
    ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
    ("CHỦ TỊCH", "Chủ tịch"),
    ("THỨ TRƯỞNG", "Thứ trưởng"),
    ("BỘ TRƯỞNG", "Bộ trưởng"),
    ("PHÓ TỔNG GIÁM ĐỐC", "Phó Tổng Giám đốc"),
    ("TỔNG GIÁM ĐỐC", "Tổng Giám đốc"),
    ("PHÓ GIÁM ĐỐC", "Phó Giám đốc"),
    ("GIÁM ĐỐC", "Giám đốc"),
    ("PHÓ CHÁNH VĂN PHÒNG", "Phó Chánh Văn phòng"),
    ("CHÁNH VĂN PHÒNG", "Chánh Văn phòng"),
    ("PHÓ CỤC TRƯỞNG", "Phó Cục trưởng"),
    ("CỤC TRƯỞNG", "Cục trưởng"),
    ("PHÓ VỤ TRƯỞNG", "Phó Vụ trưởng"),
    ("VỤ TRƯỞNG", "Vụ trưởng"),
    ("PHÓ CHỦ NHIỆM", "Phó Chủ nhiệm"),
    ("CHỦ NHIỆM", "Chủ nhiệm"),
    ("PHÓ TRƯỞNG BAN", "Phó Trưởng ban"),
    ("TRƯỞNG BAN", "Trưởng ban"),
    ("PHÓ TRƯỞNG", "Phó Trưởng"),
    ("TRƯỞNG", "Trưởng"),
    ("PHÓ BÍ THƯ", "Phó Bí thư"),
    ("BÍ THƯ", "Bí thư"),
    ("THỦ TRƯỞNG", "Thủ trưởng"),
    ("CHÁNH ÁN", "Chánh án"),
    ("VIỆN TRƯỞNG", "Viện trưởng"),
    ("TỔNG KIỂM TOÁN", "Tổng Kiểm toán"),
    ("THỐNG ĐỐC", "Thống đốc"),
    ("PHÓ THỐNG ĐỐC", "Phó Thống đốc"),
)

# Titles held by the head of a people's committee or council: completed with that body
# ("Chủ tịch UBND tỉnh Nghệ An"); other titles are completed only with a body they can head.
COUNCIL_TITLES: tuple[str, ...] = ("Chủ tịch", "Phó Chủ tịch")

# Prefixes of a signature block: on behalf of (thay mặt), deputising (ký thay), by
# authorisation (thừa ủy quyền, thừa lệnh), acting (quyền).
SIGN_PREFIXES: tuple[str, ...] = ("TM.", "T/M", "T.M.", "TM", "KT.", "K/T", "KT", "TUQ.", "TL.", "Q.", "PP.")

# Lines of a signature block that are not the signer's name.
SIGN_NOISE: tuple[str, ...] = ("(Đã ký)", "Đã ký", "(đã ký)", "(Đã ký và đóng dấu)", "(Ký tên, đóng dấu)")

# The national motto in a header's right column; removed before reading the issuer, since
# two-column headers interleave it with the issuer's lines.
MOTTO: tuple[str, ...] = (
    r"CỘNG\s+H[ÒOÓ]A\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM",
    r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc",
)

# Words kept in lower case inside an organisation name; the word after them is capitalised
# ("Sở Văn hóa, Thể thao và Du lịch").
ORG_JOINERS: tuple[str, ...] = ("và", ",", "-")

# Words of body names that never occur in a person's name: an all-caps line with one of them
# in a signature block is part of the body ("TM. ỦY BAN / MẶT TRẬN TỔ QUỐC"), not the signer.
NOT_NAME_WORDS: frozenset[str] = frozenset({
    "ỦY", "UỶ", "BAN", "HỘI", "ĐỒNG", "NHÂN", "DÂN", "MẶT", "TRẬN", "TỔ", "QUỐC", "CHÍNH", "PHỦ", "SỞ", "BỘ",
    "CỤC", "TỈNH", "THÀNH", "PHỐ", "HUYỆN", "XÃ", "PHƯỜNG", "VĂN", "PHÒNG", "TRUNG", "TÂM", "THUẾ", "LỤC",
    "DANH", "MỤC", "THỦ", "TỤC", "KÝ", "ĐÃ", "NƠI", "NHẬN", "KÍNH", "GỬI", "CỘNG", "HÒA", "VIỆT", "NAM",
})  # fmt: skip
