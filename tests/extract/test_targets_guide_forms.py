"""Targets: forms the annotation guide (eval/gold_real/GUIDE.md) names, written the way provincial
plans write them. Each test is a grammar point (a unit, a noun that looks like a verb, a second
goal joined by a change verb), not one document's wording."""

from __future__ import annotations

from extract.targets import find_targets

GOALS = "II. MỤC TIÊU\n2. Các chỉ tiêu chủ yếu đến năm 2025\n"


def _read(text: str) -> list[tuple]:
    return [(t.indicator, t.comparator, t.value, t.unit, t.year) for t in find_targets(text, 2021)]


def test_per_mille_is_a_rate_unit_like_percent() -> None:
    """Demographic goals are written in ‰: "tỷ suất sinh giảm 0,1‰/năm", "12,5‰"."""
    got = _read(GOALS + "- Tỷ suất sinh giảm bình quân 0,1‰/năm.\n"
                "- Tỷ lệ tăng dân số tự nhiên 12,5‰.\n")
    assert [(c, v, u, y) for _, c, v, u, y in got] == [("=", 0.1, "‰/năm", 2025), ("=", 12.5, "‰", 2025)]
    assert got[1][0] == "Tỷ lệ tăng dân số tự nhiên"


def test_trained_labour_is_a_noun_not_the_verb_train() -> None:
    """"lao động qua đào tạo" names who is counted; "đào tạo 500 lao động" is the verb."""
    for cmp_words, cmp in (("không dưới", ">="), ("đạt", "="), ("không thấp hơn", ">=")):
        got = _read(f"Đến năm 2025, tỷ lệ lao động qua đào tạo {cmp_words} 70%.")
        assert got == [("tỷ lệ lao động qua đào tạo", cmp, 70, "%", 2025)], cmp_words
    assert _read("Đến năm 2025, tỷ lệ lao động được đào tạo nghề đạt 60%.")[0][0] == \
        "tỷ lệ lao động được đào tạo nghề"


def test_a_change_verb_after_a_comma_starts_the_next_goal() -> None:
    """"có thêm 20 xã …, nâng tổng số xã đạt chuẩn lên 100 xã": the first tail stops at the comma."""
    got = _read(GOALS + "- Phấn đấu có thêm 20 xã đạt chuẩn nông thôn mới, nâng tổng số xã đạt chuẩn "
                "lên 100 xã.\n")
    assert [(v, u) for _, _, v, u, _ in got] == [(20, "xã"), (100, "xã")]
    assert got[0][0] == "xã đạt chuẩn nông thôn mới"


PLAN = """ỦY BAN NHÂN DÂN
TỈNH NAM ĐỊNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 120/KH-UBND
Nam Định, ngày 10 tháng 3 năm 2022
KẾ HOẠCH
Thực hiện Chương trình chuyển đổi số tỉnh Nam Định giai đoạn 2022 - 2025

I. MỤC TIÊU
- Tỷ lệ dịch vụ công trực tuyến toàn trình đạt tối thiểu 80%;
"""


def test_a_plan_titled_thuc_hien_keeps_its_title_and_its_period_dates_the_goals() -> None:
    """The guide: "giai đoạn 2021-2025" → 2025. A plan's subject may open with "Thực hiện", which
    in a decision opens the preamble; right under the type word it is the title."""
    from core.record import Document
    from extract.pipeline import run

    doc = run(Document(id="x", text=PLAN, source="x.txt"))
    assert doc.title == "Thực hiện Chương trình chuyển đổi số tỉnh Nam Định giai đoạn 2022 - 2025"
    assert [(t.indicator, t.comparator, t.value, t.year) for t in doc.targets] == [
        ("Tỷ lệ dịch vụ công trực tuyến toàn trình", ">=", 80, 2025)]
