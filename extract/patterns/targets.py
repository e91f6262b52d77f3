"""How Vietnamese plans state quantitative goals, and how reports state results.

Everything is a regular-expression fragment matched case-insensitively on the clean text.
``extract/targets.py`` reads a goal as ``indicator [verb] [comparator] value unit [after]``
(``tỷ lệ … đạt tối thiểu 75%``) or value first (``100% xã đạt chuẩn …``), only inside a goal
context (``phấn đấu``, ``đến năm 2025``, a ``Mục tiêu cụ thể`` heading), and drops it when the
clause reads as a result or as a policy parameter. Precision matters more than recall: a result
reported as a goal is worse than a goal missed.
"""

from __future__ import annotations

from core.record import Comparator
from lexicon import units

# Comparator words written before the value, longest first so "không quá" wins over "quá".
COMPARATORS_BEFORE: list[tuple[str, Comparator]] = [
    (r"không vượt quá", "<="),
    (r"không cao hơn", "<="),
    (r"không nhiều hơn", "<="),
    (r"không quá", "<="),
    (r"tối đa", "<="),
    (r"không thấp hơn", ">="),
    (r"không ít hơn", ">="),
    (r"không dưới", ">="),
    (r"tối thiểu", ">="),
    (r"ít nhất", ">="),
    (r"cao hơn", ">"),
    (r"nhiều hơn", ">"),
    (r"trên", ">"),
    (r"hơn", ">"),
    (r"thấp hơn", "<"),
    (r"dưới", "<"),
    (r"khoảng", "="),  # "ước đạt khoảng 7,2%": an estimate is read as the value itself
    (r"xấp xỉ", "="),
    (r"gần", "="),  # "trong đó có gần 50% khách quốc tế": the figure aimed at
    # symbols, written with or without a space before the number ("≥ 30%", "≥30%")
    (r"≥", ">="),
    (r">=", ">="),
    (r"≤", "<="),
    (r"<=", "<="),
    (r">", ">"),
    (r"<", "<"),
]

# A floor or ceiling written apart from its value, before the year and verb ("… các cấp ít nhất vào
# năm 2025 đạt 40%"), at the end of the indicator once its year is cut.
STRANDED_COMPARATOR = r"\s+(?P<cmp>ít nhất|tối thiểu|tối đa|không quá|không dưới)\s*$"

# An estimate's hedge before another comparator adds nothing: "đạt khoảng trên 500 tỉ USD" is "> 500".
HEDGES = r"khoảng|xấp xỉ|vào khoảng"

# Written after the value and its unit: "75% trở lên".
COMPARATORS_AFTER: list[tuple[str, Comparator]] = [
    (r"trở lên", ">="),
    (r"trở xuống", "<="),
]

# Verbs (and light phrases) between the indicator and the value; the indicator ends before them.
VERBS = (
    r"phải đạt|ước tính đạt|ước tính|ước đạt|đạt mức|đạt|"
    r"chiếm tỷ trọng|chiếm tỉ trọng|chiếm|ở mức|duy trì ở mức|duy trì|"
    r"tăng lên|tăng thêm|tăng|giảm xuống còn|giảm xuống|giảm còn|giảm|còn|lên|là|bằng|"
    r"bình quân|tăng trưởng bình quân|tăng trưởng|có|có thêm|thu hút|phát triển thêm|"
    r"thành lập mới|thành lập|xây dựng|đào tạo|cấp|hoàn thành|"
    r"với"  # "đất rừng sản xuất với 280.930 ha"
)

# Units of a goal's value come from the unit lexicon (lexicon/units.py). Money and counts keep
# their scale word in the unit, as the annotation guide says ("1.200 tỷ đồng": value 1200, unit
# "tỷ đồng"; "3 triệu lượt khách": 3, "triệu lượt khách").
MONEY_UNIT = (rf"(?:(?:{units.alternation(units.MONEY_SCALES)})\s+)?(?:{units.alternation(units.CURRENCIES)})"
              r"(?:/[\wÀ-ỹ]+){0,2}")
