"""Tantivy vs our BM25 (search/bm25.py) on the same analyzed terms, same run (issue #15 part 3).

Both engines get exactly our analyzer's output: the stored, accent-folded terms of each chunk
(whitespace-joined, Tantivy field with its ``whitespace`` tokenizer, no further analysis) and,
per query, the terms ``analyze_query`` makes against our vocabulary (one SHOULD term query per
term, duplicates kept, as our scorer counts them). So only the index and the scoring differ.

The store grows to ``--chunks`` passages by copies of the real tvpl pages (as
``bench_search_speed.py``), committed once per copy round in both (so both have segments).
Measured: build time; fresh queries (word windows drawn from random passages, half typed
without accents, each run once: no cache helps) — top-10 overlap and score differences, once
with our k1 = 1.5 and once with k1 = 1.2 (Tantivy's fixed constant; Tantivy also multiplies by
k1 + 1), before and after updating 2% of the documents (deleted postings still count in
Tantivy's statistics until a merge drops them); latency p50/p95 (top 50, as the engine asks,
chunk ids read back); adding one document + the next search; peak RSS of a fresh process that
opens each index and searches; and what a second writer process gets.

    .venv/bin/python bench/bench_lexical_tantivy.py [--chunks 100000] [--queries 300] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import tantivy  # noqa: E402

from bench.bench_search_speed import real_docs  # noqa: E402
from core.textnorm import fold  # noqa: E402
from search import bm25  # noqa: E402
from search.analyzer import analyze_query  # noqa: E402
from search.chunking import chunk, chunks_digest  # noqa: E402
from search.lexical import LexicalIndex  # noqa: E402

TANTIVY_K1 = 1.2  # tantivy/src/query/bm25.rs, not configurable
_WORD = re.compile(r"\w+")
_COPY = re.compile(r"-\d+$")  # the suffix copy_entry's callers give a copied document id


def schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("chunk_id", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("doc_id", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("terms", tokenizer_name="whitespace", index_option="freq")
    # the passage and its metadata, as our shards keep them: results are read from here
    sb.add_bytes_field("stored", stored=True, indexed=False)
    return sb.build()


def tantivy_add(writer: tantivy.IndexWriter, doc_id: str, entry: dict) -> None:
    for c in entry["chunks"]:
        stored = json.dumps({"text": c["text"], "meta": c["meta"]}, ensure_ascii=False).encode("utf-8")
        writer.add_document(tantivy.Document(chunk_id=c["id"], doc_id=doc_id, terms=c["terms"],
                                             stored=stored))


def copy_entry(entry: dict, new_id: str) -> dict:
    return {**entry, "chunks": [{**c, "id": f"{new_id}:{i}"} for i, c in enumerate(entry["chunks"])]}


def tantivy_query(sch: tantivy.Schema, terms: list[str]) -> tantivy.Query:
    return tantivy.Query.boolean_query([
        (tantivy.Occur.Should, tantivy.Query.term_query(sch, "terms", t, index_option="freq")) for t in terms
    ])


def tantivy_top(index: tantivy.Index, sch: tantivy.Schema, terms: list[str],
                k: int, passages: bool = False) -> list[tuple[str, float]]:
    """Top ``k`` (chunk id, score); ``passages`` also decodes each hit's stored passage, as a
    search that returns results must."""
    searcher = index.searcher()
    hits = searcher.search(tantivy_query(sch, terms), k, count=False).hits
    out = []
    for score, addr in hits:
        doc = searcher.doc(addr)
        if passages:
            json.loads(bytes(doc["stored"][0]))
        out.append((doc["chunk_id"][0], score))
    return out


def ours_top(idx: LexicalIndex, terms: list[str], k: int) -> list[tuple[str, float]]:
    views = list(idx._views)
    return [(v.segment.chunk_id(row), s) for v, row, s in bm25.search(views, terms, k)]


def fresh_queries(idx: LexicalIndex, n: int, seed: int = 15) -> list[str]:
    """Word windows (2–6 words) from random passages; every other one without accents."""
    rng = random.Random(seed)
    chunks = idx.chunks()
    out: list[str] = []
    while len(out) < n:
        words = _WORD.findall(rng.choice(chunks).text)
        if len(words) < 6:
            continue
        size = rng.randint(2, 6)
        start = rng.randrange(len(words) - size + 1)
        q = " ".join(words[start:start + size])
        out.append(fold(q) if len(out) % 2 else q)
    return out


def set_k1(idx: LexicalIndex, k1: float) -> None:
    bm25.K1 = k1
    for v in idx._views:
        v.segment._weights = None  # cached per commit for the old k1


def base_id(chunk_id: str) -> str:
    """The template passage a copy was made from: copies tie, and which copy wins a tie is
    arbitrary in both engines, so hits are compared by their template passage."""
    doc_id, _, n = chunk_id.rpartition(":")
    return _COPY.sub("", doc_id) + ":" + n


def compare(idx: LexicalIndex, index: tantivy.Index, sch: tantivy.Schema,
            queries: list[list[str]]) -> dict:
    """Top-10 overlap (by template passage, as a multiset), same ranked sequence, and on shared
    passages |tantivy / (k1 + 1) - ours| / ours."""
    overlaps, rel, same_order = [], [], 0
    for terms in queries:
        a = [(base_id(c), s) for c, s in ours_top(idx, terms, 10)]
        b = [(base_id(c), s) for c, s in tantivy_top(index, sch, terms, 10)]
        if not a and not b:
            continue
        common = Counter(c for c, _ in a) & Counter(c for c, _ in b)
        overlaps.append(sum(common.values()) / max(len(a), len(b)))
        same_order += [c for c, _ in a] == [c for c, _ in b]
        sb = dict(b)
        rel += [abs(sb[c] / (TANTIVY_K1 + 1) - s) / s for c, s in a if c in sb and s > 0]
    rel.sort()
    return {"queries": len(overlaps), "top10_overlap_mean": round(statistics.mean(overlaps), 4),
            "identical_top10_share": round(same_order / len(overlaps), 4),
            "score_rel_diff_median": round(statistics.median(rel), 5) if rel else None,
            "score_rel_diff_p95": round(rel[int(0.95 * (len(rel) - 1))], 5) if rel else None,
            "score_rel_diff_max": round(rel[-1], 5) if rel else None}


def latency(idx: LexicalIndex, index: tantivy.Index, sch: tantivy.Schema,
            queries: list[list[str]]) -> dict:
    """Interleaved per query (order alternates), top 50 with passages read back (and Tantivy
    with its stored chunk ids only, to show what reading its document store costs)."""
    runs: dict[str, list[float]] = {"ours": [], "tantivy": [], "tantivy, ids only": []}
    for i, terms in enumerate(queries):
        order = [("ours", lambda t=terms: [idx.get(c) for c, _ in ours_top(idx, t, 50)]),
                 ("tantivy", lambda t=terms: tantivy_top(index, sch, t, 50, passages=True)),
                 ("tantivy, ids only", lambda t=terms: tantivy_top(index, sch, t, 50))]
        for name, fn in order if i % 2 else order[::-1]:
            start = time.perf_counter()
            fn()
            runs[name].append((time.perf_counter() - start) * 1000)
    return {name: {"p50_ms": round(statistics.median(ms), 2),
                   "p95_ms": round(sorted(ms)[int(0.95 * (len(ms) - 1))], 2)} for name, ms in runs.items()}


def update_some(idx: LexicalIndex, writer: tantivy.IndexWriter, index: tantivy.Index,
                template: dict, share: float, seed: int = 7) -> int:
    """Replace ``share`` of the documents (same terms, delete + add): deleted postings linger."""
    rng = random.Random(seed)
    ids = sorted(idx.counts())
    chosen = rng.sample(ids, int(len(ids) * share))
    base_ids = list(template)
    for doc_id in chosen:
        entry = copy_entry(template[rng.choice(base_ids)], doc_id)
        idx.put_entries(doc_id, entry["digest"], entry["chunks"])
        writer.delete_documents_by_term("doc_id", doc_id)
        tantivy_add(writer, doc_id, entry)
    idx.save()
    writer.commit()
    index.reload()
    return len(chosen)


PROBE = r"""
import re, sys
sys.path.insert(0, {root!r})
kind, path, queries = sys.argv[1], sys.argv[2], {queries!r}
from search.lexical import LexicalIndex
import tantivy
from bench.bench_lexical_tantivy import schema, tantivy_top
if kind == "ours":
    idx = LexicalIndex(__import__("pathlib").Path(path))
    for q in queries: [idx.get(c.id) for c, _ in idx.search(q, 50)]
