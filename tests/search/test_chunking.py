"""Chunking along structure on a real decision and on real noisy pages."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from core.record import Document, PageSpan
from search.chunking import chunk, chunks_digest, document_fields


def _check_invariants(doc: Document, max_chars: int) -> None:
    chunks = chunk(doc, max_chars)
    for i, c in enumerate(chunks):
        assert c.id == f"{doc.id}:{i}" and c.n == i
        assert doc.text[c.start : c.end] == c.text  # spans point into the stored text
        assert c.text == c.text.strip() and c.text
        assert len(c.text) <= max_chars
    starts = [c.start for c in chunks]
    assert starts == sorted(starts)


def test_one_chunk_per_article_on_real_decision(decision):
    chunks = chunk(decision, 900)
    labels = [c.section for c in chunks]
    assert labels == ["Phần đầu văn bản", "Điều 1", "Điều 2", "Điều 3", "Chữ ký"]
    art2 = chunks[2]
    assert art2.text.startswith("Điều 2. Ban Chỉ đạo có nhiệm vụ:")
    assert "kinh tế số chiếm 20% GRDP" in art2.text
    assert art2.text.endswith("hằng năm.")
    # header, title and basis are small units grouped into one chunk; "Nơi nhận" is left out
    assert chunks[0].text.startswith("ỦY BAN NHÂN DÂN")
    assert "Căn cứ Quyết định số 505/QĐ-TTg" in chunks[0].text
    assert all("Nơi nhận" not in c.text for c in chunks)


def test_filter_fields_and_year(decision):
    c = chunk(decision)[1]
    assert c.fields["kind"] == "decision"
    assert c.fields["year"] == 2022
    assert c.fields["number"] == "3120/QĐ-UBND"
    assert c.fields["issuer"] == "UBND tỉnh Nghệ An"
    meta = c.metadata()
    assert None not in meta.values() and meta["doc_id"] == decision.id and meta["section"] == "Điều 1"
    news = Document(source="x", text="a", published_at="2023-05-02")
    assert document_fields(news)["year"] == 2023
    assert "year" not in document_fields(Document(source="x", text="a"))


def test_long_article_split_keeps_heading_with_body(decision):
    chunks = chunk(decision, 200)
    _check_invariants(decision, 200)
    art2 = [c for c in chunks if c.section == "Điều 2"]
    assert len(art2) >= 2
    assert art2[0].text.startswith("Điều 2. Ban Chỉ đạo có nhiệm vụ:\n1. Giúp")  # heading not alone
    assert art2[0].heading is None
    for cont in art2[1:]:  # continuation pieces carry their heading for the index only
        assert cont.heading is not None and cont.heading.startswith("Điều 2.")
        assert cont.index_text.startswith(cont.heading) and not cont.text.startswith("Điều 2")


def test_over_long_line_is_cut_with_overlap():
    sentence = "Ủy ban nhân dân tỉnh giao các sở, ngành triển khai nhiệm vụ chuyển đổi số. "
    doc = Document(id="d", source="x", text=(sentence * 40).strip())  # one 3,000-char line
    chunks = chunk(doc, 500)
    assert len(chunks) >= 6
    for a, b in itertools.pairwise(chunks):
        assert b.start < a.end  # overlap only at hard cuts
        assert a.end - b.start <= 100
    assert chunks[-1].end == len(doc.text)


def test_no_sections_falls_back_to_paragraphs_with_pages():
    paras = [f"Đoạn văn số {i}: " + "nội dung " * 30 for i in range(6)]
    text = "\n\n".join(p.strip() for p in paras)
    half = text.index("Đoạn văn số 3")
    doc = Document(id="n", source="x", text=text,
                   pages=[PageSpan(page=1, start=0, end=half), PageSpan(page=2, start=half, end=len(text))])
    chunks = chunk(doc, 700)
    assert all(c.section is None for c in chunks)
    assert chunks[0].page == 1 and chunks[-1].page == 2
    assert all(c.text.startswith("Đoạn văn số") for c in chunks)  # paragraphs are never cut
    _check_invariants(doc, 700)


def test_empty_and_blank_documents():
    assert chunk(Document(id="e", source="x", text=""), 900) == []
    assert chunk(Document(id="e", source="x", text="\n\n  \n"), 900) == []


@pytest.mark.parametrize("name", ["news_hatinh_2021.txt", "news_haiduong_2023.txt"])
def test_real_news_samples(name, shared, doc_from_text):
    doc = doc_from_text((shared / "samples" / name).read_text(encoding="utf-8"), name)
    _check_invariants(doc, 900)


def test_real_tvpl_pages_invariants(shared, doc_from_text):
    files = sorted((shared / "data" / "tvpl").glob("*.md"))[:40]
    assert files
    for f in files:
        doc = doc_from_text(Path(f).read_text(encoding="utf-8"), f.name)
        _check_invariants(doc, 900)


def test_digest_changes_with_text_and_fields(decision):
    base = chunks_digest(chunk(decision))
    assert base == chunks_digest(chunk(decision))
    assert base != chunks_digest(chunk(decision.model_copy(update={"issuer": "UBND tỉnh Hà Tĩnh"})))