COUNT_UNITS = units.alternation(units.COUNT_UNITS)
NOT_UNITS = units.alternation(units.NOT_UNITS)
SCALE_WORDS = units.alternation(list(units.SCALES))
PERCENT_UNIT = units.alternation(units.PERCENT_UNITS)

# After "chiếm N%": what the share is of; the indicator then reads "X chiếm tỷ trọng GRDP".
SHARE_BASES = r"GRDP|GDP|tổng sản phẩm trên địa bàn|tổng kim ngạch xuất khẩu|giá trị sản xuất"

# Ranges: "từ 25% đến 30%", "25-30%", "25 – 30%"; RANGE_FROM opens one ("giảm từ 5-7%").
RANGE_JOINERS = r"\s*(?:-|–|đến|tới)\s*"
RANGE_FROM = r"từ\s+"
# The currencies the cheap pre-test before the value grammar accepts: "1.200 tỷ đồng", "500 USD".
CURRENCY_WORDS = r"đồng|USD"

# A clause is a goal only inside one of these (in the sentence before the value, or in a heading
# or list intro above it).
GOAL_CUES = (
    r"phấn đấu|(?<!có )(?<!thay cho )(?<!chương trình )mục tiêu|chỉ tiêu|"
    r"(?<!tính )(?:đến|tới)\s+(?:hết\s+|cuối\s+)?năm\s+\d{4}|"  # "tính đến năm 2019" dates a result
    # "đảm bảo cắt giảm tối thiểu 30% thời gian …": a floor that must be ensured
    r"(?:bảo đảm|đảm bảo)\s+(?:[\wÀ-ỹ]+\s+){0,3}?(?:tối thiểu|ít nhất|không (?:dưới|thấp hơn|ít hơn))|"
    r"hướng tới|hướng đến|tầm nhìn|phải đạt|quyết tâm|theo kế hoạch,|"
    # "bảo đảm mức tăng trưởng kinh tế (GRDP) của tỉnh năm 2025 đạt 13,6%": a level to be ensured
    r"(?:bảo đảm|đảm bảo)\s+(?:[^,;.:|\n]{1,80}?\s)?(?=đạt\b)|"  # in one clause of one table cell
    r"(?:bảo đảm|đảm bảo)\s+(?:đến|trước)\s+(?:hết\s+)?ngày"
)
# A year after one of these, later than the document's own, also makes a goal ("vào năm 2030").
# "Đến 2020, tỉnh có 280.930 ha đất rừng sản xuất" (no "năm") counts only when the year is later.
FUTURE_YEAR = (r"(?:(?:vào|trong|tới)\s+(?:cuối\s+)?năm\s+|(?<![\wÀ-ỹ])(?:đến|tới)\s+(?=(?:19|20)\d{2}\s*,))"
               r"(?P<year>(?:19|20)\d{2})")

# A heading opens a goal context for the list below it only when it starts with one of these
# ("2. Mục tiêu cụ thể", "II. CÁC CHỈ TIÊU CHỦ YẾU"); a list intro ending in ":" may have it
# anywhere ("Tỉnh phấn đấu đến năm 2025:"). "giai đoạn 2025 - 2030" in a title, or "chỉ tiêu"
# in the middle of a line broken out of a sentence, must not make every figure a goal.
HEADING_GOAL_CUES = r"^(?:các\s+|một số\s+|những\s+)?(?:phấn đấu|mục tiêu|chỉ tiêu|định hướng|tầm nhìn)"
INTRO_GOAL_CUES = (
    r"phấn đấu|(?<!có )(?<!chương trình )mục tiêu|chỉ tiêu|định hướng|tầm nhìn|"
    r"sửa đổi,?\s*bổ sung[^:]*\bkế hoạch\b"  # an amendment quotes the plan's new goals below it
)

# Where a document's body ends: no goal context runs past these.
BODY_END = r"^\W*(?:nơi nhận|tm\.|kt\.)"

