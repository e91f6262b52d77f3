"""How reports and news pages state results already reached (SPEC §5 ``achievements``).

Matched case-insensitively on the clean text. A figure read by the one value grammar
(extract/quantities.py) is a result when a cue below stands before it in its clause ("năm 2023
kinh tế số ước đạt khoảng 7,2% GRDP", "đến nay đã có 95% …"), or when it sits in a results
section ("Kết quả đạt được", "Tình hình thực hiện"). Goal cues (extract/patterns/targets.py)
after the result cue hand the figure back to the goals, and a figure that is a target is never
also a result.
"""

from __future__ import annotations

# Result cues: words that say a value has been reached. Narrower than the words that stop a
# figure from being a goal (extract/patterns/targets.py ACHIEVEMENT_CUES): "tăng từ … lên",
# "thay cho", "đang" also describe a fee table's change or an ongoing duty, not a result.
RESULT_CUES = (
    r"\bđã\b(?!\s+qua\s+đào\s+tạo)|\bđạt được\b|\bước đạt\b|\bước tính\b|\bhiện nay\b|\bhiện có\b|"
    r"\bhiện đã\b|\bđến nay\b|\btính đến\b|\blũy kế\b|\bluỹ kế\b|\bnăm qua\b|\bvừa qua\b|"
    r"\bthực hiện được\b|\btháng đầu năm\b|\bcùng kỳ\b|\bmới có\b|\bmới đạt\b"
)

# Cue words cut from the ends of a result's indicator ("tỷ lệ hộ nghèo đã" → "tỷ lệ hộ nghèo").
CUE_EDGES = (r"^(?:(?:hiện nay|đến nay|hiện|đã|mới|chỉ|vẫn|cũng)[\s,]+)+"
             r"|(?:[\s,]+(?:hiện|đã|chỉ|vẫn|cũng))+$")

# Indicators that say nothing on their own: connectors left before a figure in a fee table
# ("xuống còn 15,2 tỷ đồng", "tương đương 9,3 tỷ đồng", "lên đến 10,9 tỷ đồng").
EMPTY_INDICATORS = r"^(?:xuống|lên|đến|lên đến|tương đương|khoảng|gần|hơn|còn|với|là|và|trong đó|tổng cộng)?$"

# Headings of a results section; their list items are results without a cue of their own.
RESULT_HEADINGS = (
    r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])?[.)]?\s*(?:những\s+|các\s+)?"
    r"(?:kết quả(?:\s+(?:đạt được|thực hiện|chủ yếu|nổi bật))?|tình hình thực hiện|"
    r"đánh giá (?:kết quả|tình hình)|thực trạng)"
)

# Headings that end a results section: what comes next is goals or duties.
GOAL_HEADINGS = (
    r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])?[.)]?\s*(?:các\s+|một số\s+)?"
    r"(?:mục tiêu|chỉ tiêu|nhiệm vụ|giải pháp|phương hướng|kế hoạch|định hướng|tổ chức thực hiện)"
)

# Right after the unit: a figure against a plan or a prior period is still a result, but one
# measured against a budget or a fee is a policy parameter (handled by the targets' policy cues).
# "chấm 0 điểm", "được cộng 05 điểm": a scoring rule's points, not a score reached.
POLICY_WORDS = (r"\bđối với số\b|\bthực nộp\b|\bhỗ trợ\b|\bmức\b|\blệ phí\b|\bphí\b|\bphạt\b|"
                r"\bchấm\b|\bcộng\b|\btrừ\b|"
                r"\bthuế suất\b|\bđơn giá\b|\bđịnh mức\b")

# A clause that starts by naming the base of a change ("so với cùng kỳ, …", "so đầu năm và tăng
# 21,7%") measures the previous figure's indicator, not these words.
COMPARISON_LEAD = (
    r"^(?:(?:bằng|tăng|giảm)\s+)?"
    r"(?:so\s+(?:với\s+)?(?:cùng kỳ|đầu năm|kế hoạch|năm\s+\d{4})(?:\s+năm\s+\d{4})?|"
    r"kế hoạch(?:\s+năm)?)[\s,]*(?:(?:và|về trị giá|trong đó|gồm)[\s,]*)*"
)

# Years that are not the value's own: the base of a comparison ("tăng 9,3% so với cùng kỳ năm
# 2011" is a 2012 figure) and the start of a period that runs "đến nay".
BASE_YEARS = r"so\s+(?:với\s+)?(?:cùng kỳ\s+)?năm\s+\d{4}|(?:từ|kể từ)\s+năm\s+\d{4}"

# Verbs that state a level reached; with a past year before them the figure is a result.
STATE_VERBS = frozenset({"đạt", "đạt mức", "ước đạt", "chiếm", "chiếm tỷ trọng", "chiếm tỉ trọng", "là", "có",
                         "tăng", "giảm", "tăng trưởng", "bằng"})

# A leading date that says when, not what: "Trong 6 tháng đầu năm 2012, tổng sản phẩm …",
# "(Tính đến) ngày 31 tháng 12 năm 2021, tổng diện tích …".
DATE_LEAD = (r"^[^,;]{0,40}?(?:năm\s+|/)(?:19|20)\d{2}\s*,\s*"
             r"|^(?:trong\s+)?(?:(?:quý\s+[IV]+|tháng\s+\d{1,2})\s*/\s*|năm\s+)(?:19|20)\d{2}\s+")

# Anywhere in a sentence with no goal cue, these make all its figures results: a report's
# comparison with the same period or its plan ("đạt 655,44 tỷ đồng, tăng 11,79% so với cùng kỳ").
SENTENCE_RESULT_CUES = r"\bso\s+(?:với\s+)?cùng kỳ\b|\bkế hoạch năm\b|\bước thực hiện\b"

# How close before a figure a policy word must be to make it a policy parameter ("đã hỗ trợ 50%
# chi phí"); a subsidy named earlier in the sentence ("hộ được Nhà nước hỗ trợ đã khởi công … có
# 298 hộ …") does not make every later count one.
POLICY_WINDOW = 25

# A sentence dated "up to now" takes no year from the paragraph before it ("Từ năm 2004 đến nay
# … đã có hơn 2.600 ha" is not a 2004 figure).
UP_TO_NOW = r"\bđến nay\b|\bhiện nay\b|\bhiện có\b|\bhiện đã\b"

# Who reports it, cut from the front of an indicator ("Báo cáo của UBND huyện cho thấy, …").
REPORTED_BY = r"^[^,;]{0,80}?\b(?:cho thấy|cho biết|thông tin|nêu rõ)\s*[,:]?\s*"

# A result is a level reached, never a bound: "tối đa không quá 100 ha", "dưới 60%", "từ 50 m3"
# state a rule's threshold (a goal's bound is a target, read by extract/targets.py).
BOUND_COMPARATORS = frozenset({"<=", ">=", "<"})

# An action that is only a copula or "of which" says nothing of the figure after it: "trong đó có
# 298 hộ", "là 592.849 ha", "gồm 11 dự án".
BARE_ACTION = r"^(?:trong đó\s+)?(?:có|là|gồm)$"

# Where a result's tail joins another measure of the same thing: "… 11 dự án với diện tích …",
# "… 23 đô thị, trong đó …", "… 5 công trình bao gồm …".
TAIL_JOINT = r"\s+(?:với|trong đó|gồm|bao gồm)\b"
