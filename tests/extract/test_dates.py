"""Date forms of administrative documents and news pages, and numbers that must stay numbers."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.dates import DateMatch, find_dates, parse_date, to_date

PUB = dt.date(2023, 5, 13)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("ngày 24/5/2021", "2021-05-24", "day"),
        ("24-5-2021", "2021-05-24", "day"),
        ("24.5.2021", "2021-05-24", "day"),
        ("ngày 05 tháng 4 năm 2024", "2024-04-05", "day"),
        ("NGÀY 05 THÁNG 4 NĂM 2024", "2024-04-05", "day"),
        ("Nghệ An, ngày 18 tháng 10 năm 2022", "2022-10-18", "day"),
        ("ngày 24 / 5 / 2021", "2021-05-24", "day"),
        ("tháng 3/2021", "2021-03", "month"),
        ("tháng 3 năm 2021", "2021-03", "month"),
        ("Quý III năm 2024", "2024-Q3", "quarter"),
        ("trong quý I năm 2023", "2023-Q1", "quarter"),
        ("quý 4/2025", "2025-Q4", "quarter"),
        ("đến năm 2025", "2025", "year"),
        ("02:21 28/05/2021", "2021-05-28", "day"),
        ("Chủ nhật, 17/12/2023 09:07 (GMT+7)", "2023-12-17", "day"),
        ("Thứ bảy, 13/05/2023 14:44", "2023-05-13", "day"),
    ],
)
def test_full_forms(text: str, value: str, precision: str) -> None:
    got = find_dates(text)
    assert len(got) == 1
    assert (got[0].value, got[0].precision, got[0].partial) == (value, precision, False)


def test_span_covers_the_phrase() -> None:
    text = "Căn cứ Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng"
    (m,) = find_dates(text)
    assert text[m.start : m.end] == "ngày 22/4/2022"
    assert m.value == "2022-04-22"


@pytest.mark.parametrize(
    ("text", "resolved", "unresolved"),
    [
        ("ngày 1/3", "2023-03-01", "--03-01"),
        ("Chiều 23/2", "2023-02-23", "--02-23"),
        ("Sáng 11/5, Ban Chỉ đạo", "2023-05-11", "--05-11"),
        ("ngày 15 tháng 4", "2023-04-15", "--04-15"),
    ],
)
def test_year_less_dates(text: str, resolved: str, unresolved: str) -> None:
    (with_ref,) = find_dates(text, PUB)
    assert (with_ref.value, with_ref.partial) == (resolved, False)
    (without,) = find_dates(text)
    assert (without.value, without.partial) == (unresolved, True)


def test_year_less_date_across_new_year() -> None:
    (m,) = find_dates("Tối 30/12, hội nghị", dt.date(2024, 1, 2))
    assert m.value == "2023-12-30"


def test_recurring_date_stays_partial_even_with_ref() -> None:
    (m,) = find_dates("báo cáo UBND tỉnh trước ngày 15 tháng 12 hằng năm", PUB)
    assert (m.value, m.partial) == ("--12-15", True)


@pytest.mark.parametrize(
    "text",
    [
        "1085/QĐ-UBND",
        "84/2025/QĐ-UBND",
        "Số: 12/2021/NQ-HĐND",
        "tăng 12,5%",
        "3/4 số xã",
        "cung cấp 1.946 dịch vụ",
        "ngày 31/2/2020",  # no such day
        "ngày 32/1",
        "tháng 13/2021",
        "điện thoại 0239.3855.567",
        "lúc 14:44",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_many_dates_in_order_without_overlap() -> None:
    text = (
        "Quyết định số 2151/QĐ-UBND, ngày 24/5/2021; trước đó, ngày 29/10/2020, UBND tỉnh ban hành "
        "kế hoạch giai đoạn 2021 - 2025, định hướng đến năm 2030; quý III năm 2024."
    )
    got = find_dates(text)
    assert [m.value for m in got] == ["2021-05-24", "2020-10-29", "2030", "2024-Q3"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(got))


def test_parse_date() -> None:
    assert parse_date("24/05/2021") == "2021-05-24"
    assert parse_date("ngày 05 tháng 4 năm 2024") == "2024-04-05"
    assert parse_date("2021-05-24") == "2021-05-24"
    assert parse_date("ngày 1/3") is None
    assert parse_date("ngày 1/3", PUB) == "2023-03-01"
    assert parse_date("không có ngày") is None
    assert to_date("2021-05-28") == dt.date(2021, 5, 28)
    assert to_date(None) is None and to_date("2021") is None


def test_datematch_is_a_plain_value() -> None:
    assert DateMatch(0, 4, "2025", "year", False).value == "2025"


_ISO_VALUE = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4])?|--\d{2}-\d{2})$")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789/.-, ngàytháyquýIVhằốươìềđã\n", max_size=80))
def test_any_text_gives_wellformed_sorted_matches(text: str) -> None:
    got = find_dates(text, PUB)
    for m in got:
        assert 0 <= m.start < m.end <= len(text)
        assert _ISO_VALUE.match(m.value), m
    assert all(a.end <= b.start for a, b in itertools.pairwise(got))