# A goal only named as the setting of something else, or one a higher level set that this
# document contributes to, is no goal of this document: "góp phần bảo đảm an ninh năng lượng trong
# bối cảnh đất nước đặt mục tiêu tăng trưởng trên 8%" (RECONCILE.md: national goals quoted as context).
CONTEXT_CUES = (r"\btrong\s+bối\s+cảnh\b|\bdự\s+báo\b|"  # a forecast is no goal (RECONCILE.md)
                # "…, góp phần cùng cả nước đạt mục tiêu tăng trưởng 8% trở lên": a higher level's goal
                r"\bgóp\s+phần\s+(?:cùng\s+[^,;.]{1,30}?\s+)?(?:đạt|thực hiện|hoàn thành)\b")

# Words that make a heading about results rather than goals ("Kết quả thực hiện mục tiêu").
REPORT_HEADINGS = r"kết quả|đánh giá|tình hình|thực trạng|đã đạt|thống kê|biểu mẫu|báo cáo"

# A clause with one of these reports a result: "đã tích hợp", "tăng từ 56% lên 81%",
# ("hiện có" only as a word pair: "được phát hiện có nhu cầu", "thực hiện có hiệu quả" have none),
# "đạt 103% kế hoạch", "so với cùng kỳ". "đã qua đào tạo" names trained labour, not the past.
ACHIEVEMENT_CUES = (
    r"\d+/\d+\s+(?:đơn vị|địa phương|xã|tỉnh|huyện|cơ quan)|"  # "34/34 địa phương": a tally
    r"\bđã\b(?!\s+qua\s+đào\s+tạo)|\bđạt được\b|\bđang\b|"
    # "tăng từ 56% lên 81%" reports a change; "giảm từ 5-7%" (a range right after) sets a goal
    r"\b(?:tăng|giảm)\s+từ\b(?!\s*[\d.,]+\s*%?\s*(?:[-–]|đến|tới)\s*\d)|\bso với\b|\bcùng kỳ\b|"
    r"(?<!không )\bvượt\b|\bhiện nay\b|(?<!phát )(?<!thực )\bhiện có\b|\bhiện tại\b|"
    r"\bthời gian qua\b|\bnăm qua\b|"
    r"\blũy kế\b|\bluỹ kế\b|"
    r"\btháng đầu năm\b|\bước đạt\b|\bchỉ đạt\b|\bước tính\b|\bkết quả\b|\bmới có\b|\bmới đạt\b|"
    r"\btrước đây\b|\bthay cho\b|\bthay vì\b"
)

# The same for the words after a value-first figure ("80% dữ liệu đã được số hóa …"), where
# "đã được" describes the indicator, not a result.
TAIL_ACHIEVEMENT_CUES = (
    r"(?<!người )\bđã\b(?!\s+(?:được|qua)\b)|"  # "… hoặc người đã có tài khoản": a relative clause
    # "giảm 50% số vụ phá rừng so với năm 2012" names a goal's base year, not a result
    r"\bđạt được\b|\bso với\b(?!\s+(?:năm\s+)?\d{4})|\bcùng kỳ\b|\bhiện nay\b|"
    r"(?<!phát )(?<!thực )\bhiện có\b|"
    r"\blũy kế\b|\bluỹ kế\b|\btrước đây\b|\bthay cho\b"
)

# Words right after the unit that make the figure a result against a plan: "đạt 103% kế hoạch".
ACHIEVEMENT_TAILS = r"kế hoạch|KH|dự toán|so với|cùng kỳ|chỉ tiêu"

# Policy and legal parameters: amounts of support, fees, penalties, budgets, time limits.
POLICY_MONEY_CUES = (
    r"\bmức hỗ trợ\b|\bchi phí\b|\bkinh phí\b|\blệ phí\b|\bthuế\b|\bmiễn\b|"
    r"\blãi suất\b|(?<!viện )\bphí\b|\bphạt\b|\bphụ cấp\b|\bthù lao\b|"
    r"\b(?:mức|tiền|quỹ|bảng)\s+lương\b|\blương\s+(?:cơ sở|tối thiểu)\b|"  # "làm công hưởng lương" is no wage
    r"\bđơn giá\b|\bđịnh mức\b|"
    r"\bthời hạn\b|\btrong vòng\b|\bdự toán\b|\bgiảm giá\b|\bchiết khấu\b|\bký quỹ\b|"
    r"\bsố tiền\b|\bbổ sung\b|\bbố trí\b|\bhạn ngạch\b|\bthiệt hại\b|\bmức\s+(?:chi|thu)\b"
)
# Before a value "hỗ trợ" grants it ("hỗ trợ 50% chi phí"); after a value-first share it names what
# the counted people get ("100% số nạn nhân … được hưởng các dịch vụ hỗ trợ"), which a goal may be.
POLICY_CUES = r"\bhỗ trợ\b|" + POLICY_MONEY_CUES

