"""ALQAC 2023 retrieval benchmark: BM25 alone, dense alone and hybrid, in one run.

Each corpus is indexed article by article (one passage per article, the law name and article
number in front, truncated to the model's 512 tokens). Questions with their relevant articles
give recall@1/5/10 and MRR@10. The fusion constant is tuned on the *train* questions only and
then applied to the test questions.

Embedding ~3k unique articles takes ~20 min on two cores, so passage vectors are cached in
``bench/out/`` by text hash and the run resumes where it stopped.

    .venv/bin/python bench/bench_alqac.py                 # both corpora, all three modes
    .venv/bin/python bench/bench_alqac.py --embed-only    # fill the cache (run in background)
    .venv/bin/python bench/bench_alqac.py --json out.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.settings import Settings  # noqa: E402
from search.embedder import Embedder, get_embedder  # noqa: E402
from search.engine import MIN_DEPTH as DEPTH  # noqa: E402  (candidates per ranking, as the engine)
from search.hybrid import DENSE_WEIGHT, FUSION, RRF_K  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "alqac2023"
OUT = ROOT / "bench" / "out"
KS = (1, 5, 10)
RRF_K_GRID = (1, 5, 10, 20, 30, 60, 100)
ALPHA_GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)  # dense share of the fused score
Params = tuple[str, float, float]  # fusion method, RRF k, dense share


@dataclass
class Split:
    """One benchmark: its passages and labelled questions."""

    name: str
    keys: list[tuple[str, str]]  # (law_id, article_id) per passage
    texts: list[str]
    train: list[tuple[str, set[tuple[str, str]]]]
    test: list[tuple[str, set[tuple[str, str]]]]


Key = tuple[str, str]  # (law_id, article_id)


def _passages(laws: list[dict], names: dict[str, str] | None = None) -> tuple[list[Key], list[str]]:
    """One passage per article: law name, article number, text. ``names`` maps a law id to the
    display name used in the text (v2 spells v1's laws with their year: same law, same text,
    so the same passage and one cached vector)."""
    keys, texts = [], []
    for law in laws:
        name = (names or {}).get(law["id"], law["id"])
        for art in law["articles"]:
            keys.append((law["id"], str(art["id"])))
            texts.append(f"{name} - Điều {art['id']}. {art['text']}")
    return keys, texts


def _same_law_names(v1: list[dict], v2: list[dict]) -> dict[str, str]:
    """v2 law id → v1 law id for the laws both releases hold (``Luật Cư trú 2020`` → ``Luật Cư trú``)."""
    by_key = {law["id"].casefold(): law["id"] for law in v1}
    out = {}
    for law in v2:
        key = re.sub(r"\s+\d{4}$", "", law["id"]).casefold()
        if key in by_key:
            out[law["id"]] = by_key[key]
    return out


def _questions(items: list[dict], text_field: str, rel_field: str) -> list[tuple[str, set]]:
    return [
        (q[text_field], {(r["law_id"], str(r["article_id"])) for r in q[rel_field]})
        for q in items
        if q.get(rel_field)
    ]


def _answerable(split: Split) -> int:
    """Drop questions whose articles the corpus lacks (v1's private test asks 8 about the
    Constitution, which only v2 holds); returns how many were dropped."""
    keys = set(split.keys)
    before = len(split.train) + len(split.test)
    split.train = [q for q in split.train if q[1] & keys]
    split.test = [q for q in split.test if q[1] & keys]
    return before - len(split.train) - len(split.test)


def load_splits() -> list[Split]:
    def read(path: str) -> list[dict]:
        return json.loads((DATA / path).read_text(encoding="utf-8"))

    v1, v2 = read("v1/law.json"), read("v2/legal_passages.json")
    # release: (laws, law names, train file, test file, question field, relevant-articles field)
    releases = {
        "v1": (v1, None, "train.json", "private_test.json", "text", "relevant_articles"),
        "v2": (v2, _same_law_names(v1, v2), "train.json", "test.json", "statement", "legal_passages"),
    }
    splits = []
    for name, (laws, names, train, test, text_field, rel_field) in releases.items():
        keys, texts = _passages(laws, names)
        splits.append(Split(
            f"alqac2023-{name}", keys, texts,
            _questions(read(f"{name}/{train}"), text_field, rel_field),
            _questions(read(f"{name}/{test}"), text_field, rel_field),
        ))
    return splits


class VectorCache:
    """Passage vectors by sha1 of the exact text embedded; saved after every batch."""

    def __init__(self, embedder: Embedder) -> None:
        slug = embedder.name.replace("/", "_")
        self.path = OUT / f"alqac_{slug}.npz"
        self.vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            data = np.load(self.path)
            self.vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def save(self) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self.vectors), dtype="U40")
        vectors = np.stack(list(self.vectors.values())) if self.vectors else np.zeros((0, 0))
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors)
        tmp.replace(self.path)

    def fill(self, embedder: Embedder, texts: list[str], batch: int = 16) -> None:
        todo = sorted({t for t in texts if self.key(t) not in self.vectors})
        started = time.perf_counter()
        for i in range(0, len(todo), batch):
            part = todo[i : i + batch]
            for text, vec in zip(part, embedder.embed_passages(part), strict=True):
                self.vectors[self.key(text)] = vec
            self.save()
            done = i + len(part)
            rate = done / (time.perf_counter() - started)
            print(f"  embedded {done}/{len(todo)} ({rate:.2f} passages/s)", file=sys.stderr, flush=True)

    def matrix(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.vectors[self.key(t)] for t in texts])


def truncated(embedder: Embedder, texts: list[str]) -> list[str]:
    return [embedder.truncate(t) for t in texts]


def metrics(ranked: list[list[int]], relevant: list[set[int]]) -> dict[str, float]:
    """recall@k: share of relevant articles in the top k, averaged over questions; MRR@10."""
    out: dict[str, float] = {}
    for k in KS:
        out[f"recall@{k}"] = float(
            np.mean([len(set(r[:k]) & rel) / len(rel) for r, rel in zip(ranked, relevant, strict=True)])
        )
    rr = []
    for r, rel in zip(ranked, relevant, strict=True):
        rank = next((i for i, idx in enumerate(r[:10]) if idx in rel), None)
        rr.append(0.0 if rank is None else 1.0 / (rank + 1))
    out["mrr@10"] = float(np.mean(rr))
    return {k: round(v, 4) for k, v in out.items()}


def _relevant_rows(split: Split, rel: set[tuple[str, str]]) -> set[int]:
    row = {key: i for i, key in enumerate(split.keys)}
    return {row[r] for r in rel if r in row}


Rankings = dict[str, list]  # "bm25"/"dense": per question (row id, score) best first; "texts"


def rank_split(split: Split, embedder: Embedder, vectors: np.ndarray) -> dict[str, Rankings]:
    """Top-``DEPTH`` passage rows per question, BM25 and dense, for train and test."""
    import tempfile

    from search.chunking import Chunk
    from search.lexical import LexicalIndex

    started = time.perf_counter()
    lexical = LexicalIndex(Path(tempfile.mkdtemp(prefix="alqac-bm25-")))
    for i, text in enumerate(split.texts):
        lexical.put(str(i), "", [Chunk(id=f"{i}:0", doc_id=str(i), n=0, text=text, start=0, end=len(text))])
    lexical.save()  # commits the postings: searchable from here
    print(f"{split.name}: BM25 built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    out: dict[str, Rankings] = {}
    for part, questions in (("train", split.train), ("test", split.test)):
        texts = [q for q, _ in questions]
        bm25 = [[(c.doc_id, s) for c, s in lexical.search(q, DEPTH)] for q in texts]
        sims = embedder.embed_queries(texts) @ vectors.T
        dense = [[(str(i), float(row[i])) for i in np.argsort(-row)[:DEPTH]] for row in sims]
        out[part] = {"bm25": bm25, "dense": dense, "texts": texts}
    return out


def rows(ranked: list[list[tuple[str, float]]]) -> list[list[int]]:
    return [[int(i) for i, _ in r] for r in ranked]


def fuse(ranked: Rankings, params: Params) -> list[list[int]]:
    """The engine's own fusion (``search.hybrid.fuse``) with the given method and parameters."""
    from search.hybrid import fuse as hybrid_fuse

    method, k, alpha = params
    return [
        [int(i) for i, _ in hybrid_fuse(b, d, q, method=method, k=k, alpha=alpha)]
        for b, d, q in zip(ranked["bm25"], ranked["dense"], ranked["texts"], strict=True)
    ]


