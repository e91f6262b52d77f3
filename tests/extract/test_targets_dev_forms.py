"""Targets: the forms the real gold set's dev split showed (issue #11), each with the phrase as
the document writes it, and the nasty neighbours that must stay out or keep their meaning."""

from __future__ import annotations

import pytest

from core.record import Document
from extract import targets
from extract.targets import find_targets

# news_baomoi2013_11122975 (dev): a land-use plan reported by a news page, with a caption and
# the next sentences glued on by the crawler ("minh họaTrong", "ha.Đối").
LAND_PLAN = (
    "(Chinhphu.vn) - Theo Nghị quyết quy hoạch sử dụng đất đến năm 2020 của tỉnh Yên Bái vừa được Chính "
    "phủ ban hành, đến năm 2020 diện tích đất nông nghiệp của tỉnh là 592.849 ha, chiếm 86,09% tổng diện "
    "tích tự nhiên toàn tỉnh.\nĐến 2020, tỉnh Yên Bái có 280.930 ha đất rừng sản xuất - Ảnh minh họaTrong "
    "592.849 ha đất nông nghiệp, nhiều nhất là đất rừng sản xuất với 280.930 ha, tiếp đến là đất rừng "
    "phòng hộ 152.200 ha, đất trồng lúa 25.850 ha, đất nuôi trồng thuỷ sản 1.522 ha.Đối với đất phi nông "
    "nghiệp, theo quy hoạch, đến năm 2020 có 68.051 ha, chiếm 9,88% diện tích đất tự nhiên toàn tỉnh. "
    "Trong đó, đất phát triển hạ tầng là 14.630 ha; đất ở tại đô thị là 1.395 ha."
)


def test_a_land_plan_reads_areas_shares_and_its_breakdowns() -> None:
    got = find_targets(LAND_PLAN, 2013)
    assert [(t.value, t.unit, t.year, t.indicator) for t in got] == [
        (592849, "ha", 2020, "diện tích đất nông nghiệp của tỉnh"),
        (86.09, "%", 2020,
         "tỷ lệ diện tích đất nông nghiệp của tỉnh trong tổng diện tích tự nhiên toàn tỉnh"),
        (280930, "ha", 2020, "diện tích đất rừng sản xuất"),  # the caption; the body's repeat is one goal
        (152200, "ha", 2020, "diện tích đất rừng phòng hộ"),
        (25850, "ha", 2020, "diện tích đất trồng lúa"),
        (1522, "ha", 2020, "diện tích đất nuôi trồng thuỷ sản"),  # tone placement as written
        (68051, "ha", 2020, "diện tích đất phi nông nghiệp"),
        (9.88, "%", 2020, "tỷ lệ diện tích đất phi nông nghiệp trong diện tích đất tự nhiên toàn tỉnh"),
        (14630, "ha", 2020, "diện tích đất phát triển hạ tầng"),
        (1395, "ha", 2020, "diện tích đất ở tại đô thị"),
    ]
    for t in got:
        assert t.span is not None and " ".join(LAND_PLAN[t.span[0] : t.span[1]].split()) == t.text


def test_a_breakdown_paragraph_continues_the_goal_of_the_line_above() -> None:
    """The same page once its photo caption is removed as boilerplate: "Trong 592.849 ha …" opens
    its own line and still breaks down the goal that ends the line before."""
    text = LAND_PLAN.replace("Đến 2020, tỉnh Yên Bái có 280.930 ha đất rừng sản xuất - Ảnh minh họa", "")
    got = [(t.value, t.year, t.indicator) for t in find_targets(text, 2013)]
    assert (280930, 2020, "diện tích đất rừng sản xuất") in got
    assert (25850, 2020, "diện tích đất trồng lúa") in got


def test_a_breakdown_needs_a_goal_before_it() -> None:
    """"Trong đó, …" continues a goal; after a report it reports too."""
    report = "Năm 2012 toàn tỉnh có 592.849 ha đất nông nghiệp. Trong đó, đất trồng lúa là 25.850 ha."
    assert find_targets(report, 2013) == []