# Right after the value: "3% ngân sách", "50% chi phí" are allocations, not goals.
# "30 ngày kể từ ngày công bố …" is a time limit counted from an event.
POLICY_TAILS = r"ngân sách|chi phí|kinh phí|phí|lệ phí|giá|lãi suất|vốn điều lệ|tổng mức đầu tư|kể từ"

# Lead-ins stripped from the start of an indicator: connectors and the goal phrase itself.
LEAD_INS = (
    r"^(?:[\s,;:.\-–+•\"“”]+|và\s+|trong đó[,:]?\s+|đồng thời[,:]?\s+|"
    r"(?:(?:đặt|hướng\s+(?:tới|đến))\s+)?mục tiêu(?:\s+cụ thể)?(?:\s+là)?[:,]?\s+|"
    r"phấn đấu(?:\s+để)?\s+|(?:đến|tới)\s+(?:hết\s+|cuối\s+)?năm\s+\d{4}[,:]?\s*|"
    r"từ\s+năm\s+\d{4}\s+trở\s+đi[,:]?\s*|"  # "Từ năm 2025 trở đi, 100% số nạn nhân …"
    r"giai đoạn\s+\d{4}\s*[-–]\s*\d{4}[,:]?\s*|năm(?:\s+học\s+\d{4}\s*[-–])?\s+\d{4}[,:]?\s*|riêng\s+|"
    r"(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:19|20)\d{2}\s*,\s*|(?:bảo đảm|đảm bảo)\s+|"
    r"(?:nhiều nhất|lớn nhất|cao nhất|tiếp đến|tiếp theo)\s+là\s+|"  # "nhiều nhất là đất rừng sản xuất với …"
    r"(?:(?:bảo đảm|đảm bảo)\s+)?(?:đến|trước)\s+(?:hết\s+)?ngày\s+\d{1,2}/\d{1,2}/\d{4},?\s*|"
    r"[a-zđ]\)\s*|\d+(?:\.\d+)*\.\s+|\**\((?:[ivx]+|\d+)\)\**\s*)"
)

# Ranks: "đưa Hà Tĩnh trở thành 1 trong 15 tỉnh … có chỉ số cao nhất về Chính phủ số, kinh tế số".
RANK = (
    r"(?:trở thành|nằm trong|thuộc|vào|lọt vào|đứng trong)\s+(?:nhóm\s+|top\s+|tốp\s+)?"
    r"(?:(?:1|một)\s+trong\s+)?(?:nhóm\s+|top\s+|tốp\s+)?(?P<n>\d{1,2})\s+"
    r"(?:tỉnh|địa phương)[^.;]*?(?:cao nhất|dẫn đầu|tốt nhất|đứng đầu)"
    r"(?:\s+(?:cả nước\s+)?về\s+(?P<what>[^.;]+?))?(?=\s+(?:của|trong)\s+cả nước|[.;]|$)"
)
RANK_INDICATOR = "xếp hạng {what} trong các tỉnh, thành phố"
# "Giữ vững vị trí thứ nhất về chỉ số chuyển đổi số cấp tỉnh (DTI)": an exact rank.
POSITION = (
    r"(?:giữ vững|duy trì|đạt|vươn lên|nằm ở)\s+(?:vị trí|thứ hạng)\s+(?:thứ\s+)?"
    r"(?P<n>nhất|nhì|hai|ba|\d{1,2})\s+về\s+(?P<what>[^.;]+)"
)
POSITION_WORDS: dict[str, int] = {"nhất": 1, "nhì": 2, "hai": 2, "ba": 3}
POSITION_INDICATOR = "vị trí về {what}"
# A value-first indicator ("300 sản phẩm OCOP được giới thiệu …") ends before these.
# A news photo caption glued on ("… 280.930 ha đất rừng sản xuất - Ảnh minh họa") ends it too.
TAIL_STOPS = (r",\s+(?:thay cho|thay vì|so với|trong đó|nhằm|để|góp phần|tăng|giảm|phấn đấu)\b"
              r"|\s[-–]\s+Ảnh\b"
              # a second duty joined on ("cắt giảm 30% thời gian thực hiện TTHC và đơn giản hóa …")
              r"|\s+và\s+(?=(?:đơn giản hóa|đơn giản hoá|cắt giảm|nâng cao|bảo đảm|đảm bảo|hoàn thành)\b)")
