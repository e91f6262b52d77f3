"""Targets: grammar the devx documents showed (issue #11, 20 real documents labelled for targets
only), each with the phrase as the document writes it. These are structures (a heading laid
out over two lines, a list item dated at its start, a unit per person, a clause that elides the
measure it shares), not one document's wording."""

from __future__ import annotations

from extract.targets import find_targets

# prov_dong-thap_124-2017-nq-hdnd: an urban plan's goal heading with its marker on its own line,
# list items dated at their start, wrapped lines that open with a number.
URBAN = (
    "III.\nCác chỉ tiêu về phát triển đô thị\n1. Về hệ thống đô thị\n- Đến năm 2020: Phấn đấu\n"
    "toàn Tỉnh có 23 đô thị, trong đó: 02 đô thị loại II (thành phố Cao Lãnh, thành\nphố Sa Đéc) và "
    "15 đô thị loại V. Quy mô diện tích đất xây dựng đô thị khoảng\n9.500ha, dân số đô thị khoảng "
    "679.000 người. Tỷ lệ đô thị hóa khoảng 38%.\n2. Về chất lượng đô thị\n- Đến năm 2020:\n"
    "+ Diện tích sàn nhà ở\nđô thị bình quân đạt 23m2/người; tỷ lệ nhà kiên cố toàn tỉnh đạt khoảng\n65%.\n"
    "+ Tỷ lệ vận tải hành khách công\ncộng đáp ứng nhu cầu tại đô thị từ loại IV trở lên đạt từ 10 - 15%; "
    "các đô thị\nloại V đạt từ 2 - 5%.\n"
    "+ Tiêu chuẩn cấp nước cho đô thị từ loại IV trở lên đạt 120 lít/người/ngày đêm, đô thị loại V\nđạt "
    "100 lít/người/ngày\nđêm.\n"
    "+ Tỷ lệ bao phủ của hệ\nthống thoát nước đạt 85% diện tích lưu vực thoát nước; 100% các cơ sở sản "
    "xuất mới áp\ndụng công nghệ sạch hoặc trang bị các thiết bị giảm ô nhiễm.\n"
)


def test_an_urban_plan_reads_counts_areas_per_person_units_and_elided_measures() -> None:
    got = [(t.value, t.value_max, t.comparator, t.unit, t.year, t.indicator)
           for t in find_targets(URBAN, 2017)]
    assert got == [
        (23, None, "=", "đô thị", 2020, "số đô thị toàn Tỉnh"),
        (2, None, "=", "đô thị", 2020, "số đô thị loại II"),  # the bracketed names are an aside
        (15, None, "=", "đô thị", 2020, "số đô thị loại V"),  # "số" shared with the count before
        (9500, None, "=", "ha", 2020, "Quy mô diện tích đất xây dựng đô thị"),  # dated by its item's lead
        (679000, None, "=", "người", 2020, "dân số đô thị"),
        (38, None, "=", "%", 2020, "Tỷ lệ đô thị hóa"),
        (23, None, "=", "m2/người", 2020, "Diện tích sàn nhà ở đô thị bình quân"),
        (65, None, "=", "%", 2020, "tỷ lệ nhà kiên cố toàn tỉnh"),
        (10, 15, "range", "%", 2020,
         "Tỷ lệ vận tải hành khách công cộng đáp ứng nhu cầu tại đô thị từ loại IV trở lên"),
        (2, 5, "range", "%", 2020, "Tỷ lệ vận tải hành khách công cộng đáp ứng nhu cầu tại đô thị loại V"),
        (120, None, "=", "lít/người/ngày đêm", 2020, "Tiêu chuẩn cấp nước cho đô thị từ loại IV trở lên"),
        (100, None, "=", "lít/người/ngày đêm", 2020, "Tiêu chuẩn cấp nước cho đô thị loại V"),
        (85, None, "=", "%", 2020, "Tỷ lệ bao phủ của hệ thống thoát nước"),
        (100, None, "=", "%", 2020,
         "tỷ lệ cơ sở sản xuất mới áp dụng công nghệ sạch hoặc trang bị các thiết bị giảm ô nhiễm"),
    ]


# 31fb08f34535fce3: a gender-equality plan's "Chỉ tiêu N:" items.
GENDER = (
    "Phấn đấu đến cuối năm 2025 đạt các mục tiêu, chỉ tiêu sau:\n"
    "- Chỉ tiêu 2: Tỷ lệ cán bộ,\ncông chức, viên chức nữ trong diện quy hoạch các chức danh quản lý, "
    "lãnh đạo\n"
    "các cấp ít nhất vào năm 2025 đạt 40%.\n"
    "- Chỉ tiêu 1: Tăng tỷ lệ lao\nđộng nữ làm công hưởng lương đạt 50% vào năm 2025.\n"
    "- Chỉ tiêu 4: Từ năm 2025 trở\nđi, 100% số nạn nhân bị mua bán trở về được phát hiện có nhu cầu hỗ trợ "
    "được hưởng\ncác dịch vụ hỗ trợ và tái hòa nhập cộng đồng.\n"
)


