"""Line rules shared by the HTML and text readers: furniture goes, article and decisions stay."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ingest import boilerplate

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
PARAGRAPH = (
    "Theo kế hoạch, đến năm 2025 tỉnh phấn đấu 100% hồ sơ công việc cấp tỉnh được xử lý trên môi "
    "trường mạng và tỷ lệ dịch vụ công trực tuyến toàn trình đạt tối thiểu 80%."
)
OTHER = (
    "Sở Thông tin và Truyền thông chủ trì, phối hợp với các sở, ngành theo dõi, đôn đốc và báo cáo "
    "kết quả thực hiện trước ngày 15/12 hằng năm."
)


def test_counters_share_buttons_images_go_anywhere():
    lines = [
        PARAGRAPH,
        "Lượt truy cập: 4.534",
        "Tổng số truy cập:   312.343.234",
        "Đang online: 37",
        "Hôm nay: 1.203",
        "Chia sẻ",
        "In bài viết",
        "chuyen-doi-so---mot-nam-nhin-lai-15-095346.jpg",
        "Xem chi tiết icon",
        OTHER,
    ]
    assert boilerplate.strip(lines) == [PARAGRAPH, OTHER]


def test_related_news_zone_goes_until_the_article_resumes():
    lines = [
        PARAGRAPH,
        "Tin liên quan:",
        "Quyết định số 789/QĐ-UBND phê duyệt đề án 500 ha lúa chất lượng cao",
        "Hà Tĩnh đạt 95% hồ sơ trực tuyến trong quý I",
        OTHER,
    ]
    assert boilerplate.strip(lines) == [PARAGRAPH, OTHER]


def test_comments_and_statistics_cut_to_the_end_only_late_in_the_page():
    comment = "Nguyễn Văn A: Tôi mong tỉnh đạt 100% dịch vụ công năm 2025 như đã hứa với dân."
    tail = ["Thêm nhận xét mới", comment]
    assert boilerplate.strip([PARAGRAPH, OTHER, *tail]) == [PARAGRAPH, OTHER]
    # the same heading at the very top does not swallow the article
    early = ["Bình luận", PARAGRAPH, OTHER, PARAGRAPH]
    assert boilerplate.strip(early) == [PARAGRAPH, OTHER, PARAGRAPH]


def test_ticker_and_menu_only_before_the_article():
    ticker = (
        "Thúc đẩy liên kết phát triển Thanh Hóa - Nghệ An - Hà Tĩnh   |    Triển lãm Hoàng Sa, Trường Sa "
        "tại Trường THPT Hương Sơn   |    Ban hành Đề án xác định Chỉ số chuyển đổi số doanh nghiệp   |   "
    )
    menu = "TRANG CHỦ | GIỚI THIỆU | TIN TỨC | VĂN BẢN | LIÊN HỆ"
    crumbs = "Trang chủ » Tin tức - Sự kiện"
    table_row = "| STT | Chỉ tiêu | Năm 2025 |"
    lines = [ticker, menu, crumbs, "Tiêu đề bài viết", PARAGRAPH, table_row, OTHER]
    assert boilerplate.strip(lines) == ["Tiêu đề bài viết", PARAGRAPH, table_row, OTHER]


def test_phrases_inside_sentences_are_kept():
    lines = [
        "Lượt truy cập Cổng dịch vụ công của tỉnh năm 2023 tăng 35% so với năm trước, đạt hơn 2 triệu lượt.",
        "Xem thêm hướng dẫn tại Điều 5 Quyết định này và các văn bản có liên quan đến việc thực hiện.",
        "Chia sẻ dữ liệu giữa các sở, ngành phải bảo đảm an toàn thông tin theo quy định hiện hành.",
    ]
    assert boilerplate.strip(lines) == lines


def test_document_lines_like_footer_phrases_do_not_cut_late_in_the_text():
    lines = [
        PARAGRAPH,
        OTHER,
        "Thống kê",
        "Bản quyền tác giả đối với chương trình máy tính được bảo hộ theo quy định của pháp luật.",
        "Trong tháng 11",
        "chi tiết",
        OTHER,
    ]
    assert boilerplate.strip(lines) == lines


def test_formal_decision_lines_pass_unchanged():
    lines = (SAMPLES / "qd_nghean_example.txt").read_text(encoding="utf-8").splitlines()
    assert boilerplate.strip(lines) == [*lines[: len(boilerplate.strip(lines))]]
    assert [line for line in boilerplate.strip(lines) if line] == [line for line in lines if line]


def test_paragraph_breaks_are_kept_and_trailing_ones_trimmed():
    assert boilerplate.strip([PARAGRAPH, "", OTHER, "", "Lượt truy cập: 5", ""]) == [PARAGRAPH, "", OTHER]


def test_news_header_without_dateline_uses_a_headline_first_line():
    assert boilerplate.news_header(["Hà Tĩnh thành lập tổ công tác", "", PARAGRAPH]).title == (
        "Hà Tĩnh thành lập tổ công tác"
    )
    assert boilerplate.news_header([PARAGRAPH, OTHER]).title is None
    assert boilerplate.news_header(["Kính gửi: Ủy", "ban nhân dân các tỉnh", PARAGRAPH]).title is None
    assert boilerplate.news_header(["BAN CHẤP HÀNH TRUNG ƯƠNG", "", PARAGRAPH]).title is None


def test_impossible_dateline_is_ignored():
    assert boilerplate.find_dateline(["Tiêu đề", "02:21 38/13/2021", PARAGRAPH]) is None


LINES = st.lists(
    st.one_of(
        st.sampled_from([PARAGRAPH, OTHER, "", "Tin liên quan", "Lượt truy cập: 12", "banner", "Xem thêm"]),
        st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãếềệ0123456789 .,:|/-", max_size=80),
    ),
    max_size=30,
)


@given(LINES)
def test_strip_only_removes_lines_and_keeps_order(lines):
    kept = boilerplate.strip(lines)
    it = iter("" if not line.strip() else line for line in lines)  # blank lines come back as ""
    assert all(any(line == candidate for candidate in it) for line in kept)  # ordered subsequence
    assert not kept or kept[-1].strip()


# ---- plain-text news pages: sidebars and footers (issue 11) --------------------------------

GOLD_TEASER = (
    "Giá vàng hôm nay tiếp tục tăng mạnh, vàng miếng SJC được các doanh nghiệp niêm yết ở mức 85 triệu "
    "đồng/lượng, tăng 1,2 triệu đồng so với phiên trước."
)


def _page(*tail: str) -> list[str]:
    return [PARAGRAPH, "", OTHER, "", PARAGRAPH, "", OTHER, "", *tail]


def test_same_section_block_goes_with_its_teaser_paragraphs():
    lines = _page("Cùng chuyên mục", "Giá vàng hôm nay 12/5: vàng SJC tăng vọt", GOLD_TEASER,
                  "Những tin cũ hơn", "Lâm Đồng: đẩy mạnh chuyển đổi số", GOLD_TEASER)
    assert boilerplate.strip(lines)[-1] == OTHER


def test_older_news_block_goes():
    lines = _page("Những tin cũ hơn", "Hội nghị tổng kết năm 2024 (12/01/2025)", GOLD_TEASER)
    assert boilerplate.strip(lines)[-1] == OTHER


def test_contact_and_follow_lines_go():
    lines = _page(
        "Hotline: 0912 345 678 - Email: toasoan@baolamdong.vn",
        "Đường dây nóng: 0263.3822.474",
        "E-mail: bbt@hatinh.gov.vn",
        "Theo dõi Báo Lâm Đồng trên Google News",
        "Ảnh: T.SỸ",
        "[img]",
        "[:gift:Xem chi tiết ở đây:gift:]",
    )
    assert boilerplate.strip(lines)[-1] == OTHER


def test_outlet_credit_and_bare_comma_tags_go_after_the_article():
    """baomoi pages (dev): a tag list and the outlet's name close the page."""
    lines = _page("Ủy ban nhân dân thành phố,Quản lý chất lượng,Kiện toàn bộ máy,Nghị định", "Hà Nội Mới")
    assert boilerplate.strip(lines)[-1] == OTHER


