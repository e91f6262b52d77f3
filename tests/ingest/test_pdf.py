"""PDF reading on real decisions: page map, reading order, running headers, line repair, the
number stamped into a signature widget, OCR fallback on scans, and every refusal."""

import io
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from core.errors import CorruptFileError, EmptyFileError, EncryptedFileError, NoTextError, TooLargeError
from core.settings import Settings
from ingest import pdf, pdf_layout, reader
from ingest.pdf import Line, Page, join_lines, read, read_pages

PDF = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "pdf"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def binhthuan(settings):
    return read(PDF / "binhthuan_779_qd_ubnd_2022.pdf", settings)


def _lines(raw) -> list[str]:
    return [line for b in raw.blocks for line in b.text.split("\n")]


# --- text PDFs ----------------------------------------------------------------------------


def test_one_block_per_page_with_its_number(binhthuan):
    assert [b.page for b in binhthuan.blocks] == list(range(1, 14))
    assert binhthuan.meta == {"pages": 13, "ocr_pages": 0, "reader": "pdfplumber"}
    assert binhthuan.title is None  # the metadata title is "ỦY BAN NHÂN DÂN", the issuer
    assert "Điều 28. Hiệu lực thi hành" in binhthuan.blocks[12].text


def test_page_numbers_removed(binhthuan):
    for block in binhthuan.blocks[1:]:
        first = block.text.split("\n")[0]
        assert first != str(block.page)
        assert not first.isdigit()


def test_two_column_header_and_signature_read_column_by_column(binhthuan):
    lines = binhthuan.blocks[0].text.split("\n")
    assert lines[:6] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH BÌNH THUẬN",
        "Số: 779 /QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Bình Thuận, ngày 23 tháng 3 năm 2022",
    ]
    tail = lines[lines.index("Nơi nhận:") :]
    assert tail[1] == "- Như Điều 3;"
    assert "- Lưu: VT, KGVXNV, NCKSTTHC, SNV (Ngan-15)." in tail
    assert tail.index("- Lưu: VT, KGVXNV, NCKSTTHC, SNV (Ngan-15).") < tail.index("KT. CHỦ TỊCH")
    assert tail[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Minh"]


def test_broken_lines_rejoined_but_items_kept_apart(binhthuan):
    lines = _lines(binhthuan)
    # Wrapped over two lines in the PDF, whole here.
    assert (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính "
        "quyền địa phương ngày 22 tháng 11 năm 2019;" in lines
    )
    assert "Về việc công nhận Điều lệ (sửa đổi, bổ sung) Quỹ Khuyến học tỉnh Bình Thuận" in lines
    assert (
        "(Kèm theo Quyết định số 779 /QĐ-UBND ngày 23 / 3 /2022 của Chủ tịch Ủy ban nhân dân tỉnh)" in lines
    )
    # Headings, articles, clauses and points start their own lines.
    for start in (
        "QUYẾT ĐỊNH:",
        "Điều 1. Công nhận",
        "Chương I",
        "QUY ĐỊNH CHUNG",
        "1. Tên gọi:",
        "a) Thành lập",
    ):
        assert any(line.startswith(start) for line in lines), start
    assert not any(" Điều 2. " in line for line in lines)
    # A line never ends in the middle of a sentence inside the body text.
    body = binhthuan.blocks[1].text.split("\n")
    assert "Quỹ." not in body and "Long, thành phố Phan Thiết, tỉnh Bình Thuận." not in body


def test_number_stamped_in_signature_widget_survives(settings):
    raw = read(PDF / "lamdong_2536_qd_ubnd_2025.pdf", settings)
    lines = _lines(raw)
    assert "Số: 2536 /QĐ-UBND" in lines  # the text layer alone says "Số: /QĐ-UBND"
    assert "Lâm Đồng, ngày 12 tháng 12 năm 2025" in lines
    # Condensed justified text keeps its spaces (its blanks only touch the glyphs).
    assert "tài sản, tài chính, tổ chức, nhân sự, các quyền và nghĩa vụ" in raw.blocks[1].text


def test_gazette_running_header_removed_footnotes_kept(settings):
    raw = read_pages(PDF / "vbhn_23_vpqh_2020_congbao.pdf", settings, pages=[1, 2, 3, 4])
    assert [b.page for b in raw.blocks] == [1, 2, 3, 4]
    assert raw.meta["pages"] == 33
    text = "\n".join(b.text for b in raw.blocks)
    assert "CÔNG BÁO" not in text
    # The e-signature stamp burnt in by flattening is signing metadata, not document text.
    assert "Ký bởi" not in text and "Thờigianký" not in text
    assert text.startswith("VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI\n")
    # Footnotes repeat the same last line on several pages but are body text, not a footer.
    assert text.count("hiệu lực kể từ ngày 01 tháng 01 năm 2021.") >= 2
    # Footnote marks become superscripts and cannot pass for clause numbers.
    assert any(line.startswith("8.³ Thông tư") for line in _lines(raw))


def test_sentence_broken_after_a_comma_by_the_page_break_is_whole(settings):
    raw = read_pages(PDF / "hien_phap_2013_congbao.pdf", settings, pages=[12, 13])
    assert "bảo vệ Nhân dân, Đảng, Nhà nước và chế độ xã hội chủ nghĩa;" in raw.blocks[0].text
    assert not raw.blocks[1].text.startswith("Đảng, Nhà nước")


def test_page_range_reads_only_those_pages(settings):
    raw = read_pages(PDF / "hien_phap_2013_congbao.pdf", settings, pages=[2, 99, 3])
    assert [b.page for b in raw.blocks] == [2, 3]
    assert raw.meta["pages"] == 28


def test_hyphen_page_break_header_and_metadata_title(settings):
    raw = read(FIXTURES / "two_pages.pdf", settings)
    assert raw.title == "Quyết định về phát triển kinh tế số của tỉnh"
    first = raw.blocks[0].text.split("\n")
    assert first[0] == (
        "Điều 1. Phát triển kinh tế-xã hội của tỉnh trong giai đoạn tới phải gắn với chuyển đổi số "
        "và bảo vệ môi trường."
    )
    # The sentence broken by the page break is whole, on the page where it starts.
    assert first[1].endswith("thực hiện các nhiệm vụ được giao trong năm 2025 theo quy định của pháp luật.")
    assert raw.blocks[1].text == "Điều 3. Quyết định này có hiệu lực kể từ ngày ký ban hành."
    assert "CÔNG BÁO" not in first[0] + raw.blocks[1].text


def test_tables_read_row_by_row_header_column_by_column(settings):
    lines = read(FIXTURES / "table.pdf", settings).blocks[0].text.split("\n")
    assert lines[:6] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐỒNG",
        "Số: 15/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lâm Đồng, ngày 05 tháng 3 năm 2025",
    ]
    # Three cells a row: a table; each name stays with its post.
    assert "1 Nguyễn Văn An Giám đốc Sở Nội vụ" in lines
    assert "2 Trần Thị Bình Phó Giám đốc Sở Tài chính" in lines
    # Two cells a row but ruled: a table too, not a header block.
    assert lines[-2:] == ["Nguyễn Văn An Trưởng ban", "Trần Thị Bình Phó Trưởng ban"]


