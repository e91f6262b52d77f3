"""What a search process holds at 100k chunks, part by part: the private (USS) and
proportional (PSS) memory after each part of the engine is opened, in one process.

Parts, in the order a first hybrid search opens them: the BM25 side (JSON shards decoded into
Python objects: passages, metadata, analyzed terms; and the postings segments), the per-commit
BM25 weights, Chroma (its HNSW graph), the query model. USS is what a second process serving
the same store would have to hold again unless it shares it; RSS counts shared pages in every
process that maps them, so it is reported but not used.

    python bench/bench_memory.py [--data bench/out/http_large_100000] [--json out.json]

``rollup(pid)`` is also what ``bench/bench_http.py`` reports per server process.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rollup(pid: int | str = "self") -> dict[str, float]:
    """RSS, PSS and USS (private clean + private dirty) of a process, in MB (Linux
    ``/proc/PID/smaps_rollup``)."""
    kb: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value = line.split(":", 1)
        kb[key] = int(value.split()[0])
    return {"rss_mb": round(kb["Rss"] / 1024, 1), "pss_mb": round(kb["Pss"] / 1024, 1),
            "uss_mb": round((kb["Private_Clean"] + kb["Private_Dirty"]) / 1024, 1),
            "anon_mb": round(kb.get("Anonymous", 0) / 1024, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT / "bench" / "out" / "http_large_100000")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not (args.data / "complete").exists():
        raise SystemExit(f"{args.data} is not built: run bench/bench_http.py --corpus large first")

    steps: list[dict] = []

    def step(name: str) -> None:
        gc.collect()
        row = {"step": name, **rollup()}
        if steps:
            row["uss_delta_mb"] = round(row["uss_mb"] - steps[-1]["uss_mb"], 1)
        steps.append(row)
        print(json.dumps(row), file=sys.stderr)

    from core.settings import Settings
    from search.engine import SearchEngine

    step("python + imports")
    engine = SearchEngine(Settings(data_dir=args.data))
    lexical = engine.lexical
    step("BM25: JSON shards (passages, metadata, terms) + segments opened")
    docs = lexical.first_chunks()
    step(f"BM25: first chunks of {len(docs)} documents")
    lexical.search(next(iter(docs.values())).text, 10)
    step("BM25: per-commit weights (first search)")
    segs = [v.segment for v in lexical._views]
    postings = sum(len(s.rows) for s in segs)
    mapped = sum(a.nbytes for s in segs for a in (s.ptr, s.rows, s.tf, s.dl, s.row_doc, s.row_n))
    print(json.dumps({"segments": len(segs), "rows": sum(s.n_rows for s in segs), "postings": postings,
                      "mapped_array_mb": round(mapped / 2**20, 1),
                      "weights_mb": round(postings * 4 / 2**20, 1),
                      "vocab_terms": sum(len(s.terms) for s in segs)}), file=sys.stderr)
    engine.vectors.state()
    step("Chroma opened (metadata read)")
    engine.search("khởi động", mode="dense", top_k=10)
    step("Chroma HNSW loaded + query model loaded + one dense search")
    engine.search("hỗ trợ doanh nghiệp chuyển đổi số", top_k=10)
    step("one hybrid search")
    report = {"data": str(args.data), "steps": steps}
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
