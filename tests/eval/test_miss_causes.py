"""The miss classifier names the field that made the strict scorer reject a target."""

from __future__ import annotations

from core.record import Target
from eval.miss_causes import causes, differences

GOLD = {"text": "đến năm 2025 tỷ lệ hộ nghèo giảm còn dưới 2%", "indicator": "tỷ lệ hộ nghèo",
        "comparator": "<", "value": 2, "value_max": None, "unit": "%", "year": 2025}


def _found(**kw: object) -> Target:
    base = {"text": "tỷ lệ hộ nghèo giảm còn dưới 2%", "indicator": "tỷ lệ hộ nghèo", "comparator": "<",
            "value": 2.0, "unit": "%", "year": 2025}
    return Target(**(base | kw))


def test_each_differing_field_is_named() -> None:
    assert differences(GOLD, _found()) == []
    assert differences(GOLD, _found(year=None)) == ["year"]
    assert differences(GOLD, _found(comparator="=")) == ["comparator"]
    assert differences(GOLD, _found(indicator="hộ nghèo")) == ["indicator too short"]
    assert differences(GOLD, _found(indicator="tỷ lệ hộ nghèo của các huyện miền núi phía tây")) == [
        "indicator too long"]


def test_unpartnered_items_are_not_found_or_spurious() -> None:
    counts, rows = causes([GOLD], [_found(value=7.0, text="xuất khẩu tăng 7%")])
    assert counts == {"not found": 1, "spurious": 1}
    assert [why for _, _, why in rows] == [["not found"], ["spurious"]]
    counts, _ = causes([GOLD], [_found(year=2030)])
    assert counts == {"year": 1, "spurious": 0}