elif kind == "ours-postings":  # the BM25 segments alone, without the shards (passages, terms)
    import json, pathlib
    from search import bm25
    d = pathlib.Path(path)
    views = [bm25.View(bm25.Segment.load(d / (e["name"] + ".npz"), e["name"]), frozenset(e["deleted"]))
             for e in json.loads((d / "manifest.json").read_text())["segments"]]
    for q in queries: bm25.search(views, q.split(), 50)
elif kind == "tantivy":
    sch = schema(); index = tantivy.Index.open(path)
    for q in queries: tantivy_top(index, sch, q.split(), 50, passages=True)
# VmHWM, not ru_maxrss: the latter keeps the forking parent's peak across exec
print(int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)) / 1024)
"""


def peak_rss_mb(kind: str, path: str, queries: list[str]) -> float:
    code = PROBE.format(root=str(ROOT), queries=queries)
    out = subprocess.run([sys.executable, "-c", code, kind, path], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def second_writer(path: str) -> str:
    """What a second process gets while this one holds Tantivy's writer lock."""
    code = ("import tantivy,sys\nidx=tantivy.Index.open(sys.argv[1])\n"
            "try:\n idx.writer(15_000_000, 1); print('acquired')\n"
            "except ValueError as e: print(str(e).split('.')[0])")
    out = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def bench(target: int, n_queries: int) -> dict:
    out: dict = {"load_before": os.getloadavg()}
    docs = real_docs(282)
    with tempfile.TemporaryDirectory() as tmp:
        ours_dir, tan_dir = Path(tmp) / "ours", Path(tmp) / "tantivy"
        tan_dir.mkdir()
        idx = LexicalIndex(ours_dir)
        for d in docs:
            cs = chunk(d)
            idx.put(d.id, chunks_digest(cs), cs)
        idx.save()
        template = idx.entries([d.id for d in docs])
        sch = schema()
        index = tantivy.Index(sch, path=str(tan_dir))
        writer = index.writer(100_000_000, 1)
        build = {"ours": 0.0, "tantivy": 0.0}
        start = time.perf_counter()
        for doc_id, entry in template.items():
            tantivy_add(writer, doc_id, entry)
        writer.commit()
        build["tantivy"] += time.perf_counter() - start
        copy = 0
        while sum(idx.counts().values()) < target:
            copy += 1
            batch = {f"{d}-{copy}": copy_entry(e, f"{d}-{copy}") for d, e in template.items()}
            start = time.perf_counter()
            for doc_id, entry in batch.items():
                idx.put_entries(doc_id, entry["digest"], entry["chunks"])
            idx.save()
            build["ours"] += time.perf_counter() - start
            start = time.perf_counter()
            for doc_id, entry in batch.items():
                tantivy_add(writer, doc_id, entry)
            writer.commit()
            build["tantivy"] += time.perf_counter() - start
        writer.wait_merging_threads()  # the writer is consumed; take a new one for updates
        index.reload()
        n = sum(idx.counts().values())
        out["chunks"] = n
        out["build_s (copy rounds, one commit each)"] = {k: round(v, 1) for k, v in build.items()}
        out["segments"] = {"ours": len(idx._views), "tantivy": index.searcher().num_segments}
        print(f"{n} chunks built: {out['build_s (copy rounds, one commit each)']}", file=sys.stderr)

        texts = fresh_queries(idx, n_queries)
        vocab = bm25.Vocabulary(idx._views)
        queries = [analyze_query(q, vocab) for q in texts]
        out["latency_top50"] = latency(idx, index, sch, queries)
        print(f"latency {out['latency_top50']}", file=sys.stderr)
        for k1 in (1.5, TANTIVY_K1):
            set_k1(idx, k1)
            out[f"agreement_k1={k1}"] = compare(idx, index, sch, queries)
        writer = index.writer(100_000_000, 1)
        out["second_writer_process"] = second_writer(str(tan_dir))
        updated = update_some(idx, writer, index, template, 0.02)
        out["updated_docs"] = updated
        out["segments_after_update"] = {"ours": len(idx._views), "tantivy": index.searcher().num_segments}
        for k1 in (TANTIVY_K1, 1.5):
            set_k1(idx, k1)
            out[f"agreement_after_update_k1={k1}"] = compare(idx, index, sch, queries)

        add: dict[str, list[float]] = {"ours": [], "tantivy": []}
        one = template[docs[0].id]
        for r in range(5):
            entry = copy_entry(one, f"one-more-{r}")
            start = time.perf_counter()
            idx.put_entries(f"one-more-{r}", entry["digest"], entry["chunks"])
            idx.save()
            ours_top(idx, queries[r], 50)
            add["ours"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            tantivy_add(writer, f"one-more-{r}", entry)
            writer.commit()
            index.reload()
            tantivy_top(index, sch, queries[r], 50)
            add["tantivy"].append((time.perf_counter() - start) * 1000)
        out["add_one_doc_and_search_ms_median"] = {k: round(statistics.median(v), 1) for k, v in add.items()}
        writer.wait_merging_threads()
        out["disk_mb"] = {name: round(sum(p.stat().st_size for p in d.rglob(glob) if p.is_file()) / 2**20, 1)
                          for name, d, glob in (("ours", ours_dir, "*"),
                                                ("ours, segments only", ours_dir, "seg-*"),
                                                ("tantivy", tan_dir, "*"))}
        probe = texts[:20]
        out["peak_rss_mb (fresh process: open + 20 searches)"] = {
            "python + imports (baseline)": peak_rss_mb("none", tmp, probe),
            "ours": peak_rss_mb("ours", str(ours_dir), probe),
            "ours, segments only": peak_rss_mb("ours-postings", str(ours_dir),
                                               [" ".join(analyze_query(q, vocab)) for q in probe]),
            "tantivy": peak_rss_mb("tantivy", str(tan_dir),
                                   [" ".join(analyze_query(q, vocab)) for q in probe]),
        }
    out["load_after"] = os.getloadavg()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report = bench(args.chunks, args.queries)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
