"""How a citation names the date, issuer and subject of the document it cites, as data for
``extract/decisions.py``: "Quyết định số 749/QĐ-TTg ngày 3/6/2020 của Thủ tướng Chính phủ về
việc …". Bodies' names themselves are shared vocabulary in ``lexicon/issuers.py``.
"""

from __future__ import annotations

import re

from lexicon import doctypes

# The type words a citation names, as one alternation: "Quyết định", "Nghị quyết", "Văn bản", …
TYPES = "|".join(re.escape(t) for t in doctypes.CITED_TYPES)

# The type word just before a number: "Quyết định số 505/QĐ-TTg", "QUYẾT ĐỊNH SỐ 10/2016/QĐ-UBND".
TYPE_BEFORE = rf"(?<!\w)(?P<type>{TYPES})\s+(?:số\s*:?\s*)?$"

# A number without its code, only before a date or an issuer: "Quyết định 749 ngày 3/6/2020".
BARE_NUMBER = r"(?<![\w/.,])(?P<bare>\d{1,5})(?=\s*,?\s+(?:ngày|của)\b)"

# What joins a number to the one before it in a list one verb governs: "thay thế Quyết định số
# 512/QĐ-UBND và Quyết định số 513/QĐ-UBND", "…, các Quyết định số 1, số 2".
CHAIN = rf"^[\s,;]*(?:và|hoặc)?\s*(?:các\s+)?(?:(?:{TYPES})\s*)?(?:số\s*:?)?\s*$"

# The Prime Minister named as issuer, with no person title to skip before it: "Thủ tướng Chính phủ".
PRIME_MINISTER = r"Thủ\s+tướng"

# A clause opener at a line start decides whether a preamble mention is a legal basis:
# "Căn cứ …", "Thực hiện …", "Triển khai …" are; "Xét …", "Theo đề nghị …" are not.
# Matched on the folded text (no marks, lower case), so OCR'd "Theo đê nghị" still counts.
PREAMBLE_OPENER = (
    r"^[ \t]*(?P<w>can\s+cu|thuc\s+hien|trien\s+khai|xet|theo\s+de\s+(?:nghi|xuat)|dieu\s+\d|quyet|nghi"
    r"|kinh)"
)
BASIS_OPENERS = ("can cu", "thuc hien", "trien khai")
# A basis clause that is a proposal ("Căn cứ … Tờ trình số …", "… đề nghị của …"), folded.
NOT_BASIS = r"de\s+nghi|to\s+trinh|xet\s"
# The preamble ends at the first article or the operative word ("Điều 1", "QUYẾT ĐỊNH:",
# "QUYẾT NGHỊ:", "Nay quyết định"), on the folded text like PREAMBLE_OPENER.
PREAMBLE_END = r"^[ \t]*(?:dieu\s+1\b|quyet\s+dinh\s*:|quyet\s+nghi\s*:|nay\s+quyet)"

# What may stand between a number and its date: "số 12/2021/NQ-HĐND, được ban hành ngày …".
DATE_GAP = r"^[\s,(]*(?:được\s+)?(?:ban\s+hành\s+|ký\s+)?$"

# The word before the issuer: "… của Thủ tướng Chính phủ", "… do Bộ Tài chính ban hành".
OF = r"[\s,]*(?:của|do)\s+"

# The subject after the number, date and issuer: "về việc …", "về …", "V/v …".
ABOUT = r"^[\s,]*(?:về\s+việc|về|V/v)\s+(?P<s>[^;\n]{5,250}?)(?=[;.]\s|[;.]?$|\n|,\s*(?:theo|tại)\s)"

# Person titles before the body they lead: "của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ".
PERSON_TITLES = (
    r"(?:(?:Phó\s+)?(?:Chủ\s+tịch|Bộ\s+trưởng|Thủ\s+trưởng|Giám\s+đốc|Cục\s+trưởng|Chủ\s+nhiệm"
    r"|Tổng\s+cục\s+trưởng|Trưởng\s+ban|Chánh\s+Văn\s+phòng)[\s,]+)+"
)

# A people's committee or council with its level: "UBND tỉnh", "Hội đồng nhân dân thành phố".
LOCAL_PHRASE = (
    r"(?P<body>UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|HĐND|Hội\s+đồng\s+nhân\s+dân)"
    r"(?:\s+(?P<level>tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường))?"
)

# Any other body: a head word, then words up to the clause's next verb or preposition:
# "Hiệp hội Công chứng Việt Nam", "Ban Pháp chế HĐND thành phố Hà Nội".
ORG_HEADS = (
    r"(?:Hiệp\s+hội|Hội|Đoàn|Liên\s+đoàn|Viện|Trường|Ban|Sở|Bộ|Cục|Chi\s+cục|Tổng\s+cục|Trung\s+tâm"
    r"|Công\s+an|Văn\s+phòng|Tòa\s+án|Kho\s+bạc|Ngân\s+hàng|Công\s+ty|Tổng\s+công\s+ty)"
)
ORG_STOP = (
    r"(?:về|tại|ngày|theo|đã|được|quy|ban|hướng|phê|việc|trình|của|gửi|do|với|cho|nhằm|năm|số|thì|là"
    r"|đề|sửa|bãi|thay|công|triển|thực|trưởng|tịch)"
)

# The place after a body's name: "Sở Y tế tỉnh Nghệ An", "Công an Hà Tĩnh".
PLACE_AFTER = r"\s+(?P<l>(?:tỉnh|thành\s+phố)\s+)?(?P<p>[A-ZĐÀ-Ỹ][^\n,;.]{1,30})"