def test_formal_text_keeps_lines_that_look_like_tail_furniture():
    """A header broken over lines ("ỦY BAN / NHÂN DÂN") and a plan's "Theo dõi …" item stay."""
    lines = ["ỦY BAN", "NHÂN DÂN", "TỈNH HÀ TĨNH", OTHER,
             "- Theo dõi, đôn đốc việc thực hiện trên địa bàn tỉnh.", "NHÂN DÂN", "Nhân dân"]
    assert boilerplate.strip(lines) == lines


def test_no_sidebar_or_footer_line_left_in_the_samples():
    from core.settings import Settings
    from ingest.reader import read

    bad = ("Cùng chuyên mục", "Những tin cũ hơn", "Tin liên quan", "Hotline", "Theo dõi", "Xem chi tiết",
           "Cổng dịch vụ công\nQuốc Gia", "banner", "icon")
    for path in sorted(SAMPLES.glob("news_*.txt")):
        text = read(path, Settings()).text
        assert not [b for b in bad if b in text], path.name


def test_glued_credits_and_widgets_are_cut_out_of_their_lines():
    """binhdinh_12, baomoi 11118701 and hddtvn pages (dev)."""
    lines = [
        "Chủ tịch UBND tỉnh Phạm Anh Tuấn phát biểu chỉ đạo tại buổi làm việc. Ảnh: T.SỸ",
        "Ảnh minh họaQuy hoạch bảo tồn Vườn quốc gia Tràm Chim vừa được UBND tỉnh phê duyệt.",
        "[:gift:Xem chi tiết ở đây:gift:](https://hddtvn.com/giai-the/)Cổng kiểm soát liên ngành.",
        OTHER,
    ]
    assert boilerplate.strip(lines) == [
        "Chủ tịch UBND tỉnh Phạm Anh Tuấn phát biểu chỉ đạo tại buổi làm việc.",
        "Quy hoạch bảo tồn Vườn quốc gia Tràm Chim vừa được UBND tỉnh phê duyệt.",
        "Cổng kiểm soát liên ngành.",
        OTHER,
    ]


