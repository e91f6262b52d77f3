"""The unit lexicon: data the value grammar and the number parser read, and how a unit is kept."""

from __future__ import annotations

import re

import pytest

from extract.numbers import parse_vn_number
from extract.targets import find_targets
from lexicon import units


def test_alternation_tries_longer_units_first_and_spans_line_breaks() -> None:
    rx = re.compile(rf"(?:{units.alternation(units.COUNT_UNITS)})$", re.IGNORECASE)
    assert rx.match("lượt khách").group(0) == "lượt khách"
    assert re.match(units.alternation(units.COUNT_UNITS), "trạm y tế").group(0) == "trạm y tế"
    assert re.fullmatch(units.alternation(["ngày làm việc"]), "ngày\nlàm  việc")


@pytest.mark.parametrize(
    ("written", "kept"),
    [("triệu  USD", "triệu USD"), ("Tỷ đồng/người", "tỷ đồng/người"), ("%/năm", "%/năm"),
     ("triệu usd/người", "triệu USD/người")],
)
def test_canonical(written: str, kept: str) -> None:
    assert units.canonical(written) == kept


def test_scales_are_the_number_parsers() -> None:
    assert parse_vn_number("2,5 triệu") == 2_500_000
    assert parse_vn_number("1 nghìn tỷ") == 1e12
    assert units.SCALES["tỉ"] == units.SCALES["tỷ"] == 1e9


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Đến năm 2025, sản lượng lúa đạt 46.200 tấn.", 46200, "tấn"),
        ("Đến năm 2025, thu nhập bình quân đạt 95 triệu đồng/người.", 95, "triệu đồng/người"),
        ("Đến năm 2025, tổng vốn đầu tư đạt 12.000 tỷ đồng.", 12000, "tỷ đồng"),
        ("Đến năm 2025, kim ngạch xuất khẩu đạt 400 triệu USD.", 400, "triệu USD"),
        ("Đến năm 2025, đầu tư mới 35 trạm.", 35, "trạm"),
        ("Đến năm 2025, trồng mới 1.200 ha rừng.", 1200, "ha"),
        ("Đến năm 2025, có ít nhất 1.946 doanh nghiệp số.", 1946, "doanh nghiệp"),
        ("Đến năm 2025, giải quyết việc làm cho 25.000 người.", 25000, "người"),
        ("Đến năm 2025, tốc độ tăng trưởng GRDP bình quân 6,5%/năm.", 6.5, "%/năm"),
        ("Đến năm 2025, lắp đặt ít nhất 2.000 camera.", 2000, "camera"),
    ],
)
def test_every_lexicon_unit_family_reads_in_a_goal(sentence: str, value: float, unit: str) -> None:
    [t] = find_targets(sentence, 2024)
    assert (t.value, t.unit) == (value, unit)


def test_money_units_keep_their_case_as_the_lexicon_says() -> None:
    [t] = find_targets("Đến năm 2025, kim ngạch xuất khẩu đạt 400 triệu usd.", 2024)
    assert t.unit == "triệu USD"
