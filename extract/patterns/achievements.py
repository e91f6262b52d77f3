"""How reports and news pages state results already reached (SPEC §5 ``achievements``).

Matched case-insensitively on the clean text. A figure read by the one value grammar
(extract/quantities.py) is a result when a cue below stands before it in its clause ("năm 2023
kinh tế số ước đạt khoảng 7,2% GRDP", "đến nay đã có 95% …"), or when it sits in a results
section ("Kết quả đạt được", "Tình hình thực hiện"). Goal cues (extract/patterns/targets.py)
after the result cue hand the figure back to the goals, and a figure that is a target is never
also a result.
"""

from __future__ import annotations

from extract.patterns.targets import ACHIEVEMENT_CUES

# Result cues: the targets' result words ("đã", "ước đạt", "hiện nay", "lũy kế", …) plus the
# ways news pages date a result up to now.
RESULT_CUES = (
    ACHIEVEMENT_CUES
    + r"|\bđến nay\b|\btính đến\b|\bhiện đã\b|\bnăm qua\b|\bvừa qua\b|\bthực hiện được\b"
)

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
POLICY_WORDS = r"\bhỗ trợ\b|\bmức\b|\blệ phí\b|\bphí\b|\bphạt\b|\bthuế suất\b|\bđơn giá\b|\bđịnh mức\b"