# "hoặc" before the tail's own head noun opens an alternative subject ("85% người hưởng … mở mới
# tài khoản hoặc người đã có tài khoản …": the first names the column); before anything else it
# joins two predicates of one measure ("100% cơ sở … áp dụng công nghệ sạch hoặc trang bị …").
ALTERNATIVE = r"\s+hoặc\s+(?P<head>[\wÀ-ỹ]+)"
# A bracket in a value-first tail that lists names or says who else counts is an aside, not the
# measure: "05 đô thị loại IV (thị trấn Lấp Vò, thị trấn Mỹ An, …)", "70% số người hưởng trợ cấp
# (bao gồm người được ủy quyền nhận thay) nhận tiền …"; so is one the tail's cut leaves open.
TAIL_ASIDE = r"\s*\((?:(?:bao gồm|gồm|kể cả|không bao gồm|không kể)\b[^()]*|[^()]*,[^()]*)\)|\s*\([^()]*$"
# A measure's unit may be per something: "23 m2/người", "120 lít/người/ngày đêm".
PER_UNIT = r"(?:/(?:ngày\s+đêm|[\wÀ-ỹ]+)){1,3}"
# …and before a new capitalised subject ("200 công trình, Thành phố Hồ Chí Minh có …"); matched
# case-sensitively.
NEW_SUBJECT = r",\s+(?=[A-ZĐÁÀẢÃẠÂẤẦẨẪẬĂẮẰẲẴẶÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ])"

# After a comparator, any short word is the unit ("trên 200 Mbps", "ít nhất 2.000 camera").
# Only symbol-like (ASCII) words, so a Vietnamese noun cut in half ("01 ứng dụng") is never one.
GENERIC_UNIT = r"[A-Za-zμµ][A-Za-z0-9μµ/³²]{1,11}"

# Goal years: "đến năm 2025", "đến hết năm 2024", "giai đoạn 2021 - 2025" (its end), "năm 2024".
YEARS = (
    r"giai đoạn\s+\d{4}\s*[-–]\s*(?P<end>\d{4})|"
    r"\(\s*(?:19|20)\d{2}\s*[-–]\s*(?P<paren>(?:19|20)\d{2})\s*\)|"  # "a) Giai đoạn 1 (2026 - 2028)"
    r"(?:quý\s+[IV]+|tháng\s+\d{1,2})\s*/\s*(?P<period>(?:19|20)\d{2})|"  # "quý I/2025", "tháng 6/2024"
    r"năm\s+(?:19|20)\d{2}\s+và\s+(?P<pair>(?:19|20)\d{2})|"  # "năm 2025 và 2026": the later one
    r"(?:(?:đến|tới|trước)\s+(?:hết\s+|cuối\s+)?)?năm(?:\s+học\s+\d{4}\s*[-–])?\s+(?P<year>(?:19|20)\d{2})|"
    r"(?<![\wÀ-ỹ])(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?P<bare>(?:19|20)\d{2})(?![\d/]|[.,]\d)|"  # "Đến 2020, …"
    r"(?:đến|tới|trước)\s+(?:hết\s+)?ngày\s+\d{1,2}/\d{1,2}/(?P<dated>(?:19|20)\d{2})"
)

