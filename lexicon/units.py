"""Units a Vietnamese plan or report writes after a figure, as data.

``extract/patterns/targets.py`` builds its value grammar from these lists, and
``extract/numbers.py`` reads scale words from here, so a new unit is one line below. Every
entry is a lower-case phrase as written (case is ignored when matching); longer phrases are
tried first, so "lượt khách" wins over "lượt" and "trạm y tế" over "trạm".

Money and counts keep their scale word in the unit, as the real gold's annotation guide says
("12.000 tỷ đồng" is value 12000, unit "tỷ đồng"; "2,5 triệu lượt khách" is 2.5, "triệu lượt
khách"); money is told apart because its unit is canonicalised ("đô la Mỹ" is "USD").
"""

from __future__ import annotations

import re

# Scale words that multiply a number; "nghìn tỷ" (10^12) is the product of its parts.
SCALES: dict[str, float] = {
    "nghìn": 1e3,
    "ngàn": 1e3,
    "triệu": 1e6,
    "tỷ": 1e9,
    "tỉ": 1e9,
}
# As a money unit's prefix, compound scales first.
MONEY_SCALES: list[str] = ["nghìn tỷ", "ngàn tỷ", "nghìn", "ngàn", "triệu", "tỷ", "tỉ"]

# Currencies; a money unit may carry up to two "per" parts: "triệu đồng/người/năm".
CURRENCIES: list[str] = ["đồng", "usd", "đô la mỹ", "đô la", "euro"]
# One column per unit whatever the spelling: "tỉ" is "tỷ", the dollar its code.
_SPELLINGS = ((re.compile(r"(?<![\wÀ-ỹ])tỉ(?![\wÀ-ỹ])"), "tỷ"),
              (re.compile(r"(?<![\wÀ-ỹ])(?:usd|đô la(?: mỹ)?)(?![\wÀ-ỹ])"), "USD"))

# Percentages: a share, or a yearly rate ("bình quân 6,5%/năm").
PERCENT_UNITS: list[str] = ["%/năm", "%"]

# Counts and measures. Grouped by what they count; each group's comment says why it is here.
COUNT_UNITS: list[str] = [
    # area, length, energy, weight (production targets: "sản lượng thủy sản đạt trên 46.200 tấn")
    "km2", "km", "ha", "m2", "m3", "mw", "kwh", "tấn", "tạ", "lít",
    # age ("tuổi thọ trung bình đạt 75,5 tuổi")
    "tuổi",
    # people and households ("giải quyết việc làm cho 25.000 lao động")
    "lượt khách", "lượt người", "lượt", "người", "lao động", "hộ gia đình", "hộ",
    "học sinh", "học viên", "sinh viên", "cán bộ", "bác sĩ", "chuyên gia", "thuê bao", "tài khoản",
    # administrative units ("100 xã đạt chuẩn nông thôn mới")
    "xã", "phường", "thị trấn", "huyện", "thôn", "bản", "làng", "đô thị",
    # organisations and products
    "doanh nghiệp", "hợp tác xã", "sản phẩm", "dịch vụ", "dự án", "cơ sở", "trường",
    # infrastructure ("Đầu tư mới trạm 5G: 35 trạm")
    "giường bệnh", "căn hộ", "căn", "công trình", "mô hình", "tiêu chí", "điểm", "hạng",
    "khu công nghiệp", "cụm công nghiệp", "trạm y tế", "trạm", "bệnh viện", "phòng", "thư viện",
    "nhà văn hóa", "nhà văn hoá", "camera",
    # time limits set as goals ("xử lý sự cố không quá 24 giờ")
    "giờ", "phút", "ngày làm việc", "ngày",
]

# Phrases that open with a count unit but are no unit: "… KỲ HỌP THỨ 4\nCăn cứ Luật …" (the
# basis of a resolution right under its session line).
NOT_UNITS: list[str] = ["căn cứ"]

# Measures, as opposed to counts: the thing measured is written before the figure ("diện tích
# đất có rừng 2.426,8 ha"), while a count's noun is its unit ("đã lắp đặt 215 trạm 5G").
MEASURE_UNITS: frozenset[str] = frozenset(
    {"km2", "km", "ha", "m2", "m3", "mw", "kwh", "tấn", "tạ", "lít", "tuổi", "giờ", "phút", "ngày làm việc",
     "ngày", "điểm", "hạng"}
)


# Units that, without a verb before the figure, qualify a noun rather than measure it: "người dân
# từ 15 tuổi trở lên" is who counts; "tuổi thọ trung bình đạt 75,5 tuổi" is a figure.
QUALIFIER_UNITS: frozenset[str] = frozenset({"tuổi"})


# Areas: a land type measured in these is its area ("đất trồng lúa 25.850 ha": diện tích).
AREA_UNITS: frozenset[str] = frozenset({"ha", "km2", "m2"})


def alternation(phrases: list[str]) -> str:
    """A regex alternation of ``phrases``, longest first, a space matching any run of blanks
    (a unit may be split by a line break: "triệu\\nđồng")."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def canonical(unit: str) -> str:
    """A unit as written, in the form records keep: single spaces, lower case except currency
    codes ("triệu USD", "tỉ đô la Mỹ" is "tỷ USD"), so one unit is one spreadsheet column
    whatever the spacing or spelling."""
    out = " ".join(unit.lower().split())
    for spelling, form in _SPELLINGS:
        out = spelling.sub(form, out)
    return out
