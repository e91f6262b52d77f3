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