# A list item that opens with its year ("- Đến năm 2020: Phấn đấu toàn tỉnh có 23 đô thị … . Quy mô
# … khoảng 9.500 ha …") dates every sentence of the item, as a heading's year dates its list.
LINE_YEAR_LEAD = (r"^\W*(?:(?:đến|tới|trong|vào)\s+(?:hết\s+|cuối\s+)?)?"
                  r"(?:năm\s+(?:19|20)\d{2}|giai đoạn\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2})\s*[:,]")

# Words before a date that make it a deadline, not a sign of when a text was written.
DEADLINE_BEFORE = r"(?:trước|đến|tới|hạn|chậm nhất|hết|kể từ|từ)\s*(?:ngày)?\s*$"

# A count right after "của" says whose ("100% các xã, thị trấn của 18 huyện có tổ chức thu gom …"):
# part of the noun phrase, no figure and no break in the words after the figure before it.
OWNER_BEFORE = r"(?:^|\s)của\s*$"
# A figure right after these is a place or a count of places, not a goal ("triển khai tại 6 huyện").
LOCATION_BEFORE = r"(?:^|\s)(?:tại|ở)\s*$"
# A figure a clause opens with after "Trong" is the base of a breakdown that follows ("Trong
# 592.849 ha đất nông nghiệp, nhiều nhất là …"), stated (and counted) before.
BREAKDOWN_BASE = r"\W*trong\s*"  # the whole of the words before the figure
# A goal verb opening a comma clause starts the goal: "Cụ thể hóa các giải pháp …, bảo đảm mức tăng
# trưởng kinh tế (GRDP) của tỉnh năm 2025 đạt 13,6%" measures only what follows it.
GOAL_CLAUSE = r",\s*(?=(?:phấn đấu|bảo đảm|đảm bảo|quyết tâm)\s)"
# Between two figures of a clause, the words before the last of these close the first one.
FIGURE_JOINT = r",|\svà\s"
# A sentence that breaks the previous one's goal down ("Trong đó, đất phát triển hạ tầng là
# 14.630 ha; …") keeps its goal context and year.
BREAKDOWN = r"\W*trong\s+(?:đó|số đó|[\d.,]+\s)"  # at the sentence start; "Trong 592.849 ha …"
# "Đối với đất phi nông nghiệp, theo quy hoạch, đến năm 2020 có 68.051 ha": the topic named
# first is what the figure measures when nothing else before or after it does.
TOPIC = r"(?:đối với|về)\s+(?P<topic>[^,;:]{3,80}?)\s*,"
# A head that is only the change aimed at ("kéo giảm đến 50% số vụ …", "cắt giảm tối thiểu 30%
# thời gian …"): the indicator is the change and what it applies to, written after the value.
ACTION_HEAD = (r"^(?:(?:bảo đảm|đảm bảo|phấn đấu)\s+)?(?P<change>(?:(?:kéo|cắt|giảm)\s+)?(?:giảm|tăng|nâng)"
               r"(?:\s+(?:thêm|đến|tới|được))?)$")
# Area units whose land-type indicators read "diện tích …" ("đất trồng lúa 25.850 ha" is the
# area of rice land), as a reader heads the column.
AREA_SUBJECT = r"^(?:đất|rừng|mặt nước)\b"

# A year written after the value belongs to it only up to the end of its clause: in "đạt 20%
# GRDP; đến năm 2030 đạt 30%" the 2030 is the next goal's.
CLAUSE_END = r"[;,.]|\s(?:và|đồng thời)\s"

# A range broken by a line break that looks like a list dash: "bình quân 05\n- 06%/năm".
# Both ends are short numbers, so a heading's year ("đến năm 2025\n- 100% xã …") never joins.
BROKEN_RANGE = r"(?<![\d.,])\d{1,2}(?:,\d+)?[ \t]*\n[ \t]*[-–][ \t]*(?=\d{1,2}(?:,\d+)?[ \t]*%)"

