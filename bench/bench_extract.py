"""Extraction speed: seconds per ~20-page decision (one core, OCR excluded) and per stage.

Input: real thuvienphapluat pages from ../shared/data/tvpl read through the real reader
(metadata table cut), the longest ones, trimmed or repeated to ``--chars`` characters (a
20-page decision is ~60,000 characters). Models are loaded once before timing (as in a
long-running process); each figure is the median of ``--repeats`` runs.

    python bench/bench_extract.py [--chars 60000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the budget is for one core

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.record import Document, document_id  # noqa: E402
from core.settings import Settings  # noqa: E402
from extract import pipeline  # noqa: E402
from ingest.reader import read  # noqa: E402

TVPL = ROOT / ".." / "shared" / "data" / "tvpl"


def long_document(chars: int) -> Document:
    pages = sorted(TVPL.glob("*.md"), key=lambda p: p.stat().st_size, reverse=True)
    settings = Settings(data_dir=Path("/tmp/vanban-bench"))
    for page in pages:
        doc = read(page, settings)
        if len(doc.text) >= chars // 2:
            text = (doc.text + "\n\n") * (chars // len(doc.text) + 1)
            text = text[:chars]
            return Document(id=document_id(text), source=page.name, text=text)
    raise SystemExit("no long enough page in ../shared/data/tvpl")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=60_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    base = long_document(args.chars)
    pipeline.run(base.model_copy(deep=True))  # warm-up: load underthesea models once
    per_stage: dict[str, list[float]] = {s.__module__: [] for s in pipeline.STAGES}
    totals = []
    for _ in range(args.repeats):
        doc = base.model_copy(deep=True)
        t0 = time.process_time()
        for stage in pipeline.STAGES:
            t = time.process_time()
            doc = stage(doc)
            per_stage[stage.__module__].append(time.process_time() - t)
        totals.append(time.process_time() - t0)
    print(f"document: {base.source}, {len(base.text)} characters (~{len(base.text) / 3000:.0f} pages)")
    print(f"extraction, CPU seconds, median of {args.repeats}: {statistics.median(totals):.3f} s "
          f"(budget 1.0 s)")
    for name, ts in per_stage.items():
        print(f"  {name:22s} {statistics.median(ts):.3f} s")
    print(f"items: {len(doc.decisions)} decisions, {len(doc.targets)} targets, {len(doc.tasks)} tasks, "
          f"{len(doc.people)} people")


if __name__ == "__main__":
    main()