# 3a2db039 (dev): a campaign plan's numbered goals under an intro that ends in "như sau:".
CAMPAIGN = (
    "**2. Thời gian thi đua**\n\na) Thời gian thi đua chia thành\n02 đợt:\n\n- Đợt 01 dự kiến: Cao điểm "
    "trong 10 ngày làm việc (từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12\nnăm 2025);\n\n"
    "**III. NỘI DUNG THI ĐUA**\n\nNâng cao nhận thức của người hưởng trợ cấp, các nội dung này\n"
    "được cụ thể hóa bằng các chỉ tiêu cụ thể như sau:\n\n"
    "(1) 100% số người hưởng trợ cấp\nxã hội, trợ cấp hưu trí xã hội chưa có tài khoản được tuyên truyền, "
    "giải thích\nlợi ích mang lại từ việc giao dịch thanh toán không dùng tiền mặt và vận động\nmở tài "
    "khoản thanh toán để nhận chi trả trợ cấp từ ngân sách nhà nước;\n\n"
    "(2) Ít nhất 85% người hưởng trợ\ncấp xã hội, hưu trí xã hội mở mới tài khoản ngân hàng, ví điện tử "
    "hoặc người đã\ncó tài khoản tự nguyện cung cấp số tài khoản để nhận tiền trợ cấp;\n\n"
    "(4) Phấn đấu có ít nhất 70% số\nngười hưởng trợ cấp (bao gồm người được ủy quyền nhận\nthay) nhận "
    "tiền trợ cấp bằng phương thức không dùng tiền mặt;\n"
)


def test_value_first_shares_are_named_as_rates_without_asides_or_alternatives() -> None:
    got = targets.apply(Document(source="x", text=CAMPAIGN, issued_on="2025-11-18")).targets
    assert [(t.value, t.comparator, t.year) for t in got] == [(100, "=", 2025), (85, ">=", 2025),
                                                               (70, ">=", 2025)]
    first, second, fourth = (t.indicator for t in got)
    assert first.startswith("tỷ lệ người hưởng trợ cấp xã hội") and "tuyên truyền" in first
    assert second.endswith("mở mới tài khoản ngân hàng, ví điện tử")  # "hoặc người đã có …" is another
    assert "bao gồm" not in fourth and fourth.endswith("không dùng tiền mặt")


def test_the_plans_stated_period_dates_only_its_undated_goals() -> None:
    """The period is a label opening its line; "thời gian thực hiện TTHC" inside a goal is none."""
    dated = CAMPAIGN + "(5) Đến năm 2030, 100% hồ sơ được số hóa.\n"
    years = [t.year for t in targets.apply(Document(source="x", text=dated)).targets]
    assert years == [2025, 2025, 2025, 2030]
    inside = "Mục tiêu: đảm bảo cắt giảm tối thiểu 30% thời gian thực hiện TTHC năm 2026 và 2027."
    assert targets._period_year(inside) is None


def test_an_ensured_cut_names_the_change_and_takes_the_later_of_two_years() -> None:
    """541cde0f (dev): no "phấn đấu", but "đảm bảo … tối thiểu" sets a floor; the second duty
    joined by "và" is not part of the indicator."""
    text = ("b) Tiếp tục rà soát, thực hiện đơn giản hóa TTHC theo Nghị quyết số 66/NQ-CP ngày "
            "26/3/2025 của Chính phủ về Chương trình cắt giảm, đơn giản hóa TTHC liên quan đến hoạt động "
            "sản xuất, kinh doanh năm 2025 và 2026, đảm bảo cắt giảm tối thiểu 30% thời gian thực hiện "
            "TTHC\nvà đơn giản hóa thành phần hồ sơ kèm theo;")
    [t] = find_targets(text, 2025)
    assert (t.value, t.comparator, t.unit, t.year) == (30, ">=", "%", 2026)
    assert t.indicator == "cắt giảm thời gian thực hiện TTHC"


def test_a_cut_aimed_at_keeps_its_base_year_in_the_indicator() -> None:
    text = "Năm 2013, phấn đấu kéo giảm đến 50% số vụ và diện tích phá rừng so với năm 2012."
    [t] = find_targets(text, 2013)
    assert (t.value, t.comparator, t.year) == (50, "=", 2013)
    assert t.indicator == "kéo giảm đến số vụ và diện tích phá rừng so với năm 2012"


