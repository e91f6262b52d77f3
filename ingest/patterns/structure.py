"""Heading patterns of Vietnamese administrative documents, as data for ``ingest.structure``.

Most patterns are matched against a *probe* of a line: its first characters with markdown
decoration (``**``, ``*``, ``|``, ``#``) removed, OCR's ``Ð`` turned into ``Đ``, then
``core.textnorm.fold``-ed (no diacritics, lower case). Folding makes ``ĐIỀU 1.``, ``Điều 1:`` and
the OCR slip ``Điểu 1.`` one pattern. Patterns whose meaning depends on letter case (an upper-case
signature title, a roman numeral, a point letter) run on the line itself instead; they say so.
"""

from __future__ import annotations

import re

# How many characters of a line are folded into its probe; every probe pattern fits in it.
PROBE_CHARS = 64
# A line shorter than this is read together with the next one for block starts ("Căn\ncứ",
# "**Điều\n3. **", "Nơi\nnhận:"): page dumps break lines inside the first words.
SHORT_LINE_CHARS = 12

# ---------------------------------------------------------------------------------------------
# Title: the document-type line that opens the title block (``QUYẾT ĐỊNH``, ``KẾ HOẠCH``).
# Folded names; the line must also be upper case (checked in code) so that running text that
# starts with "Quyết định số …" is not a title. Longer names first, so "thong tu lien tich" wins.
DOC_TYPES: tuple[str, ...] = (
    "van ban hop nhat",
    "thong tu lien tich",
    "quyet dinh",
    "nghi quyet",
    "nghi dinh",
    "ke hoach",
    "quy che",
    "quy dinh",
    "chi thi",
    "thong bao",
    "bao cao",
    "cong dien",
    "to trinh",
    "thong tu",
    "bo luat",
    "luat",
    "phap lenh",
    "hien phap",
    "huong dan",
    "chuong trinh",
    "de an",
    "phuong an",
    "dieu le",
    "ket luan",
    "lenh",
)
TITLE = re.compile(r"^(?P<type>" + "|".join(t.replace(" ", r"\s+") for t in DOC_TYPES) + r")(?![a-z0-9])")

# Names that open an attached document (an appendix) besides the document types above: lists
# and price tables attached to a decision. Folded. The appendix label is the name as written,
# e.g. "Quy chế kèm theo".
ATTACHED_EXTRA: tuple[str, ...] = ("danh muc", "bang gia", "bang tong hop", "quy trinh", "bieu mau")
ATTACHED_TITLE = re.compile(
    r"^(?P<type>" + "|".join(t.replace(" ", r"\s+") for t in (*DOC_TYPES, *ATTACHED_EXTRA)) + r")(?![a-z0-9])"
)
# "(Ban hành kèm theo Quyết định số …)", "(Kèm theo …)": the note under an attached title.
ATTACHED_NOTE = re.compile(r"^\(?\s*(ban hanh\s+)?kem\s+theo\b")
# A type line this close under an appendix heading is that appendix's title, not a new one.
APPENDIX_TITLE_CHARS = 300
# How many lines after an attached title the note is looked for.
ATTACHED_NOTE_LINES = 5

# Lines that continue the title block: the subject ("Về việc …", "V/v …") and its wraps.
TITLE_SUBJECT = re.compile(r"^(ve\s|ve$|v/v\b|\()")
# Sentence starts that open the preamble of a plan or report, never a title's subject line.
PREAMBLE_START = re.compile(
    r"^(thuc hien|can cu|xet|theo|nham|de\s|tren co so|hom nay|thi hanh|ngay \d|kinh gui)"
)
# The heading of a preamble ("LỜI NÓI ĐẦU" of the Constitution) ends the title block.
PREAMBLE_HEADING = re.compile(r"^(loi noi dau|loi mo dau)\s*$")
# At most this many sentence-case subject lines follow a bare type line.
TITLE_SUBJECT_LINES = 4

# ---------------------------------------------------------------------------------------------
# Basis: "Căn cứ …;", "Xét đề nghị …", "Theo đề nghị …", ending at the enacting line.
BASIS = re.compile(
    r"^(can cu|xet de nghi|theo de nghi|xet to trinh|xet bao cao|theo to trinh|tren co so de nghi)\b"
)
# The enacting line alone: "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:" (a resolution), "NGHỊ QUYẾT:".
ENACT = re.compile(r"^(quyet\s*dinh|quyet\s*nghi|nghi\s*quyet|chi\s*thi|ban\s*hanh)\s*:\s*$")

