"""The text-layer quality score separates real Vietnamese from the garbage layers of scans."""

from pathlib import Path

import pdfplumber
import pytest

from ingest.quality import density_factor, language_score, score, syllable_ok

PDF = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "pdf"
THRESHOLD = 0.6  # core.settings.Settings.ocr_min_quality


def _page_texts(name: str, pages: int = 3) -> list[tuple[str, float]]:
    with pdfplumber.open(PDF / name) as pdf:
        return [(p.extract_text() or "", p.width * p.height) for p in pdf.pages[:pages]]


@pytest.mark.parametrize(
    "name",
    [
        "binhthuan_779_qd_ubnd_2022.pdf",
        "lamdong_2536_qd_ubnd_2025.pdf",
        "vpcp_58_cd_2026.pdf",
        "hien_phap_2013_congbao.pdf",
    ],
)
def test_real_text_layers_score_high(name):
    for text, area in _page_texts(name):
        assert score(text, area) > 0.9


@pytest.mark.parametrize("name", ["lamdong_1406_qd_ubnd_2025_scan.pdf", "lamdong_1716_qd_ubnd_2025_scan.pdf"])
def test_garbage_layers_of_scans_score_low(name):
    pages = _page_texts(name)
    assert all(len(text) > 1500 for text, _ in pages)  # plenty of characters, all junk
    for text, area in pages:
        assert score(text, area) < 0.3 < THRESHOLD


def test_image_only_page_scores_zero():
    for text, area in _page_texts("ttg_932_qd_2025_scan.pdf"):
        assert text == ""
        assert score(text, area) == 0.0


def test_junk_tokens_and_real_syllables():
    assert language_score("so:/J+06teo-ueND Ldm D6ng, ngdy )Lthdng 9 ndm 2025") < 0.3
    assert language_score("DQc l$p - Tq do - H4nh phric") < 0.5
    assert language_score("Độc lập - Tự do - Hạnh phúc") == 1.0
    # Numbers, document codes and abbreviations are neutral, not junk.
    assert language_score("Số: 779/QĐ-UBND ngày 23/3/2022 của UBND tỉnh") == 1.0
    assert language_score("") == 0.0
    assert language_score("12.500 2.000 15%") == 0.0  # nothing to judge


@pytest.mark.parametrize("word", ["Quyết", "ĐỊNH", "nghiêng", "khuỷu", "đường", "Hoà", "quốc", "giữ"])
def test_valid_syllables(word):
    assert syllable_ok(word)


@pytest.mark.parametrize("word", ["HQi", "ueND", "l$p", "D6ng", "chimg", "ngdy", "thdng", "vrpr", "ấá"])
def test_invalid_syllables(word):
    assert not syllable_ok(word)


def test_no_diacritics_at_all_is_penalised():
    folded = "Can cu Luat To chuc chinh quyen dia phuong ngay 19 thang 6 nam 2015"
    real = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
    assert language_score(folded) < THRESHOLD < language_score(real)


def test_density_penalises_nearly_empty_pages():
    a4 = 595 * 842
    assert density_factor(2000, a4) == 1.0
    assert density_factor(20, a4) < 0.15
    assert density_factor(20, None) == 1.0
    stamp = "Cơ quan phát hành: Văn phòng Chính phủ"
    assert score(stamp) > 0.9
    assert score(stamp, a4) < THRESHOLD
