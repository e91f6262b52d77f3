"""Plain text: encodings, furniture of saved web pages, headline and dateline, formal text intact."""

from __future__ import annotations

import codecs
import json
import unicodedata
from pathlib import Path

import pytest

from core.errors import EncodingError, NoTextError
from core.settings import Settings
from core.textnorm import clean, match_form
from ingest import legacy, txt
from ingest.base import assemble

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "web"
SETTINGS = Settings()
VIETNAMESE = "Quyết định số 2151/QĐ-UBND ngày 24/5/2021 của UBND tỉnh Hà Tĩnh về việc thành lập tổ công tác."


def read_text(path: Path) -> tuple[str, txt.RawText]:
    raw = txt.read(path, SETTINGS)
    return assemble(raw.blocks)[0], raw


@pytest.mark.parametrize("name", ["news_hatinh_2021", "news_haiduong_2023"])
def test_news_samples_lose_their_furniture(name):
    expected = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    text, raw = read_text(SAMPLES / f"{name}.txt")
    for phrase in expected["text_must_not_contain"]:
        assert phrase not in text
    assert raw.published_at == expected["published_at"]
    for person in expected.get("people", []):
        assert person["name"] in text
    assert not any(line.endswith((".jpg", ".png")) for line in text.split("\n"))


def test_hatinh_sample_keeps_the_article_and_drops_counters():
    text, raw = read_text(SAMPLES / "news_hatinh_2021.txt")
    assert raw.title == "Hà Tĩnh thành lập tổ công tác chuyển đổi số"
    assert text.startswith("Hà Tĩnh thành lập tổ công tác chuyển đổi số\n\nTổ công tác, Tổ giúp việc")
    assert "2151/QĐ-UBND, ngày 24/5/2021" in text
    assert "đạt tối thiểu 75%" in text and "đạt tối thiểu 85%" in text
    assert "Theo Baohatinh.vn" in text  # the source credit is the article's own
    for furniture in ("4.534", "312.343.234", "Lượt truy cập", "Sự kiện", "Triển lãm", "02:21"):
        assert furniture not in text


def test_haiduong_sample_keeps_every_achievement():
    text, raw = read_text(SAMPLES / "news_haiduong_2023.txt")
    assert raw.title == "Hải Dương: Tập trung triển khai các nhiệm vụ chuyển đổi số trên địa bàn tỉnh"
    figures = ("576 dịch vụ công trực tuyến", "1.946 dịch vụ công", "582 dịch vụ công", "từ 76% lên 100%")
    for figure in figures:
        assert figure in text
    assert text.endswith("không xảy ra thất thoát, lãng phí.")
    for furniture in ("banner", "icon", "Top", "Doanh nghiệp", "Thứ bảy, 13/05/2023"):
        assert furniture not in text.split("\n")


def test_formal_decision_passes_intact():
    source = (SAMPLES / "qd_nghean_example.txt").read_text(encoding="utf-8")
    text, raw = read_text(SAMPLES / "qd_nghean_example.txt")
    assert text == clean(source)
    assert raw.title is None and raw.published_at is None  # identity is extraction's job
    assert all(b.page is None for b in raw.blocks)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (VIETNAMESE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + VIETNAMESE.encode("utf-8"), "utf-8-sig"),
        (VIETNAMESE.encode("utf-16"), "utf-16"),  # BOM + little endian
        (codecs.BOM_UTF16_BE + VIETNAMESE.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le", "utf16-be"],
)
def test_encodings(tmp_path, data, encoding):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    text, raw = read_text(path)
    assert text == VIETNAMESE
    assert raw.meta["encoding"] == encoding


def test_windows_1258_combining_marks_become_nfc():
    """Windows-1258 as Vietnamese Windows wrote it: ê, ơ, ă, đ precomposed, tones as separate
    combining bytes (the fixture was written by corpus/build.py's encoder)."""
    data = (FIXTURES / "windows1258.txt").read_bytes()
    assert b"e\xd2" in data and b"\xea\xec" in data  # ẻ and ế: tone bytes after the letter
    text, name = txt.decode(data)
    assert name == "cp1258"
    assert text.splitlines() == [VIETNAMESE, "Thanh Hoá, khoẻ, Quyết định"]
    assert unicodedata.is_normalized("NFC", text)
    raw = txt.read(FIXTURES / "windows1258.txt", SETTINGS)
    assert raw.meta["encoding"] == "cp1258"


