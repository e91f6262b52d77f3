"""Lines of Vietnamese news/portal pages that are page furniture, not article text.

Numbers in them (visitor counters, related headlines) would otherwise become false targets and
decisions downstream. Each entry is a regular expression matched, case-insensitively, against
one whole line after ``core.textnorm.clean`` (NFC, single spaces). Shared by the HTML and the
plain-text readers through ``ingest/boilerplate.py``.
"""

from __future__ import annotations

# A line that is furniture wherever it appears (it is dropped alone).
DROP_LINE: list[str] = [
    # visitor counters: "Lượt truy cập: 4.534", "Đang online: 12", "Hôm nay: 1.203"
    r"(lượt truy cập|tổng (số )?(lượt )?truy cập|số lượt truy cập|đang (trực tuyến|online)"
    r"|lượt xem|lượt đọc|hôm nay|hôm qua|tuần này|tháng này|trong tháng|trong tuần|tất cả|khách)"
    r"\s*:?\s*[\d.,\s]*",
    r"(thống kê (truy cập|trong ngày)|online|truy cập)\s*:?\s*[\d.,\s]*",
    # share / print / navigation buttons
    r"(chia sẻ|chia sẻ bài viết|share|tweet|facebook|zalo|twitter|email|gửi email|in bài( viết)?|in trang"
    r"|lưu bài|quay lại|trở về|về đầu trang|lên đầu trang|top|in|bản in|gửi bài|góp ý|phản hồi)\s*:?",
    r"(xem chi tiết|xem tiếp|đọc tiếp|chi tiết)( icon)?\s*»?",
    r"(banner|icon|logo|image|ảnh minh họa|ảnh minh hoạ)",
    # image file names left by "save as text": "chuyen-doi-so-15-095346.jpg"
    r"\S+\.(jpe?g|png|gif|webp|bmp|svg)",
    # comment-box messages
    r"(gửi bình luận|viết bình luận|bình luận( \(\d+\))?|ý kiến của bạn|họ (và )?tên|email của bạn)\s*:?",
    r"bình luận của bạn đã được gửi thành công.*",
    r"lỗi: vui lòng thử lại.*",
    r"(mã xác nhận|captcha|làm mới|gửi)\s*:?",
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
    r"(thống kê (truy cập|trong ngày)|thống kê)",
    r"banner",
    r"(bản quyền|copyright|©).*",
    r"cơ quan chủ quản\s*:?.*",
    r"(chịu trách nhiệm( nội dung| chính)?|tổng biên tập|giấy phép( số)?)\s*:.*",
    r"cổng thông tin điện tử của các đơn vị.*",
]

# Menus and breadcrumbs: several short items separated by these, before the article starts.
MENU_SEPARATOR = r"\s+[|»›>/]\s+"
MENU_MIN_ITEMS = 2
MENU_MAX_WORDS = 4  # a menu item is a label of a few words, without digits

# Lines listing several headlines separated by "|" (a ticker), dropped before the article starts.
TICKER_SEPARATOR = r"\s+\|\s+"
TICKER_MIN_ITEMS = 3
TICKER_MIN_WORDS = 4  # every item of a ticker is itself a headline of several words