def test_a_floor_written_before_the_year_a_wage_earner_and_a_from_year_lead() -> None:
    got = [(t.value, t.comparator, t.year, t.indicator) for t in find_targets(GENDER, 2025)]
    assert got == [
        (40, ">=", 2025, "Tỷ lệ cán bộ, công chức, viên chức nữ trong diện quy hoạch các chức danh quản lý, "
                         "lãnh đạo các cấp"),
        (50, "=", 2025, "Tăng tỷ lệ lao động nữ làm công hưởng lương"),  # "hưởng lương" is no wage policy
        # "phát hiện có" is no "hiện có" (a result), "dịch vụ hỗ trợ" no support grant; the tail is
        # cut at its 22nd word
        (100, "=", 2025, "tỷ lệ nạn nhân bị mua bán trở về được phát hiện có nhu cầu hỗ trợ được hưởng các "
                         "dịch vụ hỗ"),
    ]


def test_an_age_is_a_figure_after_a_verb_and_a_qualifier_without_one() -> None:
    life = find_targets("Đến năm 2030, tuổi thọ trung bình đạt 75,5 tuổi.", 2025)
    assert [(t.value, t.unit, t.indicator) for t in life] == [(75.5, "tuổi", "tuổi thọ trung bình")]
    adults = find_targets("Năm 2024, tỷ lệ người dân từ 15 tuổi trở lên có tài khoản thanh toán đạt trên 70%",
                          2023)
    assert [(t.value, t.indicator) for t in adults] == [
        (70, "tỷ lệ người dân từ 15 tuổi trở lên có tài khoản thanh toán")]


def test_a_share_of_the_plan_aimed_at_in_its_own_clause_is_a_goal() -> None:
    aim = find_targets("Đẩy nhanh tiến độ giải ngân vốn đầu tư công, phấn đấu tỷ lệ giải ngân năm 2025 "
                       "cả nước đạt 95% kế hoạch; bổ sung cơ chế đặc thù.", 2025)
    assert [(t.value, t.year) for t in aim] == [(95, 2025)]
    assert find_targets("Thực hiện mục tiêu năm 2024, tỷ lệ giải ngân đạt 103% kế hoạch.", 2024) == []


def test_a_hedged_floor_and_a_dollar_spelt_out() -> None:
    [gdp] = find_targets("Phấn đấu quy mô GDP năm 2025 đạt khoảng trên 500 tỉ đô la Mỹ (USD).", 2024)
    assert (gdp.value, gdp.comparator, gdp.unit, gdp.indicator) == (500, ">", "tỷ USD", "quy mô GDP")


def test_a_level_to_be_ensured_is_a_goal_and_a_higher_levels_goal_is_context() -> None:
    text = ("Cụ thể hóa các giải pháp thực hiện có tính khả thi cao, bảo đảm mức tăng trưởng kinh tế (GRDP) "
            "của tỉnh năm 2025 đạt 13,6%, góp phần cùng cả nước đạt mục tiêu tăng trưởng 8% trở lên.")
    assert [(t.value, t.year, t.indicator) for t in find_targets(text, 2025)] == [
        (13.6, 2025, "mức tăng trưởng kinh tế (GRDP) của tỉnh")]  # "thực hiện có" is no "hiện có"


def test_a_rate_named_before_its_value_reads_value_first() -> None:
    text = ("Phấn đấu đến năm 2025:\n2. Triển khai rà soát đảm bảo đạt\ntỷ lệ 100% thủ tục hành chính nội bộ "
            "của đơn vị được đánh giá, đề xuất đơn giản hóa.")
    [t] = find_targets(text, 2024)
    assert t.indicator == "tỷ lệ thủ tục hành chính nội bộ của đơn vị được đánh giá, đề xuất đơn giản hóa"
    # in a scoring table the unit before the rate is its subject, and nothing there is a goal
    scoring = "Đơn vị đạt tỷ lệ 100% cộng 05 điểm, không đạt tỷ lệ 100% không cộng điểm."
    assert find_targets(scoring, 2025) == []


def test_a_forecast_is_no_goal_and_a_count_after_cua_says_whose() -> None:
    forecast = ("Dự báo đến năm 2020, tổng số rác thải sinh hoạt cần được xử lý trên địa bàn TP là 7.335 "
                "tấn/ngày đêm, tương đương khoảng 2.677.275 tấn/năm.")
    assert find_targets(forecast, 2013) == []
    text = ("Đề án đưa ra mục tiêu đến 2015, phấn đấu 100% các xã, thị trấn của 18 huyện có tổ chức thu gom "
            "rác thải sinh hoạt.")
    assert [(t.value, t.indicator) for t in find_targets(text, 2013)] == [
        (100, "tỷ lệ xã, thị trấn của 18 huyện có tổ chức thu gom rác thải sinh hoạt")]
