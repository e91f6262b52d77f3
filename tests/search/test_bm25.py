"""Incremental BM25: scores equal a full rebuild (bm25s as the oracle) after adds, deletes,
replacements and merges; other processes' commits are seen; a crash mid-commit is repaired."""

from __future__ import annotations

import json
import mmap
import random
import subprocess
import sys
from pathlib import Path

import bm25s
import numpy as np
import pytest

from search import bm25
from search.lexical import LexicalIndex

WORDS = ["quyết_định", "ủy_ban", "nhân_dân", "tỉnh", "chuyển_đổi", "số", "kinh_tế", "grdp", "đạt",
         "tối_thiểu", "năm", "2025", "hồ_sơ", "trực_tuyến", "sở", "giao_thông", "đất", "đai",
         "thiên_tai", "học_phí"]


def _corpus(n: int, seed: int = 0) -> dict[str, list[list[str]]]:
    """``n`` documents of 1-4 chunks with Zipf-like word use (common and rare terms)."""
    rng = random.Random(seed)
    weights = [1 / (i + 1) for i in range(len(WORDS))]
    return {
        f"d{i}": [rng.choices(WORDS, weights, k=rng.randint(3, 40)) for _ in range(rng.randint(1, 4))]
        for i in range(n)
    }


def _rows(docs: dict[str, list[list[str]]]) -> list[bm25.DocRows]:
    return [bm25.DocRows(d, f"h-{d}", list(enumerate(chunks))) for d, chunks in docs.items()]


def _oracle(docs: dict[str, list[list[str]]], query: list[str]) -> dict[str, float]:
    """bm25s (Lucene variant, k1 1.5, b 0.75) over the same chunks, built from scratch."""
    ids = [f"{d}:{n}" for d, chunks in docs.items() for n in range(len(chunks))]
    model = bm25s.BM25()
    model.index([c for chunks in docs.values() for c in chunks], show_progress=False)
    known = [t for t in query if t in model.vocab_dict]
    scores = model.get_scores(known) if known else np.zeros(len(ids))
    return {cid: float(s) for cid, s in zip(ids, scores, strict=True) if s > 0}


def _ours(views: list[bm25.View], query: list[str]) -> dict[str, float]:
    return {v.segment.chunk_id(r): s for v, r, s in bm25.search(views, query, 10_000)}


def _assert_same(got: dict[str, float], want: dict[str, float]) -> None:
    assert got.keys() == want.keys()
    for cid, score in want.items():
        assert got[cid] == pytest.approx(score, rel=1e-4), cid


QUERIES = [["chuyển_đổi", "số"], ["grdp", "grdp", "đạt"], ["thiên_tai"], ["không_có"],
           ["học_phí", "năm", "2025"]]


def test_one_segment_scores_equal_bm25s():
    docs = _corpus(60)
    views = [bm25.View(bm25.build("s", _rows(docs)), frozenset())]
    for q in QUERIES:
        _assert_same(_ours(views, q), _oracle(docs, q))


def test_adds_deletes_and_replacements_score_as_a_full_rebuild():
    docs = _corpus(90, seed=1)
    parts = [dict(list(docs.items())[i : i + 30]) for i in (0, 30, 60)]
    segs = [bm25.build(f"s{i}", _rows(p)) for i, p in enumerate(parts)]
    replaced = _corpus(1, seed=9)["d0"]
    final = {**docs, "d5": replaced}
    del final["d40"], final["d41"]
    deleted = [frozenset({"d5"}), frozenset({"d40", "d41"}), frozenset()]
    views = [bm25.View(s, d) for s, d in zip(segs, deleted, strict=True)]
    views.append(bm25.View(bm25.build("s3", _rows({"d5": replaced})), frozenset()))
    assert sum(v.live_rows for v in views) == sum(len(c) for c in final.values())
    for q in QUERIES:
        _assert_same(_ours(views, q), _oracle(final, q))
    merged = bm25.View(bm25.merge("m", views), frozenset())
    assert merged.segment.n_rows == sum(v.live_rows for v in views)
    for q in QUERIES:
        _assert_same(_ours([merged], q), _oracle(final, q))


def test_allowed_documents_and_empty_views():
    docs = _corpus(20, seed=2)
    views = [bm25.View(bm25.build("s", _rows(docs)), frozenset())]
    hits = bm25.search(views, ["số", "grdp"], 50, allowed={"d1", "d2"})
    assert hits and {v.segment.chunk_id(r).split(":")[0] for v, r, _ in hits} <= {"d1", "d2"}
    assert bm25.search(views, ["số"], 50, allowed=set()) == []
    # a new set object with other documents gets its own mask, not the one kept for the last set
    other = bm25.search(views, ["số", "grdp"], 50, allowed={"d3"})
    assert other and {v.segment.chunk_id(r).split(":")[0] for v, r, _ in other} == {"d3"}
    assert bm25.search([], ["số"], 5) == []
    assert bm25.search([bm25.View(views[0].segment, frozenset(docs))], ["số"], 5) == []


