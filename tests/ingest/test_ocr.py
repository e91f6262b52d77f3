"""OCR with the real tesseract: availability checks, the word table → line runs, a real page."""

from pathlib import Path

import pytesseract
import pytest

from core.errors import OcrUnavailableError
from core.settings import Settings
from ingest.ocr import check_available, ocr_pages, parse_tsv

PDF = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "pdf"
HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _word(block: int, line: int, left: int, top: int, width: int, text: str) -> str:
    return f"5\t1\t{block}\t1\t{line}\t1\t{left}\t{top}\t{width}\t40\t95.0\t{text}"


def test_vietnamese_is_available():
    check_available("vie")
    check_available("vie+eng")


def test_missing_language_names_the_package():
    with pytest.raises(OcrUnavailableError, match=r"no language data for xyz.*apt-get install tesseract-ocr"):
        check_available("vie+xyz")


def test_missing_binary_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    with pytest.raises(OcrUnavailableError, match="tesseract was not found"):
        check_available("vie")


def test_no_pages_needs_no_tesseract(monkeypatch, tmp_path):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    result = ocr_pages(PDF / "ttg_932_qd_2025_scan.pdf", [], Settings(data_dir=tmp_path))
    assert result.lines == {} and result.failed == {}


def test_tsv_lines_split_at_column_gaps_and_scaled_to_points():
    tsv = "\n".join(
        [
            HEAD,
            "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3507\t-1\t",  # page row, no text
            _word(1, 1, 300, 200, 100, "ỦY"),
            _word(1, 1, 420, 200, 120, "BAN"),
            _word(1, 1, 1100, 200, 200, "CỘNG"),  # 560 px = 134 pt after "BAN": another column
            _word(1, 1, 1320, 200, 150, "HÒA"),
            _word(1, 2, 300, 260, 100, "  "),  # blank word
            _word(2, 1, 300, 320, 90, "Số:"),
        ]
    )
    runs = parse_tsv(tsv, 72 / 300)
    assert [r["text"] for r in runs] == ["ỦY BAN", "CỘNG HÒA", "Số:"]
    assert runs[0]["x0"] == pytest.approx(72.0)
    assert runs[0]["x1"] == pytest.approx(540 * 72 / 300)
    assert runs[2]["top"] == pytest.approx(320 * 72 / 300)


def test_tsv_of_an_empty_page():
    assert parse_tsv(HEAD + "\n", 1.0) == []
    assert parse_tsv("", 1.0) == []


@pytest.mark.slow
def test_real_scan_page(tmp_path):
    settings = Settings(data_dir=tmp_path, ocr_workers=1)
    result = ocr_pages(PDF / "ttg_932_qd_2025_scan.pdf", [1], settings)
    assert result.failed == {}
    text = result.text(1)
    assert "THỦ TƯỚNG CHÍNH PHỦ" in text
    assert "Căn cứ Luật Tổ chức Chính phủ" in text
    # Boxes are in PDF points, inside the A4 page.
    assert all(0 <= r["x0"] < r["x1"] <= 600 and 0 <= r["top"] < r["bottom"] <= 850 for r in result.lines[1])


@pytest.mark.slow
def test_page_timeout_is_reported_not_raised(tmp_path):
    settings = Settings(data_dir=tmp_path, ocr_page_timeout_s=1)
    result = ocr_pages(PDF / "ttg_932_qd_2025_scan.pdf", [2], settings)
    assert result.lines == {}
    assert result.failed == {2: "OCR timed out after 1 s"}
