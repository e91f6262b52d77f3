"""In-process search latency at 100k chunks: hybrid, dense, BM25 and a brute-force numpy
dot-product baseline over the same vectors, in one run, plus peak memory.

Uses the 100k-chunk data dir that ``bench/bench_http.py --corpus large`` builds (copied tvpl
pages, seeded vectors) so the two benchmarks measure the same index.

    python bench/bench_search_100k.py [--data bench/out/http_large_100000] [--queries 40]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from core.settings import Settings  # noqa: E402
from search import engine as engine_module  # noqa: E402
from search.engine import SearchEngine  # noqa: E402

QUERIES = [
    "hỗ trợ chi phí thuê nền tảng số cho doanh nghiệp", "kinh te so chiem 30% GRDP",
    "tỷ lệ hồ sơ giải quyết trực tuyến", "Sở TT&TT chủ trì", "quy hoạch sử dụng đất",
    "bồi thường giải phóng mặt bằng", "phòng chống thiên tai", "học phí năm học 2025",
    "thành lập ban chỉ đạo", "danh mục dự án đầu tư công",
]


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT / "bench" / "out" / "http_large_100000")
    ap.add_argument("--queries", type=int, default=40)
    args = ap.parse_args()
    if not (args.data / "complete").exists():
        raise SystemExit(f"{args.data} is not built: run bench/bench_http.py --corpus large first")
    engine = SearchEngine(Settings(data_dir=args.data))
    queries = [QUERIES[i % len(QUERIES)] + ("" if i < len(QUERIES) else f" {i}")
               for i in range(args.queries)]
    t = time.perf_counter()
    engine.search("khởi động", top_k=10)  # opens BM25, Chroma, the model
    print(f"open + first search: {time.perf_counter() - t:.1f} s; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    rss_engine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    got = engine.vectors._col.get(include=["embeddings"])  # the same vectors, for the baseline
    matrix = np.asarray(got["embeddings"], dtype=np.float32)
    del got
    print(f"chunks: {len(matrix)}")
    rows: dict[str, list[float]] = {"hybrid": [], "dense": [], "bm25": [], "numpy brute force": [],
                                    "hybrid, repeated query": []}
    for q in queries:  # modes interleaved per query, so load changes hit them alike
        for mode in ("bm25", "dense", "hybrid"):
            engine_module._query_vector.cache_clear()  # dense and hybrid embed the query themselves
            t = time.perf_counter()
            engine.search(q, top_k=10, mode=mode)
            rows[mode].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()  # the query vector is cached now (paging, a changed filter)
        engine.search(q, top_k=10, mode="hybrid")
        rows["hybrid, repeated query"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        vec = engine.embedder.embed_queries([q])[0]
        scores = matrix @ vec
        np.argpartition(-scores, 10)[:10]
        rows["numpy brute force"].append((time.perf_counter() - t) * 1000)
    base = statistics.median(rows["numpy brute force"])
    print(f"{'mode':20s} {'p50 ms':>8s} {'p95 ms':>8s} {'p50 vs numpy':>13s}")
    for mode, ts in rows.items():
        print(f"{mode:20s} {pct(ts, 50):8.1f} {pct(ts, 95):8.1f} {statistics.median(ts) / base:12.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the engine: {rss_engine:.0f} MB; with the baseline's copy of the vectors "
          f"(read through Chroma's Python lists): {peak:.0f} MB")


if __name__ == "__main__":
    main()
