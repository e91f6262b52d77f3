"""BM25 with real underthesea segmentation: accent-less and abbreviated queries, persistence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import IndexError_
from search.analyzer import SHADOW, analyze, analyze_query
from search.chunking import chunk, chunks_digest
from search.lexical import LexicalIndex


def test_analyze_compounds_syllables_and_shadow():
    terms = analyze("Kinh tế số chiếm 20% GRDP")
    assert "kinh_tế" in terms and "kinh" in terms and "tế" in terms
    assert f"{SHADOW}kinh_te" in terms and "grdp" in terms
    assert all(t == t.lower() for t in terms)
    assert analyze("") == [] and analyze(" ;,. ") == []


def test_old_and_new_tone_placement_give_same_terms():
    assert analyze("Thanh Hoá") == analyze("Thanh Hóa")


@pytest.fixture
def index(tmp_path, decision, news):
    idx = LexicalIndex(tmp_path / "bm25")
    for doc in [decision, *news]:
        chunks = chunk(doc)
        idx.put(doc.id, chunks_digest(chunks), chunks)
    idx.save()
    return idx


def _top_source(idx: LexicalIndex, query: str) -> str:
    hits = idx.search(query, 5)
    assert hits, query
    return str(hits[0][0].meta["source"])


def test_accentless_query_matches(index, decision):
    hits = index.search("kinh te so chiem 20% GRDP", 5)
    assert hits[0][0].doc_id == decision.id and hits[0][0].meta["section"] == "Điều 2"
    assert _top_source(index, "du lich bien Ha Tinh") == "news_hatinh.html"


def test_accented_query_outranks_accentless_near_miss(index):
    exact = index.search("nông thôn mới", 1)[0][1]
    folded = index.search("nong thon moi", 1)[0][1]
    assert exact > folded > 0


def test_abbreviation_query(index):
    # the text says "HĐND tỉnh"; the query spells it without Đ and in lower case
    assert _top_source(index, "hdnd hai duong nong thon moi") == "news_haiduong.html"


def test_allowed_documents_filter_before_ranking(index, decision):
    others = {c.doc_id for c in index.chunks()} - {decision.id}
    hits = index.search("chuyển đổi số GRDP", 10, others)
    assert hits and all(c.doc_id != decision.id for c, _ in hits)
    assert index.search("chuyển đổi số", 10, set()) == []


def test_persist_reload_remove(index, tmp_path, decision):
    again = LexicalIndex(tmp_path / "bm25")
    assert again.digests() == index.digests()
    assert again.counts()[decision.id] == len(chunk(decision))
    assert again.remove([decision.id, "no-such-id"]) == 1
    again.save()
    assert decision.id not in LexicalIndex(tmp_path / "bm25").counts()
    assert not list((tmp_path / "bm25").glob("*.tmp"))  # atomic write leaves no temp file
    assert 1 <= len(list((tmp_path / "bm25").glob("chunks-*.json"))) <= 4  # one shard per doc at most


def test_empty_index_and_unknown_terms(tmp_path):
    idx = LexicalIndex(tmp_path / "empty")
    assert idx.search("bất kỳ", 10) == []
    assert idx.chunks() == []


def test_corrupt_store_is_a_clear_index_error(tmp_path):
    d = tmp_path / "bm25"
    d.mkdir()
    (d / "chunks-07.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexError_, match="unreadable"):
        LexicalIndex(d)
    (d / "chunks-07.json").write_text(json.dumps({"format": 999, "docs": {}}), encoding="utf-8")
    with pytest.raises(IndexError_, match="unknown format"):
        LexicalIndex(d)


def test_query_segmented_against_index_vocabulary():
    vocab = set(analyze("Phấn đấu kinh tế số chiếm 20% tổng sản phẩm"))
    terms = analyze_query("kinh te so", vocab)
    assert f"{SHADOW}kinh_te" in terms and "kinh_te" not in terms  # accent-less: only the shadow field
    assert "kinh_tế" in analyze_query("Kinh tế số", vocab)
    assert analyze_query("", vocab) == []
    # what the index lacks stays single syllables
    assert analyze_query("xe đạp", vocab) == ["xe", "đạp", f"{SHADOW}xe", f"{SHADOW}dap"]


def test_search_process_does_not_import_underthesea(index, tmp_path):
    """A one-shot `vanban search` must not pay underthesea's multi-second import."""
    code = (
        "import sys; from pathlib import Path; from search.lexical import LexicalIndex; "
        f"hits = LexicalIndex(Path({str(tmp_path / 'bm25')!r})).search('kinh te so GRDP', 3); "
        "assert hits, 'no hits'; assert 'underthesea' not in sys.modules, 'underthesea imported'"
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_a_save_adds_one_segment_and_leaves_the_others_untouched(index, tmp_path, decision):
    """No rebuild: indexing a document writes a segment for it; earlier segment files stay."""
    bm25_dir = tmp_path / "bm25"
    before = {p.name: p.stat().st_mtime_ns for p in bm25_dir.glob("seg-*.npz")}
    first = [(c.id, round(s, 4)) for c, s in index.search("chuyển đổi số GRDP", 5)]
    again = LexicalIndex(bm25_dir)  # a fresh process loads the segments as they are
    assert [(c.id, round(s, 4)) for c, s in again.search("chuyển đổi số GRDP", 5)] == first
    doc = decision.model_copy(update={"id": "copy-of-decision", "source": "copy.txt"})
    chunks = chunk(doc)
    again.put(doc.id, chunks_digest(chunks), chunks)
    again.save()
    after = {p.name: p.stat().st_mtime_ns for p in bm25_dir.glob("seg-*.npz")}
    assert {k: after[k] for k in before} == before and len(after) == len(before) + 1
    assert {c.doc_id for c, _ in again.search("chuyển đổi số GRDP", 5)} >= {decision.id, doc.id}
    again.remove([decision.id])
    again.save()
    assert all(c.doc_id != decision.id for c, _ in again.search("chuyển đổi số GRDP", 5))
    again.clear()
    assert not list(bm25_dir.glob("seg-*")) and not (bm25_dir / "manifest.json").exists()
