"""How a formal text says what it does to another document (SPEC §5 relations), as data.

Each entry is the wording of one relation, matched on the text *before* a cited number in the
same sentence ("… và thay thế Quyết định số 512/QĐ-UBND"), or right *after* it for the passive
form ("Quyết định số 512/QĐ-UBND … hết hiệu lực"). The extractor keeps the verb closest to the
number, so "sửa đổi … và bãi bỏ khoản 2 Điều 3 Quyết định số 1" reads as a repeal.
"""

from __future__ import annotations

import re

# Verbs that amend a document: "sửa đổi, bổ sung một số điều của Quyết định số …", "đính chính".
AMEND_VERBS = r"sửa\s+đổi|bổ\s+sung|đính\s+chính|điều\s+chỉnh"

# Verb before the number → relation. Order does not matter: the last verb before the number wins.
VERBS_BEFORE: list[tuple[str, str]] = [
    (r"thay\s+thế", "replaces"),
    (r"bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ|bị\s+bãi\s+bỏ", "repeals"),  # bãi bỏ: repeal, in whole or in part
    (AMEND_VERBS, "amends"),
    # "Hướng dẫn thực hiện Quyết định số …", "Quyết định này hướng dẫn thi hành Nghị định số …"
    (r"hướng\s+dẫn(?:\s+(?:thực\s+hiện|thi\s+hành|triển\s+khai))?", "guides"),
]

# Said after the number, in the same sentence: "Quyết định số 512/QĐ-UBND … hết hiệu lực thi
# hành kể từ ngày Quyết định này có hiệu lực" / "… bị bãi bỏ". Only a repeal (whole or part).
EXPIRES_AFTER = re.compile(r"[^.;\n]{0,120}?\b(?:hết\s+hiệu\s+lực|bị\s+bãi\s+bỏ|bị\s+hủy\s+bỏ)",
                           re.IGNORECASE)

# The parts of a document a repeal names: "khoản 2 Điều 3", "Điều 5, Điều 6", "điểm a khoản 1
# Điều 2", "Mục III", "Phụ lục II", "một số nội dung" / "một phần" (a part, not named).
_UNIT = r"(?:điểm|khoản|điều|mục|chương|phụ\s+lục|tiết)"
_ID = r"(?:\d+[a-zđ]?|[IVXLC]+|[a-zđ](?=\W))"
_ONE = rf"{_UNIT}\s+{_ID}(?:\s+{_UNIT}\s+{_ID})*"
PARTS = re.compile(
    rf"(?P<parts>{_ONE}(?:\s*(?:,|và|;)\s*{_ONE})*|(?:một\s+số|các)\s+(?:nội\s+dung|điều|khoản|điểm)|một\s+phần)",
    re.IGNORECASE,
)
# Between the parts and the number: "của", "tại", "ban hành kèm theo", "Quy định kèm theo".
PARTS_TO_NUMBER = re.compile(
    r"^\s*(?:(?:của|tại|thuộc)\s+)?(?:(?:Quy\s+định|Kế\s+hoạch|Quy\s+chế)\s+)?(?:(?:ban\s+hành\s+)?kèm\s+theo\s+)?"
    r"(?:(?:của|tại)\s+)?$",
    re.IGNORECASE,
)

# What may stand between the verb and the number for the verb to bind to it: the type word,
# "số", parts, a chain of other numbers. A full stop or a semicolon ends the sentence.
# Parts that say "a part" without naming it: a named part elsewhere in the text is preferred.
UNNAMED_PARTS = re.compile(r"^(?:một\s+số|các|một\s+phần)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.;:]\s|\n")
MAX_GAP = 220  # characters between the verb and the number
# The type word and "số" written just before a number, left out when reading the parts.
TYPE_BEFORE_NUMBER = re.compile(
    r"(?:Quyết\s+định|Nghị\s+quyết|Kế\s+hoạch|Chỉ\s+thị|Thông\s+tư|Nghị\s+định|Công\s+văn|Văn\s+bản)"
    r"\s*(?:số\s*:?)?\s*$",
    re.IGNORECASE,
)

# ``extract/decisions.py`` keeps two relations only, a repeal or expiry counting as a replacement:
# "… thay thế Quyết định số 512/QĐ-UBND", "bãi bỏ Nghị quyết số 12/2020/NQ-HĐND", "Quyết định
# số 1 hết hiệu lực"; amendments are AMEND_VERBS.
REPLACE_VERBS = r"thay\s+thế|bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ|hết\s+hiệu\s+lực"

# Where a sentence ends for a verb to bind to a later number: a stop or semicolon, a blank line, or
# the next article ("…\nĐiều 2. Quyết định này thay thế …" is a new sentence).
CLAUSE_BOUNDARY = r"[.;]\s|\n\s*\n|\n\s*Điều\s+\d"

# A plan or programme changed by name, without a number: "… sửa đổi, bổ sung Kế hoạch chuyển đổi
# số ngành nông nghiệp giai đoạn 2022 - 2025". The type word is capitalised, the name is not
# "này" (this text) or "số …" (a numbered reference, read elsewhere). Both case-sensitive.
CHANGE_VERB = r"sửa\s+đổi,?\s+bổ\s+sung|thay\s+thế|bãi\s+bỏ"
CHANGED_NAMED = (
    rf"(?:{CHANGE_VERB})\s+(?:một\s+số\s+nội\s+dung\s+(?:của\s+)?)?"
    r"(?P<type>Kế hoạch|Chương trình|Đề án)\s+(?!số\b|này\b)(?P<subject>[a-zđà-ỹ][^.;\n]{5,200})"
)
