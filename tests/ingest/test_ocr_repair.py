"""Accent-only repair of OCR words and phrases against the lexicon (issue 11, Deliver 3)."""

from __future__ import annotations

import pytest

from ingest.ocr_repair import repair, repair_word


@pytest.mark.parametrize(
    ("ocr", "fixed"),
    [
        ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"),  # tesseract vie on ttg_932's title
        ("HỌI ĐỒNG NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"),  # "họi" is a syllable: repaired as a phrase
        ("chương trình quôc gia", "chương trình quốc gia"),
        ("THỦ TUỚNG CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ"),
        ("Căn cú Luật Tổ chúc Chính phủ", "Căn cứ Luật Tổ chức Chính phủ"),
        ("CÔNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ],
)
def test_marks_are_repaired(ocr: str, fixed: str) -> None:
    assert repair(ocr) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Đắk Lắk",  # a letter edit would make it "Đắn"
        "Phạm Minh Chính",
        "Nguyễn Hữu Tháp",  # names: title case is left alone
        "NGUYỄN VĂN A",
        "cần cù lao động",  # folds like "căn cứ" but is three marks away
        "1.946 dịch vụ, 12,5%",
        "",
    ],
)
def test_correct_text_is_left_alone(text: str) -> None:
    assert repair(text) == text


def test_an_ambiguous_word_is_left_alone() -> None:
    """"quyet" with no marks is as near to quyết as to quyệt: no guess."""
    assert repair_word("quyet") == "quyet"


def test_length_is_kept() -> None:
    ocr = "QUYÉT ĐỊNH  về việc HỌI ĐỒNG quôc"
    assert len(repair(ocr)) == len(ocr)