def test_merge_plan_keeps_segments_few_and_compacts_deleted():
    small = [bm25.View(bm25.build(f"s{i}", _rows(_corpus(3, seed=i))), frozenset()) for i in range(9)]
    chosen = bm25.plan_merge(small)
    assert len(small) - len(chosen) + 1 <= bm25.MAX_SEGMENTS // 2 + 1
    assert bm25.plan_merge(small[:3]) == []
    three = bm25.build("t", _rows({"a": [["số"]], "b": [["số"]], "c": [["số"]]}))
    mostly_gone = bm25.View(three, frozenset({"a", "b"}))  # 1 live row of 3
    assert bm25.plan_merge([mostly_gone, small[1]]) == [mostly_gone]
    assert bm25.plan_merge([bm25.View(three, frozenset({"a"})), small[1]]) == []  # 2 of 3 live


def test_segment_round_trips_through_its_file(tmp_path: Path):
    seg = bm25.build("s", _rows(_corpus(10, seed=3)))
    with (tmp_path / "s.npz").open("wb") as fh:
        seg.save(fh)
    again = bm25.Segment.load(tmp_path / "s.npz", "s")
    assert again.terms == seg.terms and again.doc_ids == seg.doc_ids
    assert np.array_equal(again.rows, seg.rows) and np.array_equal(again.tf, seg.tf)


# --- the store around the segments ----------------------------------------------------------


def _entries(doc_id: str, chunks: list[list[str]]) -> list[dict]:
    return [{"id": f"{doc_id}:{n}", "text": " ".join(t), "meta": {"source": doc_id}, "terms": " ".join(t)}
            for n, t in enumerate(chunks)]


def _fill(index: LexicalIndex, docs: dict[str, list[list[str]]]) -> None:
    for doc_id, chunks in docs.items():
        index.put_entries(doc_id, f"digest-{doc_id}", _entries(doc_id, chunks))


def _scores(index: LexicalIndex, query: list[str]) -> dict[str, float]:
    return {c.id: s for c, s in index.search(" ".join(query).replace("_", " "), 10_000)}


def test_many_small_saves_merge_and_match_one_big_save(tmp_path: Path):
    docs = _corpus(120, seed=4)
    step = LexicalIndex(tmp_path / "step")
    items = list(docs.items())
    for i in range(0, len(items), 7):  # 18 saves: merges must have happened
        _fill(step, dict(items[i : i + 7]))
        step.save()
    assert len(list((tmp_path / "step").glob("seg-*.npz"))) <= bm25.MAX_SEGMENTS
    whole = LexicalIndex(tmp_path / "whole")
    _fill(whole, docs)
    whole.save()
    for q in QUERIES:
        got, want = _scores(step, q), _scores(whole, q)
        assert got.keys() == want.keys()
        assert all(got[k] == pytest.approx(want[k], rel=1e-4) for k in want)


def test_a_commit_by_another_process_is_seen_without_reopening(tmp_path: Path):
    server = LexicalIndex(tmp_path / "bm25")
    _fill(server, {"a": [["thiên_tai", "bão"]]})
    server.save()
    assert [c.doc_id for c, _ in server.search("thiên tai", 5)] == ["a"]
    code = (
        "import sys; from pathlib import Path; from search.lexical import LexicalIndex; "
        f"i = LexicalIndex(Path({str(tmp_path / 'bm25')!r})); "
        "i.put_entries('b', 'db', [{'id': 'b:0', 'text': 'x', 'meta': {}, 'terms': 'thiên_tai lũ'}]); "
        "i.remove(['a']); i.save()"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)
    assert [c.doc_id for c, _ in server.search("thiên tai", 5)] == ["b"]
    assert set(server.counts()) == {"b"}


def test_two_writers_interleaved_lose_nothing(tmp_path: Path):
    one, two = LexicalIndex(tmp_path / "bm25"), LexicalIndex(tmp_path / "bm25")
    _fill(one, {"a": [["số"]]})
    _fill(two, {"b": [["số"]]})
    one.save()
    two.save()  # re-reads one's commit under the lock before writing its own
    _fill(one, {"c": [["số"]]})
    one.save()
    for index in (one, two, LexicalIndex(tmp_path / "bm25")):
        assert {c.doc_id for c, _ in index.search("số", 10)} == {"a", "b", "c"}


