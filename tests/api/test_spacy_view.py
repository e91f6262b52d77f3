"""`python -m api.spacy_view`: a file's span groups as one displacy page, or a one-line error."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.spacy_view import main

SAMPLE = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "qd_nghean_example.txt"


def test_page_shows_each_requested_group(tmp_path: Path) -> None:
    if not SAMPLE.is_file():
        pytest.skip("../shared samples not present")
    out = tmp_path / "view.html"
    assert main([str(SAMPLE), "--key", "targets", "--key", "signers", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<title>3120/QĐ-UBND</title>" in html
    assert "<h2>targets (2)</h2>" in html and "<h2>signers (1)</h2>" in html
    assert "tối thiểu" in html and "Đức" in html and "target" in html


def test_empty_file_is_an_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main([str(empty), "-o", str(tmp_path / "x.html")]) == 1
    assert "empty file" in capsys.readouterr().err