def test_which_pages_are_worth_ocr():
    a4 = (595.0, 842.0)

    def page(text: str, image_share: float) -> Page:
        lines = [Line(t, 72, 520, 100 + 14 * i, 112 + 14 * i) for i, t in enumerate(text.split("\n"))]
        return Page(1, lines, *a4, image_share)

    real = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n" * 5
    cid = "(cid:72)(cid:101)(cid:108) (cid:111)(cid:32)(cid:87)(cid:111) (cid:114)(cid:108)(cid:100)\n" * 5
    garbage = "DQc l$p - Tq do - H4nh phric so:/J+06teo-ueND Ldm D6ng, ngdy )Lthdng 9 ndm\n" * 5
    cases = [
        (real, 0.0, False),  # a good layer
        (real, 1.0, False),  # a good layer over a scan (OCR would only read it again)
        (garbage, 1.0, True),  # the scanner's garbage layer over its image
        (cid, 0.0, True),  # glyphs without a Unicode map: rendering them reads fine
        ("", 1.0, True),  # image only
        ("", 0.0, False),  # blank page
        ("5", 0.0, False),  # a lone page number
    ]
    for text, image_share, expected in cases:
        p = page(text, image_share)
        pdf._judge(p, 0.6)
        assert p.needs_ocr is expected, (text[:20], image_share)


