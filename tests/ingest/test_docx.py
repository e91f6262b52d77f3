"""DOCX: body in document order (header table first), zip bombs and non-zips refused early."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from core.errors import CorruptFileError, NoTextError, TooLargeError
from core.settings import Settings
from ingest import docx as reader
from ingest.base import assemble

SETTINGS = Settings()


def decision(path: Path) -> Path:
    """A decision as UBNDs type it: header as a borderless two-column table, then paragraphs,
    a data table, and the signature as another two-column table."""
    document = docx.Document()
    document.core_properties.title = "Quyết định thành lập Ban Chỉ đạo chuyển đổi số"
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 3120/QĐ-UBND"
    header.cell(1, 1).text = "Nghệ An, ngày 18 tháng 10 năm 2022"
    document.add_paragraph("QUYẾT ĐỊNH")
    document.add_paragraph("Về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh Nghệ An")
    document.add_paragraph("")  # empty paragraphs are typing, not text
    document.add_paragraph("Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số tỉnh Nghệ An, gồm:")
    members = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("STT", "Họ và tên", "Chức vụ"), ("1", "Hoàng Minh Đức", "Trưởng ban"),
                             ("2", "Lương Văn Sáu", "Phó Trưởng ban")]):
        for c, value in enumerate(row):
            members.cell(r, c).text = value
    document.add_paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT."
    signature.cell(0, 1).text = "CHỦ TỊCH\n\nHoàng Minh Đức"
    document.save(path)
    return path


def test_header_table_first_then_body_in_order(tmp_path):
    raw = reader.read(decision(tmp_path / "qd.docx"), SETTINGS)
    text, pages = assemble(raw.blocks)
    assert pages == [] and all(b.page is None for b in raw.blocks)
    assert raw.title == "Quyết định thành lập Ban Chỉ đạo chuyển đổi số"
    assert text.startswith(
        "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 3120/QĐ-UBND\nNghệ An, ngày 18 tháng 10 năm 2022\n\nQUYẾT ĐỊNH\n\nVề việc thành lập"
    )
    assert text.index("Điều 1.") < text.index("1 | Hoàng Minh Đức | Trưởng ban") < text.index("Điều 2.")
    assert "STT | Họ và tên | Chức vụ" in text
    assert text.endswith("Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nCHỦ TỊCH\n\nHoàng Minh Đức")


def test_merged_cells_are_read_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "DANH SÁCH THÀNH VIÊN"
    for c, value in enumerate(("1", "Nguyễn Văn A", "Ủy viên")):
        table.cell(1, c).text = value
    document.save(tmp_path / "m.docx")
    text, _ = assemble(reader.read(tmp_path / "m.docx", SETTINGS).blocks)
    assert text.count("DANH SÁCH THÀNH VIÊN") == 1


def test_line_breaks_and_tabs_inside_a_paragraph(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("KT. CHỦ TỊCH")
    run = paragraph.add_run()
    run.add_break()
    run.add_text("PHÓ CHỦ TỊCH")
    document.save(tmp_path / "b.docx")
    text, _ = assemble(reader.read(tmp_path / "b.docx", SETTINGS).blocks)
    assert text == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"


def test_text_inside_content_controls(tmp_path):
    """Templates put the number and date fields in content controls (w:sdt)."""
    document = docx.Document()
    document.add_paragraph("QUYẾT ĐỊNH")
    number = document.add_paragraph("Số: 3120/QĐ-UBND")
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    number._p.addprevious(sdt)
    content.append(number._p)
    document.add_paragraph("Điều 1. Nội dung.")
    document.save(tmp_path / "sdt.docx")
    text, _ = assemble(reader.read(tmp_path / "sdt.docx", SETTINGS).blocks)
    assert text == "QUYẾT ĐỊNH\n\nSố: 3120/QĐ-UBND\n\nĐiều 1. Nội dung."


def test_not_a_zip_is_corrupt(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("Quyết định số 12/QĐ-UBND — a text file renamed .docx", encoding="utf-8")
    with pytest.raises(CorruptFileError):
        reader.read(path, SETTINGS)


def test_truncated_zip_is_corrupt(tmp_path):
    good = decision(tmp_path / "qd.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(CorruptFileError):
        reader.read(path, SETTINGS)


def test_zip_without_a_document_part_is_corrupt(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(CorruptFileError):
        reader.read(path, SETTINGS)


def test_zip_bomb_by_real_size(tmp_path):
    """3 MB of zeros compress to a few KB; refused under a 1 MB limit before inflating."""
    path = decision(tmp_path / "qd.docx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/zeros.bin", bytes(3 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    with pytest.raises(TooLargeError):
        reader.read(path, Settings(max_decompressed_mb=1))
    assert reader.read(path, SETTINGS).blocks  # the default limit lets it through


def test_zip_bomb_by_declared_size(tmp_path):
    """A member whose central-directory entry declares 4 GB is refused from the declaration."""
    path = decision(tmp_path / "qd.docx")
    data = bytearray(path.read_bytes())
    entry = data.find(b"PK\x01\x02")  # first central-directory header
    # uncompressed size is at offset 24 of the central-directory file header
    data[entry + 24 : entry + 28] = struct.pack("<I", 0xFFFFFFF0)
    path.write_bytes(bytes(data))
    with pytest.raises(TooLargeError):
        reader.read(path, SETTINGS)


def test_document_without_text_is_no_text(tmp_path):
    document = docx.Document()
    document.add_paragraph("   ")
    body = document.element.body
    assert body.find(qn("w:p")) is not None
    document.save(tmp_path / "empty.docx")
    with pytest.raises(NoTextError):
        reader.read(tmp_path / "empty.docx", SETTINGS)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["A", "B"], ["C", "D"]], "A\nB\nC\nD"),
        ([["A", "", "B"]], "A\nB"),
        ([["1", "x", "y"]], "1 | x | y"),
        ([["", ""], [" "]], ""),
        ([["a\n  b", "c"]] * 7, "\n".join(["a b | c"] * 7)),
    ],
)
def test_table_text(rows, expected):
    assert reader.table_text(rows) == expected
