"""Abbreviation expansion: bodies, sector names with "&", document codes left inside numbers,
and ambiguous short forms left alone."""

from __future__ import annotations

import pytest

from lexicon.abbreviations import ABBREVIATIONS, expand, expansion, find


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        ("Chủ tịch UBND tỉnh Hà Tĩnh", "Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh"),
        ("Thường trực HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh"),
        ("Giám đốc Sở NN&PTNT", "Giám đốc Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở TT&TT, Sở KH&ĐT, Sở GD&ĐT, Sở TN&MT", "Sở Thông tin và Truyền thông, Sở Kế hoạch và Đầu tư, "
         "Sở Giáo dục và Đào tạo, Sở Tài nguyên và Môi trường"),
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("đẩy mạnh CĐS và DVC trực tuyến", "đẩy mạnh chuyển đổi số và dịch vụ công trực tuyến"),
        ("giải quyết TTHC", "giải quyết thủ tục hành chính"),
        ("TP.HCM và TP Huế", "Thành phố Hồ Chí Minh và thành phố Huế"),
        ("(UBND)", "(Ủy ban nhân dân)"),
    ],
)
def test_expand(text: str, expanded: str) -> None:
    assert expand(text) == expanded


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định số 1085/QĐ-UBND",  # codes inside a number stay as written
        "Nghị quyết 12/2021/NQ-HĐND",
        "UBNDtỉnh",  # glued: not a token
        "Sở TTTT-X",
        "ubnd tỉnh",  # case-sensitive: lower case is not the abbreviation
        "",
    ],
)
def test_left_alone(text: str) -> None:
    assert expand(text) == text


def test_org_only_codes_need_an_org_word() -> None:
    assert expand("Sở TTTT") == "Sở Thông tin và Truyền thông"
    assert expand("mã TTTT") == "mã TTTT"


def test_find_reports_spans() -> None:
    text = "UBND tỉnh và Sở NN&PTNT"
    got = find(text)
    assert [(text[s:e], x) for s, e, x in got] == [
        ("UBND", "Ủy ban nhân dân"),
        ("NN&PTNT", "Nông nghiệp và Phát triển nông thôn"),
    ]


def test_table_is_clean() -> None:
    assert expansion("HĐND") == "Hội đồng nhân dân" and expansion("XYZ") is None
    for key, value in ABBREVIATIONS.items():
        assert key.strip() == key and value.strip() == value and key != value
