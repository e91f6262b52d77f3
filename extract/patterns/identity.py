"""How a formal document states its own identity, as data for ``extract/identity.py``: the
number line, the place-and-date line, the lines that end a title, and where the issuer is
named when the header does not say it (the authority line, the body, the signature).

Document types, issuing bodies and provinces are shared vocabulary in ``lexicon/``.
"""

from __future__ import annotations

# A header line never cites; a "Số" on a line that does is another document's (matched folded).
CITING_LINE = r"\bcan\s+cu\b"

# "Số: 1085/QĐ-UBND" and its OCR variants (Sô, So, S6, SỐ); the number pattern follows.
NUMBER_LEAD = r"(?<!\w)S[ốỐôÔoO6ồộ]\s?[:.]?\s*"

# A number line as OCR reads a handwritten or stamped number: letters that look like digits
# where the number pattern demands digits ("Số: Ở32/QĐÐ-TTg" is 932/QĐ-TTg; "Số: l4O6/QĐ-UBND"
# is 1406). Only the digit slot before the first "/" is mapped; at least one real digit or a
# known code after the slash must anchor it (see ``extract/identity.py``).
DIGIT_LOOKALIKES: dict[str, str] = {
    "O": "0", "o": "0", "Ô": "0", "ô": "0", "Ơ": "0", "ơ": "0", "D": "0", "Q": "0",
    "Ở": "9", "ở": "9", "g": "9", "q": "9",
    "l": "1", "I": "1", "|": "1", "!": "1", "i": "1",
    "Z": "2", "z": "2", "S": "5", "s": "5", "$": "5", "B": "8", "b": "6", "G": "6", "T": "7",
}
# Letters OCR substitutes inside a code: Icelandic eth for Đ.
CODE_LOOKALIKES: dict[str, str] = {"Ð": "Đ", "ð": "đ"}

# A news dateline near the top: "02:21 28/05/2021", "Thứ bảy, 13/05/2023 14:44".
DATELINE = (
    r"(?:\d{1,2}:\d{2}\s+\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}"
    r"|(?:Thứ\s+\w+|Chủ\s+nhật),\s*\d{1,2}/\d{1,2}/\d{4})"
)

# Lines that end a title: the basis, the addressee, the authority line, the first article, and
# a dispatch's sender line ("VĂN PHÒNG CHÍNH PHỦ điện:", "THỦ TƯỚNG CHÍNH PHỦ điện:") after which a
# Công điện lists its recipients.
TITLE_STOP = (
    r"^\s*(?:Căn cứ|Kính gửi|Xét |Theo đề nghị|CHỦ TỊCH|ỦY BAN|UỶ BAN|HỘI ĐỒNG|BỘ TRƯỞNG|THỦ TƯỚNG|"
    r"Thực hiện|Điều 1|I\.|1\.|(?:[^\n]{0,80}\s)?điện\s*:|ĐIỆN\s*:)"
)

# The header ends at the title line or at the first of these.
HEADER_STOP = r"Căn cứ|Kính\s+gửi|Điều\s+1\b"

# The place-and-date line of a header ("Hà Nội, ngày 21 tháng 5 năm 2024") and its place.
DATED = r",\s*ngày\s"
PLACE_DATE = r"([^\n,]{2,30}),\s*ngày"

# A number line left blank to be stamped after signing: "Số:        /2025/QĐ-UBND".
BLANK_NUMBER = r"S[ốỐôÔoO6]\s?:?\s*/"

# A header's body line without its province: "ỦY BAN NHÂN DÂN" alone (matched on folded text).
BARE_BODY = r"^[ \t*]*(uy\s+ban\s+nhan\s+dan|hoi\s+dong\s+nhan\s+dan)[ \t*]*$"

# "ngày … tháng 12 năm 2025": the day left blank for a handwritten date.
BLANK_DAY = r"ngày\s*[.…_ ]*\s*tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})"

# An official letter whose header was lost (a saved page that kept only the body) still opens
# with its addressee and closes with its recipients: "Kính gửi: Ủy ban nhân dân các tỉnh …" near
# the top and "Nơi nhận:" before the signature. Both together make it formal; news never has them.
ADDRESSEE = r"^[ \t*|_]*Kính\s+gửi\s*\**\s*:"
ADDRESSEE_WITHIN = 600  # characters from the top
RECIPIENTS = r"^[ \t*|_]*Nơi\s+nhận\s*\**\s*:"

# An official letter's subject line: "V/v thuế suất thuế GTGT" (về việc).
SUBJECT_PREFIX = r"^V/v\s*"

# A resolution without its header is dated by the session that passed it: "Nghị quyết này
# được Hội đồng nhân dân tỉnh khóa IX, Kỳ họp thứ Tư thông qua ngày 13 tháng 7 năm 2017".
PASSED_ON = r"thông\s+qua\s+(?:ngày\s)?"

# A document whose header lost its number names itself in its appendix or attachment line:
# "(Kèm theo Nghị quyết số 20/NQ-HĐND ngày 13 tháng 7 năm 2017 của …)". The type named must be
# the document's own; the number pattern follows.
# The caption opens its line ("(Kèm theo …", "Ban hành kèm theo …"): mid-sentence, "… ban hành kèm
# theo Nghị quyết số 02/2015/NQ-HĐND" names an older text the document amends or repeals.
SELF_ATTACHMENT = r"^[ \t(*_\[]*(?:ban\s+hành\s+)?kèm\s+theo\s+(?P<type>{types})\s+số\s*:?\s*"

# Where the issuer is named when the header does not name it (issue 11): after the title
# ("HỘI ĐỒNG NHÂN DÂN TỈNH GIA LAI / KHÓA XI, KỲ HỌP THỨ BA"), in the signature ("TM. ỦY BAN
# NHÂN DÂN TỈNH X", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÀ RỊA VŨNG TÀU") or in the body before an
# issuing verb ("Ủy ban nhân dân tỉnh Thanh Hóa ban hành …").
AUTHORITY_ZONE = 1500  # characters after the title searched for the authority line
SIGNATURE_LEADS = r"(?:T\.?M\.?|T/M|K\.?T\.?|K/T|(?:PHÓ\s+)?CHỦ\s+TỊCH)\s*$"
# The closing formula of a notice (Thông báo kết luận): "Văn phòng Chính phủ thông báo để Ủy ban
# nhân dân tỉnh Sơn La và các Bộ, cơ quan liên quan biết, thực hiện./."
ANNOUNCES = r"^\s*(?P<b>[A-ZĐ][^\n.;,]{3,60}?)\s+thông\s+báo\s+(?:để|cho)\b"
BODY_ISSUE_VERBS = r"^[^\n.;]{0,60}?\b(?:đã\s+|vừa\s+)?(?:ban\s+hành|thông\s+qua|quyết\s+nghị|phê\s+duyệt)\b"

# The first legal-basis line ("Căn cứ Luật Tổ chức chính quyền địa phương …") ends the zone under
# the title where a national authority line ("THỦ TƯỚNG CHÍNH PHỦ") names the issuer.
BASIS_LINE = r"^[ \t]*Căn\s+cứ"
