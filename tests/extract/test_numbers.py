"""Vietnamese number forms: the dot/comma convention, scale words and numbers in words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.numbers import parse_vn_number


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1.946", 1946),  # thousands separator, not 1.946
        ("12,5", 12.5),  # decimal comma
        ("12,5%", 12.5),
        ("1.234.567,8", 1234567.8),
        ("1,234,567", 1234567),  # English-style thousands, repeated commas only
        ("1,234.5", 1234.5),
        ("2,5 triệu", 2_500_000),
        ("30 nghìn", 30_000),
        ("30 ngàn", 30_000),
        ("1,2 tỷ", 1_200_000_000),
        ("1,2 tỉ", 1_200_000_000),
        ("2 nghìn tỷ", 2e12),
        ("75", 75),
        ("1.5", 1.5),  # groups after the dot are not 3 digits: a decimal point
        ("0,75", 0.75),
        ("một trăm", 100),
        ("hai mươi lăm", 25),
        ("mười lăm", 15),
        ("một trăm linh năm", 105),
        ("hai triệu ba trăm nghìn", 2_300_000),
        ("  Ba  ", 3),
    ],
)
def test_reads_vietnamese_forms(written: str, value: float) -> None:
    assert parse_vn_number(written) == pytest.approx(value)


@pytest.mark.parametrize("junk", ["", "abc", "1.2.3", "1,23,4", "12 con", "QĐ-UBND", "mười hai ba"])
def test_rejects_what_is_not_one_number(junk: str) -> None:
    assert parse_vn_number(junk) is None


@given(st.integers(min_value=1000, max_value=10**12))
def test_dotted_thousands_round_trip(n: int) -> None:
    assert parse_vn_number(f"{n:,}".replace(",", ".")) == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_decimal_comma_round_trip(whole: int, frac: int) -> None:
    written = f"{whole:,}".replace(",", ".") + f",{frac:02d}"
    assert parse_vn_number(written) == pytest.approx(whole + frac / 100)