def test_a_goal_value_alone_in_brackets() -> None:
    """b13aef6a (dev): "mục tiêu tăng trưởng kinh tế Chính phủ giao (8%)"."""
    text = ("Tỉnh cần phấn đấu hoàn thành cao nhất các chỉ tiêu năm 2025, trong đó phấn đấu hoàn thành cao "
            "nhất mục tiêu tăng\ntrưởng kinh tế Chính phủ giao (8%); tăng thu ngân sách nhà nước.")
    [t] = find_targets(text, 2025)
    assert (t.value, t.comparator, t.year) == (8, "=", 2025)
    assert t.indicator == "tăng trưởng kinh tế Chính phủ giao"
    # a bracket that states a share of something is still no goal
    share = "Mục tiêu năm 2025: còn 3.507/6.708 (chiếm 52,3%) giấy tờ chưa được số hóa."
    assert find_targets(share, 2025) == []


@pytest.mark.parametrize(
    "text",
    [
        # ad0066b8 (dev): the nation's goal named as the setting of a project's merit
        "góp phần bảo đảm an ninh năng lượng quốc gia trong bối\ncảnh đất nước đặt mục tiêu tăng trưởng "
        "trên 8% năm 2025 và hai con số trong giai đoạn tiếp theo.",
        # bd0b99de (dev): a wiki page's reference list quotes an old headline
        "**a**Năm 2012, Đồng Nai phấn đấu tăng trưởng 12-13% Lưu trữ ngày 17 tháng 12 năm 2012 tại "
        "Wayback Machine, Theo trang CaeF.",
    ],
)
def test_goals_only_quoted_are_not_the_documents(text: str) -> None:
    assert find_targets(text, 2025) == []


def test_an_undated_page_is_as_old_as_its_latest_date() -> None:
    """bd0b99de (dev): a wiki page has no date of its own; "Đến năm 1991" is its history."""
    text = ("Đến năm 1991, tỉnh Đồng Nai có 11 đơn vị hành chính gồm: thành phố Biên Hòa, thị xã Vĩnh An và "
            "9 huyện.\n- Báo Đồng Nai Lưu trữ ngày 28 tháng 11 năm 2019 tại Wayback Machine\n")
    assert targets.apply(Document(source="x", text=text)).targets == []
    plan = "Mục tiêu đến năm 2030: tỷ lệ che phủ rừng đạt 45%.\nHà Nội, ngày 03 tháng 12 năm 2025"
    [t] = targets.apply(Document(source="x", text=plan)).targets
    assert (t.value, t.year) == (45, 2030)
    # a deadline later than a goal's year says nothing of the text's age
    undated = "Mục tiêu: đến năm 2025 tỷ lệ che phủ rừng đạt 45%.\nCác sở hoàn thành trước ngày 31/12/2026."
    assert [t.year for t in targets.apply(Document(source="x", text=undated)).targets] == [2025]


@pytest.mark.parametrize(
    ("text", "comparator", "value", "indicator"),
    [
        ("Hướng đến mục tiêu đón khách du lịch vào năm 2015, trong đó có gần 50% khách quốc tế.", "=", 50,
         "tỷ lệ khách quốc tế"),
        ("Phấn đấu đến năm 2025 tỉ lệ hộ nghèo giảm xấp xỉ 1,5%.", "=", 1.5, "tỉ lệ hộ nghèo"),
        ("Phấn đấu đến năm 2025 có 100% các trường học đạt chuẩn.", "=", 100, "tỷ lệ trường học đạt chuẩn"),
        # "1.946" is a count of thousands, "12,5%" a decimal share: both read the Vietnamese way
        ("Phấn đấu đến năm 2025 có 1.946 doanh nghiệp số và 12,5% số hộ dùng cáp quang.", "=", 12.5,
         "tỷ lệ hộ dùng cáp quang"),
    ],
)
def test_approximate_values_and_share_names(text: str, comparator: str, value: float, indicator: str) -> None:
    t = find_targets(text, 2014)[-1]
    year = 2025 if "2025" in text else 2015
    assert (t.comparator, t.value, t.year, t.indicator) == (comparator, value, year, indicator)