# A head that only says the figure is not yet met ("Chưa đủ 100% trường THPT đạt chuẩn …"): the
# words after the value are the indicator.
BARE_HEADS = r"^(?:chưa\s+(?:đủ|có|đạt)|còn\s+thiếu|thiếu|.*\btrong đó(?:\s+có)?)$"
# A head that ends by naming a rate, with the counted noun after the value ("đảm bảo đạt tỷ lệ 100%
# thủ tục hành chính … được đánh giá"): the share is read value first, as "tỷ lệ thủ tục …".
# Only after a goal verb: in a scoring table "Đơn vị đạt tỷ lệ 100% cộng 05 điểm" the unit is the subject.
RATE_HEAD = r"(?:^|(?:bảo đảm|đảm bảo|phấn đấu)\s+)(?:đạt\s+)?(?:tỷ|tỉ)\s+lệ$"
# A value-first share names the column "tỷ lệ …" ("100% số người hưởng trợ cấp …" is "tỷ lệ
# người hưởng trợ cấp …"); these words before the counted noun go.
SHARE_LEAD = r"^(?:(?:số|các|những)\s+)+"
SHARE_NAME = "tỷ lệ"
# A reference list's entry (a wiki page's sources) quotes old headlines, never the page's goals.
CITATION = r"Lưu trữ(?:\s+bản gốc)?\s+ngày|tại Wayback Machine|Truy cập ngày"
# A plan's stated period ("2. Thời gian thi đua … đến ngày 10 tháng 12 năm 2025") dates the goals
# it leaves undated, as a heading's year dates its list; its end year is the last one in the
# words after it.
# Only as a label opening its line ("**2. Thời gian thi đua**", "a) Thời gian thực hiện: …"), never
# inside a goal ("cắt giảm 30% thời gian thực hiện TTHC").
PERIOD = (r"(?:^|\n)[*\s]*(?:(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s*)?[*\s]*"
          r"thời gian (?:thi đua|thực hiện|triển khai)(?: kế hoạch| phong trào)?\b")
PERIOD_WINDOW = 400
# …unless the words after the value are a comparison, not a counted noun ("tăng 9,3% so với
# cùng kỳ"): the change of something named before.
NOT_SHARED = r"^(?:so\b|kế hoạch|cùng kỳ|tỷ lệ|tỉ lệ|về\b)"

# The year a goal is dated by, cut from its indicator ("tỷ lệ … đến năm 2025" → "tỷ lệ …"); a
# comparison's base year stays ("giảm 50% số vụ phá rừng so với năm 2012").
YEAR_WORDS = r"(?<!so với)(?<!so với )\s*(?:(?:vào|trong|đến)\s+)?năm\s+\d{4}"

# Joiners left at the end of an indicator once the value is cut: "tỷ lệ hộ nghèo giảm 2% và",
# "…, hoặc". Case-sensitive.
TRAILING_JOINER = r"(?:[\s,]+(?:và|hoặc|cùng))+\s*$"

# An indicator that already names a share ("tỷ trọng kinh tế số đạt 20% GRDP") gets no "chiếm tỷ
# trọng GRDP" added.
SHARE_WORD = r"tỷ trọng|tỉ trọng"
# Verbs that state a share of the previous figure's whole: "… là 592.849 ha, chiếm 86,09% tổng
# diện tích".
SHARE_VERBS = ("chiếm", "chiếm tỷ trọng", "chiếm tỉ trọng")
# Verbs of having, whose subject is not the indicator: "tỉnh có ít nhất 120 phòng học …".
HAVE_VERBS = ("có", "có thêm")

# Words after a value that only date it, no measure: "vào năm 2025", "đến hết năm 2030", or nothing.
TIME_ONLY = r"^(?:(?:vào|trong|đến|tới)\s+)?(?:(?:hết|cuối)\s+)?năm\s+\d{4}$|^$"

# Where the unit's noun phrase earlier in the clause ends: at a purpose or goal word ("các phòng
# học … để đạt mục tiêu ít nhất 120 phòng") or at punctuation.
UNIT_NOUN_END = r"(?=\s+(?:để|nhằm|đạt|mục tiêu)\b|[,;:])"