def test_nfd_utf8_becomes_nfc(tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_bytes(unicodedata.normalize("NFD", VIETNAMESE).encode("utf-8"))
    text, _ = read_text(path)
    assert text == VIETNAMESE


def test_tcvn3_bytes_decode_to_repairable_mojibake():
    data = "QuyÕt ®Þnh sè 12/Q§-UBND vÒ viÖc thµnh lËp Ban ChØ ®¹o chuyÓn ®æi sè tØnh".encode("cp1252")
    text, name = txt.decode(data)
    assert name == "legacy"
    assert legacy.fix(text) == "Quyết định số 12/QĐ-UBND về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,  # binary
        b"\x00\x01\x02\x03PK\x05\x06" * 100,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    ],
    ids=["all-bytes", "zip-ish", "png"],
)
def test_binary_is_an_encoding_error(data):
    with pytest.raises(EncodingError):
        txt.decode(data)


def test_bad_utf16_after_bom_is_an_encoding_error():
    with pytest.raises(EncodingError):
        txt.decode(codecs.BOM_UTF16_LE + b"\x00\xd8")  # lone surrogate


def test_only_furniture_is_no_text(tmp_path):
    path = tmp_path / "menu.txt"
    path.write_text("Trang chủ\nLượt truy cập: 1.234\nĐang online: 5\n\nbanner\n", encoding="utf-8")
    with pytest.raises(NoTextError):
        txt.read(path, SETTINGS)


@pytest.mark.parametrize(
    ("dateline", "iso"),
    [
        ("02:21 28/05/2021", "2021-05-28"),
        ("Chủ nhật, 17/12/2023 09:07 (GMT+7)", "2023-12-17"),
        ("Thứ bảy, 13/05/2023 14:44", "2023-05-13"),
        ("28/05/2021 - 02:21", "2021-05-28"),
        ("Cập nhật: 05/03/2024 08:15", "2024-03-05"),
        ("Thứ 3, 5-3-2024", "2024-03-05"),
    ],
)
def test_news_dateline_gives_published_at(dateline, iso):
    text = f"Tỉnh ban hành kế hoạch chuyển đổi số\n{dateline}\n\n{VIETNAMESE} Kế hoạch được triển khai ngay."
    raw = txt.from_text(text)
    assert raw.published_at == iso
    assert raw.title == "Tỉnh ban hành kế hoạch chuyển đổi số"
    assert dateline not in assemble(raw.blocks)[0]


def test_a_date_inside_a_sentence_is_not_a_dateline():
    raw = txt.from_text(f"Tin ngắn\n\n{VIETNAMESE}\nNgày 24/5/2021 tỉnh đã họp bàn kỹ lưỡng về việc này.")
    assert raw.published_at is None


TVPL = SAMPLES.parent / "data" / "tvpl"
TVPL_LABELS = [json.loads(line) for line in (TVPL / "labels.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow  # 282 pages: ~4 s on an idle 2-core machine
def test_tvpl_pages_give_the_document_inside_the_portal_frame():
    """282 thuvienphapluat.vn pages saved as text: the metadata table before the document and
    the related-documents list after it (other documents' numbers and dates) must go; the
    document's own number, signer and body must stay."""
    numbers_found = not_online = 0
    for label in TVPL_LABELS:
        try:
            text, raw = read_text(TVPL / label["file"])
        except NoTextError:  # the portal shows only "đang cập nhật nội dung": no document
            not_online += 1
            continue
        for frame in ("THƯ VIỆN PHÁP LUẬT", "Đang tải văn bản", "## Văn bản liên quan", "Số hiệu:", "**"):
            assert frame not in text, (label["file"], frame)
        assert raw.title is None  # formal documents: the identity is extraction's job
        if label["body_so_hieu"]:  # the number as the body writes it (empty when unreadable)
            assert label["body_so_hieu"] in text, label["file"]
            numbers_found += 1
        signer = match_form(label["nguoi_ky"].split()[-1])  # Hòa / Hoà
        if raw.meta.get("no_body"):  # the portal shows only the title: no signature to find
            continue
        assert signer in match_form(text) or not label["has_noi_nhan"], label["file"]
    assert numbers_found >= 250 and not_online <= 3


def test_tvpl_frame_keeps_footnote_marks_and_drops_emphasis():
    lines = [
        "THƯ VIỆN PHÁP LUẬT** has the copyright", "Đang tải văn bản...", "**Số hiệu:**", "|", "12/QĐ-UBND",
        "**Tình trạng:**", "|", "Đã biết", "|", "**ỦY BAN NHÂN DÂN**", "*Hà Nội, ngày 20",
        "tháng 11 năm 2025*", "Mức chi (*) theo Thông tư *(được sửa đổi)* hiện hành.",
        "Quyết định 12/QĐ-UBND năm 2025 về việc thử",
        "Văn bản này chưa cập nhật nội dung Tiếng Anh",
        "Ban hành:",
    ]
    assert txt.boilerplate.strip(lines) == [
        "ỦY BAN NHÂN DÂN", "Hà Nội, ngày 20", "tháng 11 năm 2025",
        "Mức chi (*) theo Thông tư (được sửa đổi) hiện hành.",
    ]
