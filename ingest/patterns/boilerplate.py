"""Lines of Vietnamese news/portal pages that are page furniture, not article text.

Numbers in them (visitor counters, related headlines) would otherwise become false targets and
decisions downstream. Each entry is a regular expression matched, case-insensitively, against
one whole line after ``core.textnorm.clean`` (NFC, single spaces). Shared by the HTML and the
plain-text readers through ``ingest/boilerplate.py``.
"""

from __future__ import annotations

# Vietnamese capitals and small letters, for the caption rule below.
_UP = "A-ZÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_LOW = "a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"

# A line that is furniture wherever it appears (it is dropped alone).
DROP_LINE: list[str] = [
    # visitor counters: "Lượt truy cập: 4.534", "Đang online: 12", "Hôm nay: 1.203"
    r"(lượt truy cập|tổng (số )?(lượt )?truy cập|số lượt truy cập|đang (trực tuyến|online)"
    r"|lượt xem|lượt đọc)\s*:?\s*[\d.,\s]*",
    # the same with everyday words as labels: only with the colon ("Trong tháng 11" is text)
    r"(hôm nay|hôm qua|tuần này|tháng này|trong tháng|trong tuần|tất cả|khách)\s*:\s*[\d.,\s]*",
    r"(thống kê (truy cập|trong ngày)|online|truy cập)\s*:?\s*[\d.,\s]*",
    # share / print / navigation buttons
    r"(chia sẻ|chia sẻ bài viết|share|tweet|facebook|zalo|twitter|email|gửi email|in bài( viết)?|in trang"
    r"|lưu bài|quay lại|trở về|về đầu trang|lên đầu trang|top|bản in|gửi bài)\s*:?",
    # ("chi tiết", "gửi:", "Họ và tên" alone are also lines of wrapped documents: not listed)
    r"(xem chi tiết|xem tiếp|đọc tiếp)( icon)?\s*»?",
    r"(banner|icon|logo|image|ảnh minh họa|ảnh minh hoạ)",
    # image file names left by "save as text": "chuyen-doi-so-15-095346.jpg"
    r"\S+\.(jpe?g|png|gif|webp|bmp|svg)",
    # comment-box messages
    r"(gửi bình luận|viết bình luận|bình luận( \(\d+\))?|ý kiến của bạn|email của bạn)\s*:?",
    r"bình luận của bạn đã được gửi thành công.*",
    r"lỗi: vui lòng thử lại.*",
    r"(mã xác nhận|captcha|làm mới)\s*:?",
    # table residue of pages saved as text: a line that is only cell borders, and the
    # markdown rule under a table header that trafilatura writes ("|---|---|")
    r"[|\s]+",
    r"\|(\s*:?-+:?\s*\|)+",
    # contact lines of the site's footer: "Hotline: 0912 345 678 - Email: toasoan@baolamdong.vn",
    # "Đường dây nóng: …"; any short line carrying an e-mail address
    r".{0,60}\b(hotline|đường dây nóng)\b.*",
    r".{0,80}[\w.\-]+@[\w\-]+\.[a-z.]{2,}.{0,80}",
    # "Theo dõi Báo Lâm Đồng trên Google News", "Theo dõi chúng tôi trên Zalo"
    r"theo dõi .{1,60} trên (google news|google tin tức|facebook|zalo|youtube|tiktok|twitter|fanpage"
    r"|mạng xã hội|kênh).*",
    # photo credits and image placeholders: "Ảnh: T.SỸ", "[img]", "[:gift:Xem chi tiết ở đây:gift:]"
    r"(ảnh|nguồn ảnh|photo)\s*:\s*[^\s,;]{1,15}(\s[^\s,;]{1,15}){0,3}",
    r"\[img\]",
    r"\[:\w+:.*\]",
    # tags and rating widgets
    r"(từ khóa|từ khoá|tags?)\s*:.{0,120}",
    r"(đánh giá|bình chọn)\s*:?\s*[\d.,/\s]*",
]

# Site navigation entries, dropped when alone on a line.
NAV_LINE: list[str] = [
    r"(trang chủ|giới thiệu|liên hệ|tin tức|tin tức - sự kiện|đăng nhập|đăng ký|tìm kiếm|sơ đồ (trang|site)"
    r"|english|tiếng việt|hỏi đáp|thư viện|rss)",
]

