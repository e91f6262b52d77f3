"""How a news page reports the document it is about, as data for ``extract/decisions.py``
(relation ``reported``) and ``extract/signers.py``.

News pages word it many ways (issue 11): "UBND tỉnh vừa ban hành Quyết định số …", "Ngày
30-9-2022, Ủy ban nhân dân tỉnh ban hành Quyết định số 2426/QĐ-UBND …", "UBND TP Hà Nội đã có
văn bản số 3453/UBND-QHXDGT …", "Thủ tướng đã ký Quyết định …", "… được phê duyệt tại Quyết
định …". The verb must govern the numbered document itself: in "vừa ký ban hành văn bản triển
khai thực hiện Quyết định 1012/QĐ-TTg" the page reports the văn bản, and the Prime Minister's
decision is only cited.
"""

from __future__ import annotations

from extract.patterns.citations import TYPES

# Verbs of issuing, as news writes them; the last one before a number is its verb.
REPORTED_VERB = (
    r"(?:(?:vừa|mới|đã|vừa\s+mới)\s+(?:được\s+)?)?"
    r"(?:ký\s+ban\s+hành|ký|ban\s+hành|phê\s+duyệt|công\s+bố|có|ra|gửi)"
    r"(?:\s+(?:và\s+)?(?:ban\s+hành|công\s+bố))?"
)

# What may stand between the verb and the type word of the number it governs: nothing, or a
# short qualifier ("chính thức", "kèm theo", "mới"). Anything longer is another clause.
REPORTED_GAP = r"^[\s,]*(?:chính\s+thức\s+|kèm\s+theo\s+|mới\s+|liên\s+tiếp\s+|các\s+)?$"

# A tense marker opening the verb: "vừa ban hành", "mới ký", "đã có văn bản".
TENSE_MARKER = r"(?:vừa|mới|đã)"

# A document issued without a number, dated by the clause: "ngày 29/10/2020, UBND tỉnh Hà Tĩnh đã
# ban hành kế hoạch chuyển đổi số …". ISSUE_VERB is the cheap test run before ISSUED_BY.
ISSUE_VERB = r"ban\s+hành|phê\s+duyệt"
ISSUED_BY = (
    r"(?P<who>(?:UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân|Thủ tướng|Chính phủ|Bộ|Sở)[^,.;\n]{0,60}?)\s+"
    rf"(?:đã\s+|vừa\s+)?(?:{ISSUE_VERB})\s+(?P<type>{TYPES})\s+(?!số\b)(?P<subject>[^.;\n]{{5,250}})"
)
# Its subject ends where its purpose starts: "… kế hoạch chuyển đổi số nhằm …", "… để …".
SUBJECT_PURPOSE = r"\s+(?:nhằm|để|với mục tiêu)\s"

# Who approved a quoted title, right after it: Đề án “…” được Thủ tướng Chính phủ phê duyệt ngày
# 16/12/2020.
APPROVED_BY = (
    r"\s*(?:đã\s+)?được\s+(?P<who>[^,.;\n]{3,60}?)\s+(?:phê\s+duyệt|ban\s+hành|ký)\s+(?P<when>ngày\s+[\d/.\-]+)"
)

# A bare "có" or "ra" only issues a document when the object is a document word right after it
# ("đã có văn bản số …", "ra Quyết định số …"), which REPORTED_GAP enforces; "có" elsewhere is
# "has". Verbs that need a tense marker (vừa/mới/đã) before them to count:
NEEDS_MARKER = ("có", "ra", "gửi", "ký")

# The passive report, with the number before its verb: "Quyết định số 2204/QĐ-UBND vừa được Phó
# Chủ tịch UBND TPHCM ký", "Kế hoạch số 12/KH-UBND ngày 5/3/2024 của UBND tỉnh vừa được ban hành".
# Only a recent act ("vừa/mới được") reports; "đã được sửa đổi" tells the history of a text.
PASSIVE_REPORT = (
    r"[^.;\n]{0,150}?\b(?:vừa|mới)\s+được\s+(?:[^.;\n]{0,60}?\s)?"
    r"(?:ký(?:\s+ban\s+hành)?|ban\s+hành|phê\s+duyệt|công\s+bố)(?!\w)"
)

# A type word that is its own verb after "vừa": "BQL các bãi biển vừa Thông báo 386/TB-BQL yêu
# cầu …" (the tail before the type word ends in "vừa").
RECENT_BARE = r"(?<!\w)vừa\s+$"

# A second document issued alongside the one reported: "UBND TP Đà Nẵng cũng ban hành Công văn
# 3977/UBND-QLĐT …", "… đồng thời ban hành …". Reported only after the page's first report.
ALSO_MARKER = r"(?<!\w)(?:cũng|đồng\s+thời)\s+(?:đã\s+)?$"

# Markers of a recent act ("vừa ban hành", "mới ký"): such a report counts wherever it is on the
# page. Without them ("đã ban hành", "ban hành", "đã có văn bản") only the page's first issuing
# sentence reports; later ones recall earlier acts.
RECENT_MARKER = r"(?:vừa|mới)\b"

# A sentence that recalls the past ("Trước đó, ngày 23/5/2018, Bộ Tài chính đã có Quyết định
# 768/QĐ-BTC …", "Cách đây hơn 10 năm, Thủ tướng …", "Tháng 3-2013, UBND TP tiếp tục ban hành …")
# cites rather than reports.
HISTORY_MARKER = (
    r"(?:Trước\s+đó|Cách\s+đây|Từ\s+năm|Năm\s+(?:19|20)\d{2}|Tháng\s+\d{1,2}\s*[-/]\s*(?:19|20)\d{2}"
    r"|tiếp\s+tục|trước\s+đây|đã\s+từng)"
)

# The headline restated in a sentence that names a document (``extract/news_subject.py``): a
# sentence ends at a full stop, a question mark or a line break; shorter headlines say too little.
SUBJECT_SENTENCE_END = r"[.!?](?=\s)|\n"
SUBJECT_MIN_HEADLINE_WORDS = 5

# A clause that opens with its date: "Ngày 30-9-2022, Ủy ban nhân dân tỉnh ban hành …". The
# date is the reported document's date when no date follows its number.
CLAUSE_DATE = r"^\s*(?:Ngày|Hôm\s+qua,?\s+ngày|Vào\s+ngày)\s+(?P<d>[\d/.\-]+)\s*,"

# A portal's display date (today's date in the site header), not the article's date.
DISPLAY_DATE = r"(?:Hôm\s+nay|Today|Ngày\s+hiện\s+tại|Cập\s+nhật\s+lúc)\s*:?\s*[^\n]{0,30}$"

# "28/05/13 06:44 GMT+7": an article's timestamp with a two-digit year (baomoi.com).
SHORT_YEAR_STAMP = r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{2})\s+\d{1,2}:\d{2}(?:\s*GMT[+-]\d+)?"

# An encyclopedia article saved as text (Wikipedia's "[sửa | sửa mã nguồn]" edit link under each
# heading, English "[edit]"): neither an administrative document nor news. Its kind is "other",
# it has no number, issuer or date of its own, and it is about the subject its first heading names
# ("# Tiền Giang" is about that province, "# Nguyễn Văn Quảng" about no province).
ENCYCLOPEDIA_MARK = r"\[\s*sửa\s*(?:\|\s*sửa\s+mã\s+nguồn\s*)?\]|\[\s*sửa\s+mã\s+nguồn\s*\]|\[\s*edit\s*\]"
HEADING = r"^[ \t]*#{1,2}[ \t]+(?P<h>[^\n]+?)[ \t]*$"