def test_shards_ahead_of_the_manifest_are_repaired_at_open(tmp_path: Path):
    """A crash after the shards were written but before the manifest (the commit point)."""
    d = tmp_path / "bm25"
    index = LexicalIndex(d)
    _fill(index, {"a": [["số", "grdp"]], "b": [["đất", "đai"]]})
    index.save()
    manifest = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    _fill(index, {"c": [["grdp"]]})
    index.remove(["b"])
    index.save()
    (d / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")  # the old commit
    (d / ".chunks-99-x.tmp").write_text("half", encoding="utf-8")  # a dead writer's temp file
    again = LexicalIndex(d)
    assert {c.doc_id for c, _ in again.search("grdp", 10)} == {"a", "c"}
    assert again.search("đất đai", 10) == []
    assert not list(d.glob(".*.tmp"))


def test_lost_segments_are_rebuilt_from_the_stored_terms(tmp_path: Path):
    d = tmp_path / "bm25"
    index = LexicalIndex(d)
    _fill(index, _corpus(30, seed=5))
    index.save()
    want = _scores(index, QUERIES[0])
    for p in [*d.glob("seg-*.npz"), d / "manifest.json"]:
        p.unlink()
    assert _scores(LexicalIndex(d), QUERIES[0]) == pytest.approx(want, rel=1e-4)


def test_an_unreadable_segment_is_rebuilt_from_the_stored_terms(tmp_path: Path, caplog):
    d = tmp_path / "bm25"
    index = LexicalIndex(d)
    _fill(index, _corpus(30, seed=6))
    index.save()
    want = _scores(index, QUERIES[0])
    next(d.glob("seg-*.npz")).write_bytes(b"PK\x03\x04 torn")
    with caplog.at_level("WARNING", logger="search.lexical"):
        again = LexicalIndex(d)
    assert "rebuilding from the stored terms" in caplog.text
    assert _scores(again, QUERIES[0]) == pytest.approx(want, rel=1e-4)
    (d / "manifest.json").write_text("{torn", encoding="utf-8")  # the manifest too
    assert _scores(LexicalIndex(d), QUERIES[0]) == pytest.approx(want, rel=1e-4)


ARRAYS = ("ptr", "rows", "tf", "dl", "row_doc", "row_n")


def _root(arr: np.ndarray) -> object:
    """The object that owns an array's memory (views chain to it through ``base``)."""
    while isinstance(arr, np.ndarray) and arr.base is not None:
        arr = arr.base
    return arr.obj if isinstance(arr, memoryview) else arr


def test_a_loaded_segment_maps_its_arrays_from_the_file(tmp_path: Path) -> None:
    """Postings are read-only views of the file's pages (shared by every process serving the
    store), 64-byte aligned; ``np.load`` still reads the file; scores are unchanged."""
    docs = _corpus(60, seed=3)
    seg = bm25.build("seg-a", _rows(docs))
    path = tmp_path / "seg-a.npz"
    with path.open("wb") as fh:
        seg.save(fh)
    loaded = bm25.Segment.load(path, "seg-a")
    with np.load(path) as z:
        for name in ARRAYS:
            arr = getattr(loaded, name)
            assert np.array_equal(arr, getattr(seg, name)) and np.array_equal(z[name], arr), name
            assert not arr.flags.writeable and arr.ctypes.data % 64 == 0, name
            assert isinstance(_root(arr), mmap.mmap), name
    assert (loaded.terms, loaded.doc_ids, loaded.terms_hashes) == (seg.terms, seg.doc_ids, seg.terms_hashes)
    query = ["số", "grdp", "thiên_tai"]
    assert _ours([bm25.View(loaded, frozenset())], query) == _ours([bm25.View(seg, frozenset())], query)


def test_a_segment_written_by_np_savez_still_loads(tmp_path: Path) -> None:
    """Segments written before the aligned layout: unaligned arrays are copied, not refused."""
    seg = bm25.build("seg-old", _rows(_corpus(20, seed=4)))
    path = tmp_path / "seg-old.npz"
    np.savez(path, **{name: getattr(seg, name) for name in ARRAYS}, terms=bm25._blob(seg.terms),
             doc_ids=bm25._blob(seg.doc_ids), terms_hashes=bm25._blob(seg.terms_hashes))
    loaded = bm25.Segment.load(path, "seg-old")
    for name in ARRAYS:
        assert np.array_equal(getattr(loaded, name), getattr(seg, name)), name
    assert loaded.terms == seg.terms
