"""HTTP load: ``GET /search`` latency and throughput against a real ``vanban`` server on loopback.

Starts ``vanban serve`` on a free 127.0.0.1 port over a cached data
directory, warms it up, then runs a small asyncio/httpx client at each concurrency for a fixed
time and a bounded request count, cycling through realistic Vietnamese queries. Reports
p50/p95/max latency, requests/s, errors, and the server's own ``took_ms`` (search work without
HTTP), so the overhead of the web layer is visible, and the server's CPU time per request,
which other processes on a shared machine do not inflate the way they inflate wall time.

Corpora:
- ``demo``: ``corpus/docs`` ingested once with the real CLI into ``bench/out/http_demo``.
- ``large``: ``--chunks`` (default 100k) BM25 chunks made of copies of the tvpl pages (as in
  ``bench/bench_search_speed.py``) plus one vector per chunk in Chroma. Embedding 100k
  passages takes hours on two cores, so the vectors are seeded random unit vectors: the
  dense side then measures HNSW and fusion cost, not ranking quality.

The client shares the machine's cores with the server, as a co-located load test does.

    .venv/bin/python bench/bench_http.py [--corpus demo large] [--seconds 20] [--workers 1 2 4]
        [--concurrency 1 8 32] [--max-requests 5000] [--mode hybrid] [--json out.json]

``--workers 1 2`` runs every concurrency level against ``vanban serve --workers 1``, then
``--workers 2``, in the same run, and reports each server's memory (RSS, PSS, USS of the
supervisor and of each worker, after warm-up and after the load) and CPU per request (all its
processes).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"

from api.devserver import background_server  # noqa: E402
from bench.bench_memory import rollup  # noqa: E402
from bench.bench_search_speed import QUERIES, real_docs  # noqa: E402

SAVE_EVERY = 6  # copies of the tvpl pages per BM25 save while building the large corpus
_QUERY_NO = itertools.count()  # across concurrency levels, so no level reuses a text
SEARCHES = [
    *QUERIES,
    "kế hoạch chuyển đổi số năm 2025",
    "giao Sở Tài chính chủ trì phối hợp",
    "chỉ tiêu tỷ lệ hộ nghèo giảm",
    "thành lập Ban Chỉ đạo",
    "Nghị quyết HĐND tỉnh về hỗ trợ nông thôn mới",
    "quyet dinh ve viec phe duyet du an dau tu",
    "báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm",
    "phòng chống thiên tai và tìm kiếm cứu nạn",
    "Ủy ban nhân dân tỉnh Lâm Đồng",
    "thời hạn hoàn thành trước ngày 31/12/2025",
]


# --- corpora -------------------------------------------------------------------------------------


def demo_dir() -> Path:
    """``corpus/docs`` ingested with the real CLI (minutes of embedding), kept for later runs."""
    data = OUT / "http_demo"
    if not (data / "vanban.db").exists():
        print(f"ingesting corpus/docs into {data} (once)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "api.cli", "ingest", str(ROOT / "corpus" / "docs")],
                       cwd=ROOT, env={**os.environ, "VANBAN_DATA_DIR": str(data)}, check=True)
    return data


def large_dir(target: int) -> Path:
    """A data directory with ``target`` chunks: tvpl pages copied under new document ids."""
    import numpy as np

    from core.settings import Settings
    from search.chunking import chunk, chunks_digest
    from search.embedder import embedder_name
    from search.lexical import LexicalIndex
    from search.vector import VectorIndex

    data = OUT / f"http_large_{target}"
    done = data / "complete"
    if done.exists():
        return data
    print(f"building a {target}-chunk index in {data} (once)", file=sys.stderr)
    settings = Settings(data_dir=data)
    lexical = LexicalIndex(settings.data_dir / "bm25")
    lexical.clear()
    vectors = VectorIndex(settings, embedder_name(settings))
    vectors.reset()
    base = [(d, chunk(d)) for d in real_docs(282)]
    for doc, chunks in base:  # analyzed once; copies below reuse the analyzed terms
        lexical.put(doc.id, chunks_digest(chunks), chunks)
    lexical.save()
    template = lexical.entries([doc.id for doc, _ in base])
    rng = np.random.default_rng(0)
    made, copy = 0, 0
    while made < target:
        batch: list = []  # one Chroma upsert per copy: one per document took minutes a copy
        digests: list[str] = []
        for doc, chunks in base:
            if made >= target:
                break
            doc_id = doc.id if copy == 0 else f"{doc.id}-{copy}"
            cs = [replace(c, id=f"{doc_id}:{c.n}", doc_id=doc_id) for c in chunks]
            if copy:
                entry = template[doc.id]
                lexical.put_entries(doc_id, entry["digest"], [
                    {**e, "id": c.id, "meta": c.metadata()} for e, c in zip(entry["chunks"], cs, strict=True)
                ])
            batch += cs
            digests += [template[doc.id]["digest"]] * len(cs)
            made += len(cs)
        vecs = rng.standard_normal((len(batch), 384)).astype(np.float32)
        vectors.add(batch, vecs / np.linalg.norm(vecs, axis=1, keepdims=True), digests)
        copy += 1
        if copy % SAVE_EVERY == 0:  # each save rewrites every shard: once per copy was quadratic
            lexical.save()
        print(f"  {made} chunks", file=sys.stderr)
    lexical.save()
    done.write_text(str(made))
    return data


# --- server and load -----------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux): contention-proof cost of the work done."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree(pid: int) -> list[int]:
    """``pid`` and its descendants (the supervisor and its workers)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):  # a process that just exited
            continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += [c for c, parent in parents.items() if parent == p]
    return out


