"""Search quality on the demo corpus: recall@5 (and recall@1, MRR@5) of labelled queries
(``corpus/gold/queries.jsonl``).

Each line of the query file is ``{"query", "expected": [source file names], "filters": {…},
"mode": "hybrid", "tags": [...]}``; ``expected`` lists the documents a user would accept (one
hit among them counts). Queries cover paraphrases, accent-less typing, abbreviations, document
numbers and filters, so a regression in any of them moves the figure.

The corpus goes through the real pipeline (``ingest.reader.read`` → ``extract.pipeline.run``)
into a temporary data folder, then the real ``SearchEngine`` indexes it (embedding ~150 passages
takes about a minute on two cores; ``--data-dir`` keeps the index between runs).

    python -m eval.search_quality [--json out.json] [--verbose] [--mode hybrid|dense|bm25]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.errors import VanbanError  # noqa: E402
from core.filters import Filters  # noqa: E402
from core.record import Document  # noqa: E402
from core.settings import Settings  # noqa: E402

DOCS = ROOT / "corpus" / "docs"
QUERIES = ROOT / "corpus" / "gold" / "queries.jsonl"
K = 5


def load_corpus(settings: Settings) -> list[Document]:
    from extract import pipeline
    from ingest import reader

    docs = []
    for path in sorted(DOCS.iterdir()):
        if not path.is_file():
            continue
        try:
            docs.append(pipeline.run(reader.read(path, settings, source=path.name)))
        except VanbanError as err:  # reported, and its queries then count as misses
            print(f"[search_quality] {path.name}: {err}", file=sys.stderr)
    return docs


def load_queries(path: Path = QUERIES) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(engine, queries: list[dict], mode: str | None, verbose: bool) -> dict:
    """recall@K overall and per tag: share of queries with an expected source in the top K."""
    hits: dict[str, list[int]] = defaultdict(list)
    firsts: list[int] = []  # top result is an expected document
    reciprocal: list[float] = []
    took = []
    for q in queries:
        filters = q.get("filters", {})
        resp = engine.search(q["query"], Filters(**filters), top_k=K, mode=mode or q.get("mode", "hybrid"))
        took.append(resp.took_ms)
        got = [r.source for r in resp.results]
        ok = int(bool(set(got) & set(q["expected"])))
        rank = next((i for i, s in enumerate(got) if s in q["expected"]), None)
        firsts.append(int(rank == 0))
        reciprocal.append(0.0 if rank is None else 1.0 / (rank + 1))
        for tag in ["all", *q.get("tags", [])]:
            hits[tag].append(ok)
        if verbose or not ok:
            mark = "ok  " if ok else "MISS"
            print(f"{mark} {q['query']!r} expected {q['expected']} got {got}", file=sys.stderr)
    n = max(len(queries), 1)
    out = {f"recall@{K}": round(sum(hits["all"]) / n, 4), "recall@1": round(sum(firsts) / n, 4),
           f"mrr@{K}": round(sum(reciprocal) / n, 4), "queries": len(queries)}
    out["by_tag"] = {t: round(sum(v) / len(v), 4) for t, v in sorted(hits.items()) if t != "all"}
    out["median_took_ms"] = round(sorted(took)[len(took) // 2], 1) if took else 0.0
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write {'search': {...}} here")
    parser.add_argument("--data-dir", type=Path, help="index folder to keep between runs (default: temp)")
    parser.add_argument("--mode", choices=["hybrid", "dense", "bm25"], help="override every query's mode")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()

    from search.engine import SearchEngine

    with tempfile.TemporaryDirectory(prefix="vanban-search-eval-") as tmp:
        settings = Settings(data_dir=args.data_dir or Path(tmp))
        started = time.perf_counter()
        docs = load_corpus(settings)
        engine = SearchEngine(settings)
        engine.index(docs)
        print(f"[search_quality] {len(docs)} documents read and indexed in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
        result = evaluate(engine, load_queries(), args.mode, args.verbose)
    print(f"search recall@{K}: {result[f'recall@{K}']:.3f}, recall@1 {result['recall@1']:.3f}, "
          f"MRR@{K} {result[f'mrr@{K}']:.3f} over {result['queries']} queries")
    for tag, value in result["by_tag"].items():
        print(f"  {tag:<14} {value:.3f}")
    if args.json:
        args.json.write_text(json.dumps({"search": result}, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
