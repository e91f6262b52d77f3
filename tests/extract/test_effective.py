"""``effective_from`` from the document's own statement (SPEC §5)."""

import pytest

from core.record import Document
from extract import effective
from extract.effective import find_effective_from


@pytest.mark.parametrize(("text", "issued_on", "expected"), [
    ("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.", "2024-04-05", "2024-04-05"),
    ("Quyết định này có hiệu lực từ ngày 01/5/2024 và thay thế Quyết định số 100/QĐ-UBND.", "2024-03-15",
     "2024-05-01"),
    ("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 10 tháng 6 năm 2024.", "2024-05-20",
     "2024-06-10"),
    ("Nghị quyết này đã được HĐND tỉnh khóa XVIII thông qua ngày 14 tháng 7 năm 2023 và có hiệu lực "
     "từ ngày 01 tháng 8 năm 2023./.", "2023-07-14", "2023-08-01"),
    ("Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.", "2024-01-05", "2024-01-15"),
    ("Quyết định nay co hieu luc ke tu ngay ky.", "2024-01-05", None),  # no marks: not our statement form
    ("Kế hoạch này được triển khai trong năm 2024.", "2024-01-05", None),  # not said
    ("Quyết định này có hiệu lực kể từ ngày ký.", None, None),  # the day it was signed is unknown
])
def test_effective_from(text: str, issued_on: str | None, expected: str | None) -> None:
    assert find_effective_from(text, issued_on) == expected


def test_another_documents_date_is_not_ours() -> None:
    # a partial expiry names another document; only "<loại> này có hiệu lực" is this text's own
    text = ("Khoản 2 Điều 3 Quyết định số 100/QĐ-UBND hết hiệu lực kể từ ngày Quyết định này có hiệu lực.\n"
            "Điều 4. Quyết định này có hiệu lực từ ngày 01/9/2024.")
    assert find_effective_from(text, "2024-08-01") == "2024-09-01"


def test_news_pages_have_none() -> None:
    doc = Document(source="n.html", kind="news", text="Quyết định này có hiệu lực từ ngày 01/5/2024.")
    assert effective.apply(doc).effective_from is None


@pytest.mark.parametrize(("text", "expected"), [
    # the type word opens the clause without "này" (real HĐND and UBND texts, 2017 and 2025)
    ("**Điều 3.** Hiệu lực thi hành\nNghị quyết có hiệu lực thi hành kể từ ngày 08 tháng 12 năm 2025.",
     "2025-12-08"),
    ("**Điều 5. Điều khoản thi hành**\n1. Quyết định có hiệu lực thi hành kể từ ngày 28 tháng 11 năm 2025.",
     "2025-11-28"),
    ("Nghị quyết đã được Hội đồng nhân\ndân tỉnh Điện Biên khóa XIV, kỳ họp\nthứ 5 thông qua ngày 13 tháng 7 "
     "năm 2017 và có hiệu lực từ ngày 23 tháng\n7 năm 2017./.", "2017-07-23"),
    # a number glued to its word in a typed date
    ("Nghị quyết này đã được Hội đồng nhân dân tỉnh Khóa XI, Kỳ họp thứ Ba "
     "thông qua ngày 13 tháng 7 năm 2017 "
     "và có hiệu lực thi hành từ ngày 23 tháng 7 năm2017./.", "2017-07-23"),
    # mid-sentence, or with its number, the type word names another text
    ("Theo đó Quyết định có hiệu lực từ ngày 1/1/2020.", None),
    ("Quyết định số 12/2020/QĐ-UBND có hiệu lực từ ngày 1/1/2020.", None),
])
def test_statement_without_nay_opens_its_clause(text: str, expected: str | None) -> None:
    assert find_effective_from(text, "2025-11-20") == expected
