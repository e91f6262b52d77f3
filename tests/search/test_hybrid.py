"""Rank fusion and number pinning."""

from __future__ import annotations

import pytest

from search.hybrid import (
    ACCENTLESS_DENSE_WEIGHT,
    DENSE_WEIGHT,
    NumberQuery,
    dense_weight,
    find_numbers,
    rrf,
    rrf_max,
)


def test_rrf_rewards_agreement():
    fused = rrf([["a", "b", "c"], ["b", "d"]], k=60)
    assert max(fused, key=fused.get) == "b"
    assert set(fused) == {"a", "b", "c", "d"}
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert rrf_max(60) == pytest.approx(2 / 61)
    weighted = rrf([["a"], ["b"]], k=10, weights=(1.0, 2.0))
    assert weighted["b"] > weighted["a"]
    assert rrf([[], []]) == {}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("1085/QĐ-UBND", NumberQuery("1085", None, "qd-ubnd")),
        ("NQ 18/2023/NQ-HĐND về kinh tế", NumberQuery("18", "2023", "nq-hdnd")),
        ("quyết định 2853 về quy hoạch", NumberQuery("2853", type_code="qd")),
        ("quyet dinh so 2853", NumberQuery("2853", type_code="qd")),
        ("1085/qd-ubnd", NumberQuery("1085", None, "qd-ubnd")),
        ("số 12", NumberQuery("12")),
    ],
)
def test_find_numbers(query, expected):
    assert find_numbers(query) == [expected]


@pytest.mark.parametrize(
    "query", ["kinh tế số 30% GRDP", "kinh te so 30 %", "chuyển đổi số 2,5 lần", "năm 2025", ""]
)
def test_no_number_in_topic_queries(query):
    assert find_numbers(query) == []


def test_number_matching():
    assert NumberQuery("1085", code="qd-ubnd").matches("1085/QĐ-UBND")
    assert NumberQuery("1085", code="qd-ubnd").matches("1085 /QĐ-UBND")
    assert not NumberQuery("1085", code="qd-ubnd").matches("1085/QĐ-TTg")
    assert not NumberQuery("108", code="qd-ubnd").matches("1085/QĐ-UBND")
    assert NumberQuery("2853", type_code="qd").matches("2853/QĐ-UBND")
    assert not NumberQuery("2853", type_code="nq").matches("2853/QĐ-UBND")
    assert NumberQuery("18", "2023", "nq-hdnd").matches("18/2023/NQ-HĐND")
    assert not NumberQuery("18", "2022", "nq-hdnd").matches("18/2023/NQ-HĐND")
    assert NumberQuery("4001").matches("4001/UBND-ĐT")
    assert not NumberQuery("4001").matches(None)
    assert not NumberQuery("4001").matches("4001")


def test_accentless_queries_lean_on_bm25():
    assert dense_weight("chuyen doi so nganh nong nghiep") == ACCENTLESS_DENSE_WEIGHT < DENSE_WEIGHT
    assert dense_weight("chuyển đổi số") == DENSE_WEIGHT
    assert dense_weight("1085/QĐ-UBND") == DENSE_WEIGHT  # Đ is a diacritic letter
    assert dense_weight("2025") == DENSE_WEIGHT  # no letters at all