def tree_cpu_seconds(pid: int) -> float:
    return sum(cpu_seconds(p) for p in tree(pid))


def memory(pid: int) -> dict:
    """RSS/PSS/USS of the supervisor and of each worker (``bench_memory.rollup``); the sum of
    PSS is the server's real footprint (shared pages split among the processes mapping them)."""
    procs = tree(pid)
    rows = {str(p): rollup(p) for p in procs}
    return {"processes": rows, "total_pss_mb": round(sum(r["pss_mb"] for r in rows.values()), 1),
            "total_uss_mb": round(sum(r["uss_mb"] for r in rows.values()), 1),
            "total_rss_mb": round(sum(r["rss_mb"] for r in rows.values()), 1)}


@contextlib.contextmanager
def server(data: Path, workers: int = 1) -> Iterator[tuple[str, int]]:
    """``vanban serve --workers N`` on loopback over ``data`` (no access log); yields (base URL,
    pid) once /health answers."""
    env = {k: v for k, v in os.environ.items() if k != "VANBAN_API_KEY"}  # no auth on loopback
    env["VANBAN_DATA_DIR"] = str(data)

    def command(port: int) -> list[str]:
        return [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                "--workers", str(workers), "--log-level", "warning"]

    with background_server(env, timeout_s=300, output=None, command=command) as (base, proc):
        yield base, proc.pid


def warm_up(base: str, workers: int, mode: str) -> float:
    """Every worker answers 3 searches (its first loads Chroma and the model), each on a new
    connection so the kernel spreads them; seconds taken."""
    import httpx

    start = time.perf_counter()
    served: dict[str, int] = {}
    n = 0
    while len(served) < workers or min(served.values()) < 3:
        with httpx.Client(base_url=base, timeout=600) as client:
            r = client.get("/search", params={"q": SEARCHES[n % len(SEARCHES)], "mode": mode})
        r.raise_for_status()
        worker = r.headers.get("x-vanban-worker", "single")
        served[worker] = served.get(worker, 0) + 1
        n += 1
        if time.perf_counter() - start > 900:
            raise RuntimeError(f"warm-up did not reach {workers} workers: {served}")
    return round(time.perf_counter() - start, 1)