# ---------------------------------------------------------------------------------------------
# Divisions above the article. Rank orders them: a heading closes every open unit of the same
# or a deeper rank.
# "Phần thứ nhất", "PHẦN I.", "Phần 2:" (codes and long plans).
PART = re.compile(r"^phan\s+(?P<num>thu\s+[a-z]+|[ivxlc]+|\d+)(?![a-z0-9])")
# "Chương I", "CHƯƠNG II:NHỮNG …"; "Chương trình" is a word, not a heading.
CHAPTER = re.compile(r"^chuong\s+(?P<num>[ivxlc]+|\d+)(?![a-z0-9])")
# "Mục 1. QUY ĐỊNH CHUNG", "Mục II."; punctuation or the line end must follow the number, so a
# wrapped mention "Mục 1 Chương XI của Bộ luật" is not a heading.
SUBCHAPTER = re.compile(r"^muc\s+(?P<num>\d+|[ivxlc]+)\s*([.:\-–]|$)")
# Plans: "I. MỤC ĐÍCH, YÊU CẦU", "II- NHIỆM VỤ". Matched on the line itself (upper case).
ROMAN = re.compile(r"^(?P<num>[IVXLC]{1,6})\s*[.:\-–]\s*(?=\S)")

# "Điều 1.", "Điều 1:", "Điều 1 .", "ĐIỀU 1.", "Điều 9a." (inserted article). The number must be
# followed by punctuation: "Điều 3 Quyết định này" at a line start is a wrapped mention.
ARTICLE = re.compile(r"^dieu\s*(?P<num>\d{1,4}[a-z]?)\s*[.:]")
# "Điều 1" alone on its line, its text below (the Constitution prints articles this way).
ARTICLE_ALONE = re.compile(r"^dieu\s*(?P<num>\d{1,4}[a-z]?)\s*$")
# A line ending in one of these words continues into the next line, so a "Điều N." that
# follows it is a mention ("… quy định tại\nĐiều 3.") and not a heading. Folded, at line end.
MENTION_LEAD = re.compile(
    r"(\btai|\btheo|\bcua|\bva|\bhoac|\bvoi|\bkhoan \d+|\bdiem [a-z]|\btu|\bden)$"
)

# Clause "1." (not "1.1." and not "2025.5"); matched on the line itself.
CLAUSE = re.compile(r"^(?P<num>\d{1,3})\s*\.(?!\d)\s*")
# Point "a)", "đ)", also "a." in some plans; matched on the line itself (lower case letters).
POINT = re.compile(r"^(?P<num>[a-zđ])\s*(\)|\.\s)")
# The letters of points in order: the Vietnamese alphabet has đ and no f, j, w, z.
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
# Numbered units may skip at most this many numbers (a lost line in OCR) and still count.
MAX_SKIP = 1

# ---------------------------------------------------------------------------------------------
# Appendix: "PHỤ LỤC", "Phụ lục I", "PHỤ LỤC 02", "Phụ lục số 3".
APPENDIX = re.compile(r"^phu\s*luc(\s+(so\s+)?(?P<num>[ivxlc]+|\d+[a-z]?|[a-z]))?(?![a-z0-9])")

# ---------------------------------------------------------------------------------------------
# Recipients block: "Nơi nhận:".
RECIPIENTS = re.compile(r"^noi\s*nhan\b")

