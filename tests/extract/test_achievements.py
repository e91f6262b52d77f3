"""Achievements (SPEC §5): values reported as reached, with the year they refer to, never also
counted as targets; goals, policy parameters and places stay out."""

from __future__ import annotations

import pytest

from core.record import Document
from extract import achievements, pipeline, targets
from extract.achievements import find_achievements


def _spans_are_exact(text: str, got: list) -> None:
    for a in got:
        assert a.span is not None and " ".join(text[a.span[0] : a.span[1]].split()) == a.text


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "year", "indicator"),
    [
        ("Năm 2023 kinh tế số của tỉnh ước đạt khoảng 7,2% GRDP.", 7.2, "%", 2023,
         "kinh tế số của tỉnh chiếm tỷ trọng GRDP"),
        ("Đến nay đã có 95% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến.", 95, "%", None,
         "tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến"),
        ("Đến nay, toàn tỉnh đã lắp đặt 215 trạm 5G.", 215, "trạm", None, "trạm 5G lắp đặt"),
        ("Năm 2022, tỷ lệ hộ nghèo đã giảm còn 3,5%.", 3.5, "%", 2022, "tỷ lệ hộ nghèo"),
        ("Tính đến ngày 31 tháng 12 năm 2021, tổng diện tích đất có rừng đạt 2.426,8 ha.", 2426.8, "ha", 2021,
         "tổng diện tích đất có rừng"),
    ],
)
def test_reported_values(sentence: str, value: float, unit: str, year: int | None, indicator: str) -> None:
    [a] = find_achievements(sentence, ref_year=2024)
    assert (a.value, a.unit, a.year, a.indicator) == (value, unit, year, indicator)
    _spans_are_exact(sentence, [a])


def test_the_year_of_a_comparison_base_is_not_the_values_year() -> None:
    text = ("Trong 6 tháng đầu năm 2012, tổng sản phẩm ước tính đạt 8.232 tỷ đồng, "
            "tăng 9,3% so với cùng kỳ năm 2011.")
    got = find_achievements(text, ref_year=2012)
    assert [(a.value, a.unit, a.year) for a in got] == [(8232, "tỷ đồng", 2012), (9.3, "%", 2012)]
    assert got[1].indicator.startswith("tổng sản phẩm")  # the change measures the figure before it


RESULTS_THEN_GOALS = """I. KẾT QUẢ ĐẠT ĐƯỢC NĂM 2023
1. Tốc độ tăng trưởng GRDP đạt 8,5%.
2. Thu ngân sách đạt 12.000 tỷ đồng.
II. MỤC TIÊU NĂM 2024
1. Tốc độ tăng trưởng GRDP đạt 9%."""


def test_a_results_section_dates_its_items_and_ends_at_the_goals() -> None:
    doc = Document(source="plan.txt", text=RESULTS_THEN_GOALS, issued_on="2024-01-10")
    doc = achievements.apply(targets.apply(doc))
    assert [(a.value, a.unit, a.year) for a in doc.achievements] == [
        (8.5, "%", 2023), (12000, "tỷ đồng", 2023)]
    assert [(t.value, t.year) for t in doc.targets] == [(9, 2024)]
    _spans_are_exact(doc.text, doc.achievements)


def test_a_goal_after_a_result_in_one_sentence_stays_a_goal() -> None:
    text = "Năm 2023 tỷ lệ hồ sơ trực tuyến đã đạt 81%, phấn đấu năm 2024 tỷ lệ này đạt 85%."
    doc = achievements.apply(targets.apply(Document(source="n.txt", text=text, published_at="2024-03-01")))
    assert [a.value for a in doc.achievements] == [81]
    assert [t.value for t in doc.targets] == [85]


@pytest.mark.parametrize(
    "sentence",
    [
        "Phấn đấu đến năm 2025, tỷ lệ hộ nghèo giảm còn 2%.",  # a goal
        "Tỉnh đã hỗ trợ 50% chi phí đào tạo.",  # a policy parameter
        "Đơn vị đã triển khai mô hình tại 6 huyện.",  # a place
        "Mức thu phí giảm từ 20 tỷ đồng xuống còn 15,2 tỷ đồng.",  # a fee table, no result cue
        "Hải Dương đang cung cấp 1.946 dịch vụ công trực tuyến.",  # ongoing, not reached
    ],
)
def test_what_is_not_an_achievement(sentence: str) -> None:
    taken = [t.span for t in targets.find_targets(sentence, 2024) if t.span]
    assert find_achievements(sentence, taken, ref_year=2024) == []


def test_pipeline_fills_achievements_and_never_duplicates_a_target() -> None:
    text = ("Năm 2023, kinh tế số của tỉnh ước đạt khoảng 7,2% GRDP. "
            "Phấn đấu đến năm 2025, kinh tế số chiếm 20% GRDP.")
    doc = pipeline.run(Document(source="news.txt", text=text, kind="news", published_at="2024-04-05"))
    assert [(a.value, a.year) for a in doc.achievements] == [(7.2, 2023)]
    assert [(t.value, t.year) for t in doc.targets] == [(20, 2025)]
    spans = {t.span for t in doc.targets}
    assert not any(a.span in spans for a in doc.achievements)
    # SPEC §5: the plan and the result share one canonical measure
    assert doc.to_json()["achievements"][0]["indicator_id"] == "kinh-te-so-ty-trong-grdp"
    assert doc.targets[0].indicator_id == "kinh-te-so-ty-trong-grdp"


def test_a_report_sentence_with_a_same_period_comparison_and_coordinated_counts() -> None:
    """news_binhdinh_12 (dev): "quý I/2025" dates the figures; the change measures the figure
    before it; "298 hộ xây nhà mới và 121 hộ sửa chữa nhà ở" are two counts."""
    text = ("Báo cáo của UBND huyện Vân Canh cho thấy, quý I/2025 tổng giá trị sản phẩm địa phương đạt "
            "655,44 tỷ đồng, tăng 11,79% so với cùng kỳ.\n"
            "Chương trình xóa nhà tạm đã khởi công xây dựng công trình, trong đó có 298 hộ xây nhà mới "
            "và 121 hộ sửa chữa nhà ở.")
    got = find_achievements(text)
    assert [(a.value, a.unit, a.year) for a in got[:2]] == [(655.44, "tỷ đồng", 2025), (11.79, "%", 2025)]
    assert got[0].indicator == "tổng giá trị sản phẩm địa phương"
    assert got[1].indicator == "tổng giá trị sản phẩm địa phương tăng"
    assert [(a.value, a.indicator) for a in got[2:]] == [(298, "hộ xây nhà mới"), (121, "hộ sửa chữa nhà ở")]
    _spans_are_exact(text, got)


def test_up_to_now_takes_no_year_from_the_paragraph() -> None:
    text = "Năm 2009, tỉnh giao đất cho các dự án. Tuy nhiên, đến nay chỉ có 12 dự án triển khai có hiệu quả."
    [a] = find_achievements(text, ref_year=2013)
    assert (a.value, a.unit, a.year) == (12, "dự án", None)