def tune(train: list[tuple[Rankings, Split]]) -> Params:
    """Fusion method and parameters with the best mean of recall@10 and MRR@10 on train."""
    grid: list[Params] = [("rrf", float(k), a) for k in RRF_K_GRID for a in ALPHA_GRID]
    grid += [("minmax", 0.0, a) for a in ALPHA_GRID]
    best, best_score = grid[0], -1.0
    for params in grid:
        ranked: list[list[int]] = []
        relevant: list[set[int]] = []
        for rankings, split in train:
            ranked += fuse(rankings, params)
            relevant += [_relevant_rows(split, rel) for _, rel in split.train]
        m = metrics(ranked, relevant)
        score = (m["recall@10"] + m["mrr@10"]) / 2
        if score > best_score + 1e-9:
            best, best_score = params, score
    return best


def print_table(report: dict) -> None:
    print(f"embedder {report['embedder']}; tuned on train: {report['fusion']} k={report['rrf_k']:g} "
          f"dense share {report['dense_share']:g}; engine default {report['engine_default']}")
    for name, split in report["splits"].items():
        print(f"\n{name}: {split['passages']} passages, {split['test_questions']} test questions")
        print(f"{'mode':<16}" + "".join(f"{m:>11}" for m in ("recall@1", "recall@5", "recall@10", "mrr@10")))
        for mode, m in split.items():
            if isinstance(m, dict):
                print(f"{mode:<16}" + "".join(f"{m[k]:>11.3f}" for k in ("recall@1", "recall@5", "recall@10",
                                                                            "mrr@10")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embed-only", action="store_true", help="only fill the embedding cache")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--only", choices=["v1", "v2"], help="one release only")
    args = parser.parse_args()

    settings = Settings()
    embedder = get_embedder(settings)
    splits = [s for s in load_splits() if not args.only or s.name.endswith(args.only)]
    cache = VectorCache(embedder)
    for split in splits:
        print(f"{split.name}: {len(split.texts)} passages", file=sys.stderr)
        cache.fill(embedder, truncated(embedder, split.texts))
    if args.embed_only:
        return

    rankings = {}
    dropped = {split.name: _answerable(split) for split in splits}
    for split in splits:
        vectors = cache.matrix(truncated(embedder, split.texts))
        rankings[split.name] = rank_split(split, embedder, vectors)
    tuned = tune([(rankings[s.name]["train"], s) for s in splits])
    default: Params = (FUSION, RRF_K, DENSE_WEIGHT)
    report: dict = {"embedder": embedder.name, "fusion": tuned[0], "rrf_k": tuned[1], "dense_share": tuned[2],
                    "engine_default": list(default), "tuned_on": "train questions", "splits": {}}
    for split in splits:
        test = rankings[split.name]["test"]
        relevant = [_relevant_rows(split, rel) for _, rel in split.test]
        report["splits"][split.name] = {
            "passages": len(split.texts),
            "test_questions": len(split.test),
            "unanswerable_dropped": dropped[split.name],
            "bm25": metrics(rows(test["bm25"]), relevant),
            "dense": metrics(rows(test["dense"]), relevant),
            "hybrid_tuned": metrics(fuse(test, tuned), relevant),
            "hybrid_engine": metrics(fuse(test, default), relevant),
        }
    print_table(report)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "alqac.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