def test_a_line_of_thousands_of_words_stays_fast():
    """Damaged content streams can put a whole page on one line; layout must stay linear-ish."""
    box = {"top": 100.0, "bottom": 110.0}
    row = [{"text": "chữ", "x0": 5.0 * i, "x1": 5.0 * i + 4, **box} for i in range(6000)]
    start = time.perf_counter()
    lines = pdf_layout.order_columns([row], 595.0)
    assert time.perf_counter() - start < 1.0
    assert len(lines) == 1 and lines[0].text.count("chữ") == 6000


def test_join_lines_rules():
    def line(text: str, x0: float = 72, x1: float = 520) -> Line:
        return Line(text, x0, x1, 0, 0)

    lines = [
        line("Căn cứ Nghị định số 93/2019/NĐ-CP ngày 25 tháng 11 năm 2019 của"),
        line("Chính phủ về tổ chức, hoạt động của quỹ xã hội;"),
        line("nghiêm cấm mọi hành vi kỳ thị;", x1=300),
        line("QUYẾT ĐỊNH:", x0=250, x1=330),
        line("Điều 1. Phê duyệt danh sách gồm:", x1=330),
        line("a) Ông Nguyễn Văn A, Giám đốc"),
        line("Sở Nội vụ;", x1=200),
        line("- Như Điều 3;", x1=200),
        line("Phát triển kinh tế\u00ad"),
        line("số, xã hội số", x1=200),
        line("Thư điện tử: quy@example.vn", x1=300),
        line("Quỹ được thành lập năm 2005.", x0=100),
    ]
    assert join_lines(lines) == [
        "Căn cứ Nghị định số 93/2019/NĐ-CP ngày 25 tháng 11 năm 2019 của Chính phủ về tổ chức, hoạt động "
        "của quỹ xã hội; nghiêm cấm mọi hành vi kỳ thị;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Phê duyệt danh sách gồm:",
        "a) Ông Nguyễn Văn A, Giám đốc Sở Nội vụ;",
        "- Như Điều 3;",
        "Phát triển kinh tếsố, xã hội số",
        "Thư điện tử: quy@example.vn",
        "Quỹ được thành lập năm 2005.",
    ]


def test_through_the_reader_dispatcher(settings):
    doc = reader.read(PDF / "lamdong_2536_qd_ubnd_2025.pdf", settings)
    assert "Số: 2536 /QĐ-UBND" in doc.text
    assert [p.page for p in doc.pages] == [1, 2]
    assert doc.meta["reader"] == "pdfplumber"


# --- refusals -----------------------------------------------------------------------------


def test_zero_byte_file(tmp_path, settings):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        read(path, settings)


@pytest.mark.parametrize("cut", [200, 3000, 240_000])
def test_truncated_pdf(tmp_path, settings, cut):
    path = tmp_path / "cut.pdf"
    path.write_bytes((PDF / "lamdong_2536_qd_ubnd_2025.pdf").read_bytes()[:cut])
    with pytest.raises(CorruptFileError, match="truncated"):
        read(path, settings)


def test_padding_after_the_end_marker_is_harmless(tmp_path, settings):
    path = tmp_path / "padded.pdf"
    path.write_bytes((PDF / "vpcp_58_cd_2026.pdf").read_bytes() + b"\x00" * 5000 + b"\r\n")
    assert read(path, settings).meta["pages"] == 2


def test_damage_pdfplumber_cannot_parse_falls_back_to_pdfium(tmp_path, settings):
    import re

    data = (PDF / "vpcp_58_cd_2026.pdf").read_bytes()
    # A page size that is a number instead of a box (same length, so the xref stays valid).
    bad = re.sub(rb"/MediaBox \[0 0 595.34997559 842\]", lambda m: b"/MediaBox 7".ljust(len(m[0])), data)
    path = tmp_path / "bad_mediabox.pdf"
    path.write_bytes(bad)
    raw = read(path, settings)
    assert raw.meta["reader"] == "pypdfium2"
    lines = raw.blocks[0].text.split("\n")
    assert "Số: 58/CĐ-VPCP" in lines
    assert not any(set(line) == {"_"} for line in lines)  # separator rules dropped here too


def test_random_bytes_after_pdf_header(tmp_path, settings):
    import random

    rnd = random.Random(7)
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(rnd.randrange(256) for _ in range(30_000)) + b"\n%%EOF\n")
    with pytest.raises(CorruptFileError) as err:
        read(path, settings)
    assert "\n" not in str(err.value)


