"""Targets: structure the devy documents showed (issue #11, 18 real documents labelled for targets
only), each with the text laid out as the document lays it out: markdown emphasis, a goal heading
wrapped over two lines, a year ending a wrapped sentence, two shares sharing one predicate, a
title's vision year."""

from __future__ import annotations

from core.record import Document
from extract.pipeline import run
from extract.targets import find_targets

# 192068354fd1ffe5 (Đồng Tháp, technology roadmap): the heading's words wrap, markers are italic.
WRAPPED = (
    "**2. Mục\ntiêu cụ thể**\n\n*2.1. Đến năm 2030*\n\n*- Nông nghiệp Công nghệ\ncao*\n\n"
    "Hình thành ít nhất 20 mô\nhình sản xuất nông nghiệp tuần hoàn - hữu cơ - thích ứng biến đổi khí hậu.\n\n"
    "*- Thủy sản*\n\nĐảm bảo trên 70% diện tích\nnuôi cá tra và thủy sản chủ lực áp dụng công nghệ nuôi "
    "an toàn sinh học.\n"
)


def test_a_wrapped_goal_heading_scopes_its_paragraphs_and_emphasis_is_no_word() -> None:
    got = [(t.value, t.comparator, t.unit, t.year) for t in find_targets(WRAPPED, 2025)]
    assert got == [(20, ">=", "mô hình", 2030), (70, ">", "%", 2030)]
    # "Hình thành" is the verb of a count, like "xây dựng": the counted noun names the goal
    assert [t.indicator for t in find_targets(WRAPPED, 2025)] == [
        "mô hình sản xuất nông nghiệp tuần hoàn - hữu cơ - thích ứng biến đổi khí hậu",
        "tỷ lệ diện tích nuôi cá tra và thủy sản chủ lực áp dụng công nghệ nuôi an toàn sinh học",
    ]


# 646f0a00d4174382 (national air-quality plan): "2024." ends a wrapped sentence; it is no item 2024
# closing the "Mục tiêu cụ thể giai đoạn 2026 - 2030" heading above.
YEAR_LINE = (
    "2. Mục tiêu cụ thể giai đoạn 2026 - 2030\n"
    "a) Tại thành phố Hà Nội, nồng độ bụi PM2.5 trung bình năm vào năm 2030 giảm tối thiểu 10% so với mức "
    "trung bình năm\n2024.\n"
    "b) 100% các công trường thi công xây dựng được quản lý chặt chẽ.\n"
)


def test_a_year_ending_a_wrapped_line_is_not_a_list_marker() -> None:
    assert [(t.value, t.year) for t in find_targets(YEAR_LINE, 2025)][-1] == (100, 2030)


# 24c7124ec6b2bf61 / f069c23c942c1ec6 (anti-drug plans): two shares joined by "và" share the
# predicate written once after the second.
SHARED = ("4. Các chỉ tiêu cụ thể đến năm 2030\nđ) Trên 80% số trạm y tế xã, phường trên thành phố và 100% "
          "cơ sở cai nghiện ma túy công lập đủ điều kiện xác định tình trạng nghiện ma túy.\n")


def test_two_coordinated_shares_take_the_one_predicate() -> None:
    got = [(t.value, t.indicator) for t in find_targets(SHARED, 2025)]
    assert got == [
        (80, "tỷ lệ trạm y tế xã, phường trên thành phố đủ điều kiện xác định tình trạng nghiện ma túy"),
        (100, "tỷ lệ cơ sở cai nghiện ma túy công lập đủ điều kiện xác định tình trạng nghiện ma túy"),
    ]
    # a first share with a predicate of its own keeps it
    own = find_targets("Đến năm 2030, 90% xã được phủ sóng và 100% thôn có điện lưới quốc gia.", 2025)
    assert own[0].indicator == "tỷ lệ xã được phủ sóng"


TITLED = """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2530/QĐ-TTg
Hà Nội, ngày 19 tháng 11 năm 2025
QUYẾT ĐỊNH
PHÊ DUYỆT KẾ HOẠCH KHẮC PHỤC Ô NHIỄM KHÔNG KHÍ GIAI ĐOẠN 2026 - 2030, TẦM NHÌN ĐẾN NĂM 2045

I. MỤC TIÊU
- 100% các công trường thi công xây dựng được quản lý chặt chẽ.
"""


def test_a_titles_vision_year_does_not_date_the_plans_goals() -> None:
    doc = run(Document(id="x", text=TITLED, source="x.txt"))
    assert [(t.value, t.year) for t in doc.targets] == [(100, 2030)]