# A heading that opens a zone of furniture: the heading and the short lines after it (related
# headlines, menus) go, until a real paragraph comes back.
ZONE_START: list[str] = [
    r"(tin|bài|tin bài|tin tức) (liên quan|cùng chuyên mục|cùng loại|khác|mới|mới nhất|mới hơn|cũ hơn"
    r"|đọc nhiều|nổi bật|xem nhiều|đã đưa)",
    r"(các|những) (tin|bài)( viết)? (khác|liên quan|đã đưa|mới)",
    r"(xem|đọc) (thêm|nhiều)",
    r"(chuyên mục|liên kết|liên kết website|liên kết web|văn bản mới|sự kiện|video|thư viện ảnh"
    r"|tiêu điểm|tin nổi bật|tin ảnh|góc ảnh|media|podcast|tin vắn)",
    r"(chủ đề|dòng sự kiện)\s*:?",
]

# A heading after which nothing of the article follows (comments, statistics, the portal's
# link blocks, the footer); cut to the end of the page when it sits in the page's second half.
CUT_TO_END: list[str] = [
    r"(thêm|gửi|viết) (nhận xét|bình luận|ý kiến)( mới)?",
    r"(ý kiến|bình luận) (bạn đọc|độc giả)",
    r"thống kê (truy cập|trong ngày|lượt truy cập)",
    r"banner",
    # the site's footer; a line opening with plain "Bản quyền tác giả …" can be a document's own
    r"(bản quyền (thuộc|©|\(c\)|\d{4})|giữ bản quyền|copyright|©).*",
    r"cơ quan chủ quản\s*:.*",
    r"(chịu trách nhiệm( nội dung| chính)?|tổng biên tập|giấy phép( số)?)\s*:.*",
    r"cổng thông tin điện tử của các đơn vị.*",
    # the blocks of other stories under an article (their teasers are paragraphs too, so the
    # zone rule would stop at the first one): "Cùng chuyên mục", "Những tin cũ hơn"
    r"(tin |bài |tin bài )?(cùng chuyên mục|cùng danh mục|cùng chủ đề)",
    r"((những|các) )?(tin|bài)( viết)? (cũ hơn|mới hơn|đã đưa|trước)",
]

# Furniture glued into an article line, cut out of the line: a photo credit closing a caption
# ("… tại buổi làm việc. Ảnh: T.SỸ"), a caption label glued to the next paragraph ("Ảnh minh
# họaQuy hoạch …"), a site's link widget ("[:gift:Xem chi tiết ở đây:gift:](https://…)").
INLINE_DROP: list[str] = [
    r"(?<=[.!?)”\"])\s*(?:Ảnh|Nguồn ảnh)\s*:\s*[A-ZĐ][\w.]*(?:\s[A-ZĐ][\w.]*){0,3}\s*$",
    r"^Ảnh minh h[ọo]a(?=[A-ZĐ])",
    # the site's teaser of its own article under the headline, cut off with "…" (hddtvn.com):
    # "[:gift:Xem chi tiết ở đây:gift:](https://…)Nhiều trường hợp … được xoá …"
    r"^\[:\w+:[^\]\n]*\]\([^)\s]*\)[^\n]*…\s*$",
    r"\[:\w+:[^\]\n]*\](?:\([^)\s]*\))?",
    # an embedded image in markdown: "![alt](https://…/2929_IMG-3606.jpg?rt=… "title")"
    r"!\[[^\]\n]*\]\([^)\n]*\)",
    # the outlet's tag opening a lead, maybe after a "more" link glued to it: "(Dân Việt) - UBND
    # TP. Đà Nẵng vừa …", "more(HDDTVN)- Kể từ ngày …", "(Chinhphu.vn) - Theo Nghị quyết …"
    r"^(?:more)?\([A-ZĐ][\w.+&]*(?:\s[A-ZĐ][\w.+&]*){0,3}\)\s*[-–]\s*",
    # the outlet's web address in brackets, with or without the dash: "(baodautu.vn) Trao đổi …"
    r"^\((?:www\.)?[a-z0-9\-]+(?:\.[a-z]{2,3}){1,2}\)\s*(?:[-–]\s*)?(?=[A-ZĐ])",
    # an outlet's acronym opening the lead without brackets: "KTĐT - Những năm gần đây, …"
    r"^(?-i:[A-ZĐ]{3,6})\s+[-–]\s+(?=[A-ZĐ])",
    # a photo caption and its credit glued to the paragraph after it, when the page was saved
    # without its image (the credit runs straight into the next sentence): "Các đơn vị vi phạm
    # hốt bùn đổ sai quy định - Ảnh: N.LCụ thể, …", "… tỉnh Đác Nông. Bài và ảnh: NGUYỄN CÔNG
    # LÝNhững tháng đầu năm …", "… đất rừng sản xuất - Ảnh minh họaTrong 592.849 ha …". The
    # credit is initials or capitals, then the next sentence's capitalised first word.
    rf"^[^\n]{{5,220}}?[\s.\-–]+(?:(?:Bài\s+(?:và|,)\s+)?[Ảả]nh|Nguồn(?:\s+ảnh)?|Photo)\s*:\s*"
    rf"[{_UP}][{_UP}.\s]{{0,30}}?(?=[{_UP}][{_LOW}]+\s+\S)",
    rf"^[^\n]{{5,220}}?\s[-–]\s*Ảnh\s+minh\s+h[ọo]ạ?a?(?=[{_UP}][{_LOW}])",
]