def test_encrypted_with_user_password_refused(settings):
    with pytest.raises(EncryptedFileError, match="encrypted PDF"):
        read(FIXTURES / "user_password.pdf", settings)


def test_encrypted_with_empty_user_password_is_read(settings):
    raw = read(FIXTURES / "owner_password.pdf", settings)
    assert raw.blocks[1].text == "Điều 3. Quyết định này có hiệu lực kể từ ngày ký ban hành."


def test_too_many_pages_rejected_before_extraction(tmp_path, settings):
    doc = pdfium.PdfDocument.new()
    for _ in range(2000):
        doc.new_page(595, 842)
    buf = io.BytesIO()
    doc.save(buf)
    path = tmp_path / "big.pdf"
    path.write_bytes(buf.getvalue())
    start = time.perf_counter()
    with pytest.raises(TooLargeError, match="2000 > limit 500"):
        read(path, settings)
    assert time.perf_counter() - start < 1.0


def test_blank_pdf_has_no_text(tmp_path, settings):
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    buf = io.BytesIO()
    doc.save(buf)
    path = tmp_path / "blank.pdf"
    path.write_bytes(buf.getvalue())
    with pytest.raises(NoTextError):
        read(path, settings)


# --- OCR fallback -------------------------------------------------------------------------


@pytest.mark.slow
def test_image_only_scan_is_ocred(settings):
    raw = read_pages(PDF / "ttg_932_qd_2025_scan.pdf", settings, pages=[1])
    assert raw.meta["ocr_pages"] == 1
    assert raw.meta["pages"] == 3
    text = raw.blocks[0].text
    assert "THỦ TƯỚNG CHÍNH PHỦ" in text
    assert "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;" in text.split("\n")
    assert "Điều 1." in text


@pytest.mark.slow
def test_garbage_text_layer_is_replaced_by_ocr(settings):
    raw = read_pages(PDF / "lamdong_1406_qd_ubnd_2025_scan.pdf", settings, pages=[1])
    assert raw.meta["ocr_pages"] == 1
    text = raw.blocks[0].text
    assert "ỦY BAN NHÂN DÂN" in text
    assert "Căn cứ Nghị quyết số 202/2025/QH15" in text
    assert "so:/J+06teo-ueND" not in text  # the scanner's own garbage layer is gone


@pytest.mark.slow
def test_signer_name_under_the_red_seal_is_read(settings):
    raw = read_pages(PDF / "lamdong_1406_qd_ubnd_2025_scan.pdf", settings, pages=[2])
    lines = raw.blocks[0].text.split("\n")
    assert "Nguyễn Minh" in lines
    assert lines.index("Nguyễn Minh") > lines.index("KT. CHỦ TỊCH")


@pytest.mark.slow
def test_upside_down_scan_is_turned_and_read(tmp_path, settings):
    doc = pdfium.PdfDocument(PDF / "ttg_932_qd_2025_scan.pdf")
    doc.del_page(2)
    doc.del_page(0)
    doc[0].set_rotation(180)  # the scanner fed the page upside down
    path = tmp_path / "upside_down.pdf"
    doc.save(path)
    doc.close()
    raw = read(path, settings)
    assert raw.meta["ocr_pages"] == 1
    assert "Thủ tướng Chính phủ" in raw.blocks[0].text


@pytest.mark.slow
def test_ocr_timeout_keeps_going_and_says_so(settings):
    quick = settings.model_copy(update={"ocr_page_timeout_s": 1})
    with pytest.raises(NoTextError):
        read_pages(PDF / "ttg_932_qd_2025_scan.pdf", quick, pages=[2])
    # A garbage layer is kept (and the failure recorded) when OCR cannot finish.
    raw = read_pages(PDF / "lamdong_1716_qd_ubnd_2025_scan.pdf", quick, pages=[2])
    assert raw.meta["ocr_failed_pages"] == "2"
    assert raw.meta["ocr_pages"] == 0


def test_ocr_lines_are_not_needed_for_text_pdfs(settings, monkeypatch):
    """Text PDFs never start tesseract (a run without tesseract installed still reads them)."""

    def fail(*args, **kwargs):
        raise AssertionError("OCR should not run for a text PDF")

    monkeypatch.setattr(pdf.ocr, "ocr_pages", fail)
    raw = read(PDF / "vpcp_58_cd_2026.pdf", settings)
    assert raw.meta["ocr_pages"] == 0
