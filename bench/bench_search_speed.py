"""Search speed: analysis rate, incremental BM25 vs a full rebuild, query latency, embedding rates.

Grows a BM25 store to ``--chunks`` passages by repeating the real tvpl pages (each copy gets
its own document id), so rebuild and query times are measured at a realistic term
distribution; dense/hybrid latencies are measured on a small real index (embedding 100k
passages here would take hours on two cores, and Chroma's HNSW query cost is logarithmic).

    .venv/bin/python bench/bench_search_speed.py [--chunks 100000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.record import Document, document_id  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.textnorm import clean  # noqa: E402
from search.chunking import chunk, chunks_digest  # noqa: E402
from search.lexical import LexicalIndex  # noqa: E402

TVPL = ROOT / ".." / "shared" / "data" / "tvpl"
QUERIES = [
    "kinh tế số chiếm 20% GRDP",
    "kinh te so chiem GRDP",
    "thủ tục hành chính trực tuyến toàn trình",
    "UBND tỉnh phê duyệt quy hoạch sử dụng đất",
    "1085/QĐ-UBND",
    "hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số",
]


def real_docs(limit: int) -> list[Document]:
    from ingest.structure import split

    docs = []
    for path in sorted(TVPL.glob("*.md"))[:limit]:
        text = clean(path.read_text(encoding="utf-8"))
        docs.append(Document(id=document_id(text), source=path.name, text=text, sections=split(text)))
    return docs


def timed(fn, repeat: int = 1) -> float:
    """Median wall time of ``fn()`` in milliseconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def _full_rebuild_ms(idx: LexicalIndex) -> float:
    """The baseline: what adding one document cost before incremental BM25 (bm25s rebuilt the
    whole score matrix from the stored terms on the first search after a change)."""
    import bm25s

    docs = idx.entries(sorted(idx.counts()))
    corpus = [c["terms"].split() for d in docs.values() for c in d["chunks"]]
    start = time.perf_counter()
    bm25s.BM25().index(corpus, show_progress=False)
    return (time.perf_counter() - start) * 1000


def bench_lexical(docs: list[Document], target: int) -> dict:
    """Analyze the real chunks once, then grow the store by copies up to ``target`` chunks; at
    each size time adding one more document (put + save, searchable at once) against a full
    bm25s rebuild of the same store, plus query latency and a cold open."""
    out: dict = {}
    base = [(d, chunk(d)) for d in docs]
    n_base = sum(len(c) for _, c in base)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        idx = LexicalIndex(Path(tmp))
        for d, cs in base:
            idx.put(d.id, chunks_digest(cs), cs)
        secs = time.perf_counter() - start
        out["analysis_chunks_per_s"] = round(n_base / secs, 1)
        idx.save()
        template = idx.entries([d.id for d, _ in base])  # reuse the analyzed terms
        copy = 0
        sizes = sorted({s for s in (10_000, 50_000, target) if s <= target})
        for size in sizes:
            while sum(idx.counts().values()) < size:
                copy += 1
                for doc_id, entry in template.items():
                    new_id = f"{doc_id}-{copy}"
                    idx.put_entries(new_id, entry["digest"], [
                        {**c, "id": f"{new_id}:{i}"} for i, c in enumerate(entry["chunks"])
                    ])
                idx.save()
            n = sum(idx.counts().values())
            one = template[base[0][0].id]
            add_ms = []
            for r in range(5):
                idx.put_entries(f"one-more-{r}", one["digest"], [
                    {**c, "id": f"one-more-{r}:{i}"} for i, c in enumerate(one["chunks"])])
                add_ms.append(timed(lambda: (idx.save(), idx.search(QUERIES[0], 50))))
            add = statistics.median(add_ms)
            rebuild = _full_rebuild_ms(idx)
            q_ms = [timed(lambda q=q: idx.search(q, 50), repeat=3) for q in QUERIES]
            q_med = statistics.median(q_ms)
            cold = timed(lambda: LexicalIndex(Path(tmp)).search(QUERIES[0], 50))  # a new process
            segments = len(list(Path(tmp).glob("seg-*.npz")))
            out[f"bm25@{n}"] = {"add_one_doc_and_search_ms": round(add, 1),
                                "bm25s_full_rebuild_ms (old cost)": round(rebuild),
                                "speedup": round(rebuild / add, 1), "segments": segments,
                                "cold_open_ms": round(cold), "query_ms_median": round(q_med, 1)}
            print(f"BM25 {n} chunks: add one doc + search {add:.0f} ms vs full rebuild {rebuild:.0f} ms "
                  f"({rebuild / add:.0f}x), {segments} segments, cold open {cold:.0f} ms, "
                  f"query median {q_med:.1f} ms", file=sys.stderr)
    return out


def bench_engine(docs: list[Document]) -> dict:
    from search.embedder import get_embedder
    from search.engine import SearchEngine

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        emb = get_embedder(settings)
        passages = [c.index_text for c in chunk(docs[0])][:8]
        embed_ms = timed(lambda: emb.embed_passages(passages))
        out["embed_passages_per_s"] = round(len(passages) / (embed_ms / 1000), 2)
        out["embed_query_ms"] = round(timed(lambda: emb.embed_queries([QUERIES[0]]), repeat=5), 1)
        engine = SearchEngine(settings)
        start = time.perf_counter()
        engine.index(docs)
        n = sum(engine.indexed_ids().values())
        secs = round(time.perf_counter() - start, 1)
        out["index_small"] = {"docs": len(docs), "chunks": n, "seconds": secs}
        for mode in ("bm25", "dense", "hybrid"):
            ms = [timed(lambda q=q, m=mode: engine.search(q, mode=m), repeat=3) for q in QUERIES]
            out[f"{mode}_query_ms_median@{n}"] = round(statistics.median(ms), 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--engine-docs", type=int, default=3, help="real documents embedded for dense timing")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    docs = real_docs(282)
    report = {"lexical": bench_lexical(docs, args.chunks), "engine": bench_engine(docs[: args.engine_docs])}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
