"""How a signature block and a news sentence name the signer, as data for ``extract/signers.py``.

Titles, prefixes (TM., KT., …) and the words of body names are shared vocabulary in
``lexicon/issuers.py``; the phrasing below is only read by the signer extractor.
"""

from __future__ import annotations

# Lines of a block that are neither title nor name: "(Đã ký)", "Ký bởi: Văn phòng UBND",
# "[đóng dấu]", "02 bản", rules.
NOISE_LINE = r"^(?:\(?\s*đã\s+ký[^)]*\)?|ký\s+bởi\b.*|\[.*\]|\d+\s+bản.*|-+)$"

# The same marks inside a line flattened from a block: "PHÓ CHỦ TỊCH (Đã ký) Nguyễn Văn A".
NOISE_INLINE = r"\(\s*đã\s+ký[^)]*\)|\[[^\]]*\]|\bký\s+bởi\s*:?[^\n]*?(?=\s[A-ZĐ][a-zà-ỹ])"

# OCR and copy residue glued to a caps title line: "PHÓ THỦ TƯỚNGy]", "CHỦ TỊCH |". Dropped
# when what stays is upper case.
TRAILING_JUNK = r"\s*[a-zà-ỹ\]\[|}{)(_~'`\"]{1,3}\s*$"

# A scan's seal and handwriting leave short garbage lines between the title and the name:
# a line with fewer letters than this, or more non-letters than letters, is skipped.
GARBAGE_MIN_LETTERS = 3

# Where the recipients' list starts; the main block is the one nearest it.
NOI_NHAN = r"Nơi\s+nhận\s*:"

# A military or police rank written before the name under a block ("THỨ TRƯỞNG / Thượng tướng
# Vũ Hải Sản"): part of neither the title nor the name. The ranks are in ``titles.RANKS``.

# A block with a prefix and no title word names the collective body that signs ("T/M BỘ CHÍNH
# TRỊ", "TM. BAN BÍ THƯ"): the body is the signer's title, at most this many words long.
BODY_TITLE_MAX_WORDS = 8

# News: "<title> <Name> vừa ký …" and "<Name>, <title>, đã ký …".
# The verb after the name: "vừa ký", "đã ban hành", or a bare "ký" that governs a document or
# its date ("… Nguyễn Huy Tưởng ký ngày 31/5", "… ký ban hành Kế hoạch …"); a bare "ký" alone
# may be "ký kết" (signing an agreement) and does not count.
SIGN_VERB = (
    r"(?:(?:vừa|đã|đã vừa|mới)\s+(?:ký|ban\s+hành)|ký\s+(?:ban\s+hành|quyết\s+định|văn\s+bản|công\s+văn"
    r"|chỉ\s+thị|nghị\s+quyết|kế\s+hoạch|công\s+điện|thông\s+báo|ngày))(?!\w)"
)
# News writes titles in any case ("Phó chủ tịch UBND thành phố"): the title words are matched
# ignoring case, the name after them is not.
NEWS_HONORIFICS = r"(?:Ông|Bà|Đồng chí)"