# Signature. Matched on the line itself, case-sensitively: these are upper-case in documents.
# Delegation prefixes: "TM." (thay mặt), "KT." (ký thay), "TL." (thừa lệnh), "TUQ." (thừa ủy
# quyền), "Q." (quyền), "PP." Lines like "TL." alone (title on the next line) count too.
SIGNATURE_PREFIX = r"(?:TM|KT|TL|TUQ|Q|PP|T/M|K/T)\s*\.(?:\s*[A-ZĐÀ-Ỹ]|\s*$)"
# Signer titles that stand alone on a line in a signature block.
SIGNER_TITLES = (
    "CHỦ TỊCH",
    "GIÁM ĐỐC",
    "TỔNG GIÁM ĐỐC",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "THỦ TƯỚNG",
    "CHÁNH VĂN PHÒNG",
    "CHÁNH ÁN",
    "VIỆN TRƯỞNG",
    "TRƯỞNG BAN",
    "CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG",
    "CHI CỤC TRƯỞNG",
    "TRƯỞNG PHÒNG",
    "CHỦ NHIỆM",
    "BÍ THƯ",
    "CHỦ TỊCH QUỐC HỘI",
    "CHỦ TỊCH NƯỚC",
)
SIGNER_TITLE = (
    r"(?:PHÓ\s+)?(?:" + "|".join(t.replace(" ", r"\s+") for t in SIGNER_TITLES) + r")(?![A-Za-zÀ-ỹĐđ])"
)
SIGNATURE = re.compile(rf"^(?:{SIGNATURE_PREFIX}|{SIGNER_TITLE})")
# The same marker in the right column of an interleaved line: "- Như Điều 3; PHÓ CHỦ TỊCH".
SIGNATURE_IN_LINE = re.compile(rf"(?<=\s)(?:{SIGNATURE_PREFIX}|{SIGNER_TITLE}\s*$)")
# At most this much OCR debris before a signature marker on the first line of the block
# ("be KT. CHỦ TỊCH" where the scan's "Nơi nhận:" was misread).
OCR_DEBRIS_CHARS = 6
# A line starting in lower case is a wrapped continuation unless it is this short (OCR debris
# in front of a signature marker).
SHORT_LOWER_CHARS = 60
# "(Đã ký)", "Đã ký" (copies of a signed original). Folded.
SIGNED = re.compile(r"^\(?\s*da\s+ky\b")
# A signature line is short; longer upper-case lines starting with a title are running text.
SIGNATURE_MAX_CHARS = 90

# ---------------------------------------------------------------------------------------------
# Header (quốc hiệu, cơ quan ban hành, số, địa danh - ngày): signals that a line belongs to it.
# Folded, searched anywhere in the line (the two header columns are often interleaved).
HEADER_STRONG = re.compile(
    r"cong hoa xa hoi chu nghia|doc lap\s*-\s*tu do|tu do\s*-\s*hanh phuc"
    r"|^so\s*:|^so\s+\S*/|,\s*ngay\s+(\d|\.|…|_|$|thang)|^v/v\b|^kinh gui\b"
)
# The national motto opens the header of every formal document.
NATIONAL = re.compile(r"cong hoa xa hoi|doc lap\s*-\s*tu do")
# The issuer column above (or beside) the motto is at most this many lines.
HEADER_ABOVE_MOTTO = 8
# Issuing bodies and separator rules seen in the header's left column. Folded.
HEADER_WEAK = re.compile(
    r"^(uy ban nhan dan|hoi dong nhan dan|bo\s|so\s|cuc\s|tong cuc|chinh phu|quoc hoi|van phong"
    r"|thu tuong|ban\s|tinh\s|thanh pho|huyen|xa\s|phuong|-{3,}|_{3,})"
)
# The title is looked for in this many leading lines; the header is never longer.
HEADER_MAX_LINES = 60
# A line longer than this that is neither upper case nor a header signal is running text:
# the document has started, so no title is looked for beyond it.
HEADER_LINE_MAX_CHARS = 60

# ---------------------------------------------------------------------------------------------
# A body section (news, letters) is a paragraph; a paragraph longer than this is cut at a line
# that ends a sentence, so search chunks stay quotable.
BODY_MAX_CHARS = 1500
# Paragraphs shorter than this (a headline, a dateline, a byline) join the next one: a group
# of paragraphs is the unit, so a search hit never cites a three-word fragment.
BODY_MIN_CHARS = 200
# A heading shorter than this ("1. Sở", "2.") takes the next line in: the dump broke it.
SHORT_HEADING_CHARS = 8
# Headings are cut to this many characters (a wrapped "Điều 1. …" joins its continuation lines).
HEADING_MAX_CHARS = 200

# ---------------------------------------------------------------------------------------------
# Labels of the sections that have no number; search cites them.
LABELS: dict[str, str] = {
    "header": "Phần đầu văn bản",
    "title": "Tên văn bản",
    "basis": "Căn cứ ban hành",
    "preamble": "Phần mở đầu",
    "recipients": "Nơi nhận",
    "signature": "Chữ ký",
    "body": "Đoạn {n}",
    "appendix": "Phụ lục",
    "appendix_numbered": "Phụ lục {num}",
    "attached": "{type} kèm theo",
    "part": "Phần {num}",
    "chapter": "Chương {num}",
    "subchapter": "Mục {num}",
    "roman": "Mục {num}",
    "article": "Điều {num}",
    "clause": "Khoản {num}",
    "point": "Điểm {num}",
}