# After the article's last paragraph, a publication stamp on a line of its own ("27/05/13 12:21
# GMT+7", "28/05/2021 02:21") closes the article: the short lines after it are the portal's
# (the section "Xã hội", the tag list, the outlet "KTĐT", "CAND", "Đầu Tư"), whatever their words.
# Formal texts end with a signature, never with such a stamp.
CLOSING_STAMP = r"\d{1,2}/\d{1,2}/(?:\d{2}|\d{4})\s+\d{1,2}:\d{2}(?:\s*\(?GMT\s*[+-]\s*\d{1,2}\)?)?"

# Lines that are furniture only after the article's last paragraph: a news outlet's name as
# the credit line ("Hà Nội Mới", "Dân Việt"; case-sensitive, since "NHÂN DÂN" is half of a
# header line), a tag list written with bare commas ("Bãi biển,Quảng Nam,Cửa Đại").
TAIL_DROP: list[str] = [
    r"(?-i:(Báo )?(Hà Nội Mới|Chính Phủ|Dân Việt|Thanh Niên|Nhân Dân|Tuổi Trẻ|Tiền Phong|Lao Động"
    r"|Người Lao Động|Dân Trí|VnExpress|VietnamPlus|Vietnam\+|Đại Đoàn Kết|Tin Tức|Pháp Luật|Công An Nhân Dân"
    r"|Quân Đội Nhân Dân|Sài Gòn Giải Phóng|Kinh Tế & Đô Thị|VOV|VTV|TTXVN|Báo Mới|Thời Nay|Gia Đình & Xã Hội"
    r"|Sức Khỏe & Đời Sống|Vietnamnet|Zing|Infonet|Petrotimes|Baomoi|Đất Việt|Giáo Dục & Thời Đại))",
    r"[^,.;:!?\n]{2,40}(,[^,.;:!?\s][^,.;:!?\n]{1,40}){2,}",
    # the page's own address printed under the article (baomoi.com's source link)
    r"https?://\S+",
]

# Menus and breadcrumbs: several short items separated by these, before the article starts.
MENU_SEPARATOR = r"\s+[|»›>/]\s+"
MENU_MIN_ITEMS = 2
MENU_MAX_WORDS = 4  # a menu item is a label of a few words, without digits

# Lines listing several headlines separated by "|" (a ticker), dropped before the article starts.
TICKER_SEPARATOR = r"\s+\|\s+"
TICKER_MIN_ITEMS = 3
TICKER_MIN_WORDS = 4  # every item of a ticker is itself a headline of several words

# Frames of legal portals whose pages are saved as text around the document itself. Each frame:
# ``detect`` (seen in the first ``detect_within`` lines); the document starts after the line
# labelled ``head_last_label`` and its value (the portal's metadata table); it ends before a
# line matching ``tail_start`` (the portal's related-documents list), and before the portal's
# caption of the document right above it (``tail_caption``). ``markup``: emphasis and heading
# marks of the saved page, removed ("(*)" footnote marks are kept).
SITE_FRAMES: list[dict[str, str | int]] = [
    {
        "name": "thuvienphapluat.vn",
        "detect": r"THƯ VIỆN PHÁP LUẬT|Đang tải văn bản",
        "detect_within": 40,
        "head_last_label": r"\**\s*Tình trạng:\s*\**",
        "head_within": 90,
        # (a page whose document is not online yet says "đang cập nhật Nội dung … Tải về")
        "tail_start": r"#*\s*Văn bản liên quan|(.*\s)?\**Văn bản này (chưa|đang) cập nhật nội dung.*",
        "tail_caption": r"(Công văn|Quyết định|Nghị quyết|Kế hoạch|Thông tư|Nghị định|Chỉ thị|Thông báo"
        r"|Báo cáo|Luật|Văn bản hợp nhất|Hướng dẫn|Quy định|Công điện|Thông tư liên tịch)\s+\S+\s+"
        r"(năm|ngày)\s.*",
        "markup": r"(?<![\w(])\*+|\*+(?![\w)])|^#+\s+",
    },
]