async def load(base: str, concurrency: int, seconds: float, max_requests: int, mode: str,
               repeat: bool = False) -> dict:
    import httpx

    latencies: list[float] = []
    server_ms: list[float] = []
    per_worker: dict[str, int] = {}  # requests answered by each worker (X-Vanban-Worker)
    errors = 0
    issued = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors, issued
        while time.perf_counter() < deadline and issued < max_requests:
            n = next(_QUERY_NO)
            q = SEARCHES[n % len(SEARCHES)]
            if not repeat:  # a new text each time: the server caches query vectors by text
                q = f"{q} {n // len(SEARCHES) + 1}"
            issued += 1
            start = time.perf_counter()
            try:
                resp = await client.get("/search", params={"q": q, "mode": mode})
            except httpx.HTTPError:
                errors += 1
                continue
            latencies.append((time.perf_counter() - start) * 1000)
            worker_of = resp.headers.get("x-vanban-worker", "single")
            per_worker[worker_of] = per_worker.get(worker_of, 0) + 1
            if resp.status_code == 200:
                server_ms.append(float(resp.json()["took_ms"]))
            else:
                errors += 1

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    wall = time.perf_counter() - started
    lat = sorted(latencies)

    def pct(p: float) -> float:
        return round(lat[min(len(lat) - 1, int(p * len(lat)))], 1) if lat else float("nan")

    return {
        "concurrency": concurrency, "requests": len(lat), "errors": errors,
        "seconds": round(wall, 1), "rps": round(len(lat) / wall, 1),
        "p50_ms": pct(0.50), "p95_ms": pct(0.95), "max_ms": round(lat[-1], 1) if lat else None,
        "server_took_ms_p50": round(statistics.median(server_ms), 1) if server_ms else None,
        "per_worker": sorted(per_worker.values(), reverse=True),
    }


def run_corpus(data: Path, args: argparse.Namespace) -> dict:
    """Each worker count in turn over the same data, same concurrency levels: the ratios between
    them are what this run shows (absolute figures drift with the machine's load)."""
    import httpx

    out: dict = {"data_dir": str(data.relative_to(ROOT)), "by_workers": {}}
    for workers in args.workers:
        with server(data, workers) as (base, pid):
            health = httpx.get(base + "/health", timeout=30).json()
            started = {"warmup_s": warm_up(base, workers, args.mode), "memory_warm": memory(pid),
                       "load_avg": os.getloadavg()[0]}
            rows = []
            for c in args.concurrency:
                load_avg = os.getloadavg()[0]
                cpu0, client0 = tree_cpu_seconds(pid), time.process_time()
                row = asyncio.run(load(base, c, args.seconds, args.max_requests, args.mode,
                                       args.repeat_queries))
                n = max(row["requests"], 1)
                row["workers"] = workers
                row["server_cpu_ms_per_req"] = round((tree_cpu_seconds(pid) - cpu0) * 1000 / n, 1)
                row["client_cpu_ms_per_req"] = round((time.process_time() - client0) * 1000 / n, 1)
                row["load_avg_before"] = load_avg
                # what two otherwise idle cores could serve if the server's CPU cost were all
                row["rps_bound_2_idle_cores"] = round(2000 / max(row["server_cpu_ms_per_req"], 0.1), 1)
                print(json.dumps(row), file=sys.stderr)
                rows.append(row)
            mem = memory(pid)
            print(json.dumps({"workers": workers, "memory_after_load": mem}), file=sys.stderr)
            out["by_workers"][str(workers)] = {"health": health, **started, "load": rows,
                                               "memory_after_load": mem}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="+", choices=["demo", "large"], default=["demo"])
    parser.add_argument("--chunks", type=int, default=100_000, help="size of the large corpus")
    parser.add_argument("--seconds", type=float, default=20.0, help="per concurrency level")
    parser.add_argument("--concurrency", nargs="+", type=int, default=[1, 8, 32])
    parser.add_argument("--max-requests", type=int, default=5000, help="per concurrency level")
    parser.add_argument("--workers", nargs="+", type=int, default=[1],
                        help="server processes (vanban serve --workers N), each measured in turn")
    parser.add_argument("--mode", choices=["hybrid", "bm25", "dense"], default="hybrid")
    parser.add_argument("--repeat-queries", action="store_true",
                        help="cycle through the same texts (measures the query-vector cache)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    report: dict = {"mode": args.mode, "repeat_queries": args.repeat_queries, "cpus": os.cpu_count(),
                    "load_avg_start": os.getloadavg()[0]}
    for name in args.corpus:
        data = demo_dir() if name == "demo" else large_dir(args.chunks)
        report[name] = run_corpus(data, args)
    report["load_avg_end"] = os.getloadavg()[0]
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
