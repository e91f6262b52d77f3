"""The dispatcher: type by content, limits before parsing, one clear error per bad input."""

import zipfile
from pathlib import Path

import pytest

from core.errors import EmptyFileError, TooLargeError, UnsupportedTypeError
from core.settings import Settings
from ingest.reader import check_size, iter_paths, read, sniff

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def test_sniff_by_content_not_extension(tmp_path):
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html"
    assert sniff("Quyết định số 12".encode()) == "txt"
    assert sniff("Quyết định".encode("utf-16")) == "txt"
    with pytest.raises(UnsupportedTypeError):
        sniff(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00" * 10)
    plain_zip = tmp_path / "x.docx"
    with zipfile.ZipFile(plain_zip, "w") as z:
        z.writestr("readme.txt", "not a document")
    with pytest.raises(UnsupportedTypeError, match="not a DOCX"):
        sniff(plain_zip.read_bytes()[:8192], plain_zip)


def test_limits_before_parsing(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError, match="empty file"):
        check_size(empty, Settings(data_dir=tmp_path))
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 3_000_000)
    with pytest.raises(TooLargeError, match="too large"):
        check_size(big, Settings(data_dir=tmp_path, max_file_mb=1))


def test_lying_extension_is_read_by_content(tmp_path):
    fake = tmp_path / "quyet_dinh.pdf"
    fake.write_text("<html><body><article><h1>Quyết định 12</h1><p>" + "Nội dung quyết định. " * 30
                    + "</p></article></body></html>", encoding="utf-8")
    doc = read(fake, Settings(data_dir=tmp_path))
    assert doc.meta["format"] == "html"
    assert "Nội dung quyết định" in doc.text


def test_sample_decision_reads_with_structure(tmp_path):
    doc = read(SHARED / "samples" / "qd_nghean_example.txt", Settings(data_dir=tmp_path))
    assert doc.text.startswith("ỦY BAN NHÂN DÂN")
    assert len(doc.id) == 16
    assert any(s.label == "Điều 2" for s in doc.sections)
    # same content → same id
    assert read(SHARED / "samples" / "qd_nghean_example.txt", Settings(data_dir=tmp_path)).id == doc.id


def test_folder_walk_picks_supported_files(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.exe").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.HTML").write_text("x")
    assert [p.name for p in iter_paths([tmp_path])] == ["a.txt", "c.HTML"]
