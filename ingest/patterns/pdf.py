"""Line patterns of Vietnamese PDFs, as data for ``ingest.pdf`` and ``ingest.pdf_layout``.

They run on one line of a page's text layer (or of its OCR) as extracted, not folded: letter case
matters to several of them (``ĐIỀU``/``Điều``, roman numerals, signature prefixes), so the common
spellings are listed instead.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------
# Line repair: a PDF line is joined to the previous one unless it starts one of these or the
# previous one ends its sentence.

# Line starts that always begin a new line: document structure and list items.
NEW_ITEM = re.compile(
    r"^(Điều|ĐIỀU)\s+\d+[a-z]?\s*[.:]"  # Điều 5. / ĐIỀU 5:
    r"|^(Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Phụ lục|PHỤ LỤC)\s+[\dIVXLC]"  # divisions
    r"|^\d{1,3}[a-z]?(\.\d{1,3})*\s*[.)][⁰¹²³⁴-⁹]*\s"  # clauses 1. / 1.2. / 3) / 8a.³ (footnoted)
    r"|^[a-zđ]\)\s"  # points a) b) đ)
    r"|^[IVXLC]{1,6}\s*[.:\-–]\s"  # plan sections I. II-
    r"|^[-–—•+*]\s"  # dash items
    r"|^(Căn cứ|Theo đề nghị|Xét đề nghị|Xét tờ trình|Nơi nhận)\b"  # basis and recipients
    r"|^(KT|TM|TL|TUQ|Q|PP)\.\s"  # signature delegation prefixes
)
# A line ending in one of these has finished its sentence or item (``./.`` ends a document).
ENDS_ITEM = re.compile(r"[.;:!?…][\"'”’)\]]*$")

# ---------------------------------------------------------------------------------------------
# Page furniture: lines that are not text of the document.

# The text of an e-signature stamp, burnt into the page when annotations are flattened: it
# opens with "Ký bởi:" or "Cơ quan phát hành:" and goes on with labelled lines. Spaces are
# optional because stamps are often drawn without them ("Thờigianký:").
STAMP_START = re.compile(r"^(Ký\s*bởi|Cơ\s*quan\s*phát\s*hành)\s*:", re.IGNORECASE)
STAMP_LINE = re.compile(
    r"^(Ký\s*bởi|Email|E-mail|Cơ\s*quan|Thời\s*gian\s*ký|Ngày\s*ký|Người\s*ký|Chức\s*vụ)\s*:", re.IGNORECASE
)
# Page-number lines at the page edge: ``2``, ``- 2 -``, ``Trang 2``, ``2/13``.
PAGE_NUMBER = re.compile(r"^[-–(]?\s*(Trang\s+)?\d{1,4}(\s*/\s*\d{1,4})?\s*[-–)]?$", re.IGNORECASE)
# Separator rules typed as characters under the header lines ("___________", "-------"); they
# are removed from the line's text.
RULE = re.compile(r"(?<!\S)[_\-–—.…=*]{3,}(?!\S)|_{3,}")

# ---------------------------------------------------------------------------------------------
# Metadata titles that are not titles: the issuer header, word-processor defaults, file names.
JUNK_TITLE = re.compile(
    r"^(ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân|cộng hòa xã hội|cộng hoà xã hội|untitled"
    r"|microsoft word|document\d*|title|văn bản\d*)\b|\.(docx?|pdf|rtf|odt)$",
    re.IGNORECASE,
)
