"""Logical lines: how a wrapped page is re-joined before any extractor reads it."""

from __future__ import annotations

from extract.nlp import list_level, logical_lines


def _lines(text: str) -> list[str]:
    return [" ".join(text[a:b].split()) for a, b in logical_lines(text)]


def test_a_marker_alone_on_its_line_numbers_the_next_one() -> None:
    assert _lines("II.\nMục tiêu\n- Cụ thể hóa định hướng.") == ["II. Mục tiêu", "- Cụ thể hóa định hướng."]
    assert list_level(_lines("III.\nCác chỉ tiêu về phát triển đô thị")[0]) == 1.0


def test_a_chapter_stays_over_its_title_line() -> None:
    assert _lines("Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi") == [
        "Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi"]


def test_a_wrapped_line_opening_with_a_number_is_no_list_item() -> None:
    text = "Quy mô diện tích đất xây dựng đô thị khoảng\n14.800ha, dân số đô thị khoảng 960.000 người."
    assert len(_lines(text)) == 1
    assert list_level("1.2. Mục tiêu 2") == 3.0 and list_level("14.800ha, dân số") == 6.0