def test_outlet_tag_opening_a_lead_is_cut_out():
    """baomoi 11116343 and the hddtvn page (dev): the outlet's tag, after a glued "more" link."""
    lines = [
        "(Dân Việt) - UBND TP. Đà Nẵng vừa ban hành quyết định hỗ trợ kinh phí cho 4 chủ tàu đóng mới.",
        "more(HDDTVN)- Kể từ ngày 29/5/2018, Trạm Kiểm soát nội địa chính thức giải thể.",
        "(1) 100% số xã có điểm phục vụ bưu chính - viễn thông.",
        OTHER,
    ]
    assert boilerplate.strip(lines) == [
        "UBND TP. Đà Nẵng vừa ban hành quyết định hỗ trợ kinh phí cho 4 chủ tàu đóng mới.",
        "Kể từ ngày 29/5/2018, Trạm Kiểm soát nội địa chính thức giải thể.",
        "(1) 100% số xã có điểm phục vụ bưu chính - viễn thông.",
        OTHER,
    ]


def test_glued_photo_captions_and_credits_are_cut_from_the_line():
    """baomoi pages saved without their images (real lines): the caption and its credit run
    straight into the next paragraph."""
    lines = [
        PARAGRAPH,
        "Các đơn vị vi phạm hốt bùn đổ sai quy định - Ảnh: N.LCụ thể, phạt tiền mỗi người 40 triệu đồng.",
        "Lâm sản khai thác trái phép bị thu giữ tại Hạt Kiểm lâm huyện Đắc Mil, tỉnh Đác Nông. Bài và ảnh: "
        "NGUYỄN CÔNG LÝNhững tháng đầu năm nay trên địa bàn tỉnh Đác Nông rừng vẫn bị phá.",
        "Đến 2020, tỉnh Yên Bái có 280.930 ha đất rừng sản xuất - Ảnh minh họa"
        "Trong 592.849 ha đất nông nghiệp.",
        "KTĐT - Những năm gần đây, công tác thu gom và xử lý rác thải sinh hoạt có nhiều chuyển biến.",
    ]
    assert boilerplate.strip(lines) == [
        PARAGRAPH,
        "Cụ thể, phạt tiền mỗi người 40 triệu đồng.",
        "Những tháng đầu năm nay trên địa bàn tỉnh Đác Nông rừng vẫn bị phá.",
        "Trong 592.849 ha đất nông nghiệp.",
        "Những năm gần đây, công tác thu gom và xử lý rác thải sinh hoạt có nhiều chuyển biến.",
    ]


def test_a_sentence_mentioning_a_photo_is_kept():
    line = ("Theo Sở Văn hóa, Ảnh: Hà Nội xưa và nay là triển lãm được nhiều người xem nhất năm 2023 "
            "tại thủ đô.")
    assert boilerplate.strip([PARAGRAPH, line]) == [PARAGRAPH, line]


def test_lines_after_the_closing_stamp_are_the_portals():
    """A baomoi page ends with its stamp, section, tag list and the outlet ("KTĐT", "CAND")."""
    lines = [PARAGRAPH, OTHER, "28/05/13 20:58 GMT+7", "Xã hội", "Giết mổ,Gia súc,Bắc Giang", "CAND"]
    assert boilerplate.strip(lines) == [PARAGRAPH, OTHER, "28/05/13 20:58 GMT+7"]


def test_a_formal_texts_signature_is_not_after_a_stamp():
    sig = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]
    assert boilerplate.strip([PARAGRAPH, OTHER, *sig]) == [PARAGRAPH, OTHER, *sig]


def test_outlet_web_address_opening_a_lead_is_cut_out_without_a_dash():
    """baomoi 11116319 (unlabelled): "(baodautu.vn) Trao đổi …"; a bracketed word is kept."""
    lines = [
        "(baodautu.vn) Trao đổi với báo chí chiều 27/5, ông Lê Quốc Bình, TGĐ Công ty CII thông tin.",
        "(1) 100% số xã có điểm phục vụ bưu chính - viễn thông.",
        OTHER,
    ]
    out = boilerplate.strip(lines)
    assert out[0].startswith("Trao đổi với báo chí chiều 27/5") and out[1:] == lines[1:]


def test_the_pages_own_address_under_the_article_goes():
    """baomoi 2025 pages (unlabelled): the source link closes the page; a URL in a sentence stays."""
    lines = [PARAGRAPH, "Chi tiết tại https://dichvucong.gov.vn, cổng dịch vụ công quốc gia.", OTHER,
             "TS", "https://baomoi.com/thuc-hien-de-an-bo-sung-ve-phat-trien-kinh-te-c52624994.epi"]
    assert boilerplate.strip(lines) == lines[:4]


def test_a_machine_timestamp_is_the_dateline():
    """baomoi 2025 pages print "2025-06-28T22:57:00+07:00" under the headline."""
    header = boilerplate.news_header(["Thực hiện Đề án bổ sung về phát triển kinh tế - xã hội năm 2025",
                                      "2025-06-28T22:57:00+07:00", PARAGRAPH])
    assert (header.title, header.published_at, header.dateline_index) == (
        "Thực hiện Đề án bổ sung về phát triển kinh tế - xã hội năm 2025", "2025-06-28", 1)


def test_site_teaser_and_markdown_image_go():
    """hddtvn pages (unlabelled): the site's truncated teaser of its own article under the
    headline, and an embedded image in markdown, are not article text."""
    lines = [
        "[:gift:Xem chi tiết ở đây:gift:](https://hddtvn.com/xoa-no-thue/)Nhiều trường hợp nợ thuế đang"
        " được Cục Hải quan TPHCM xem xét xoá nợ. Phó Chủ tịch vừa ký Quyết định số 2204/QĐ-UBND …",
        '![xoa no thue](https://cmsbhq.haiquanonline.com.vn/2929_IMG-3606.jpg?rt=2020 "Xóa nợ thuế")',
        PARAGRAPH,
        OTHER,
    ]
    assert boilerplate.strip(lines) == [PARAGRAPH, OTHER]


def test_a_credit_with_a_mixed_case_name_closing_a_caption_line():
    """hddtvn (dev): "… Cầu Treo. Ảnh: H.Nụ" ends the caption; "Nụ" is no sentence after it."""
    lines = ["Cổng kiểm soát liên ngành tại KKT cửa khẩu quốc tế Cầu Treo. Ảnh: H.Nụ", PARAGRAPH, OTHER]
    assert boilerplate.strip(lines)[0] == "Cổng kiểm soát liên ngành tại KKT cửa khẩu quốc tế Cầu Treo."
