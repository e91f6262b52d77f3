"""PDF throughput and OCR cost, in one run, on the real files of ../shared/data/pdf.

What it measures (medians over ``--repeats`` runs, same files, same process):
- text PDFs, pages/s: pdfplumber's plain ``extract_text``, pypdfium2's own text extraction, and
  the full ``ingest.pdf.read`` (pypdfium2 open + flatten, pdfplumber words, column order,
  running headers, line repair);
- OCR, s/page: tesseract on rendered pages with ``OMP_THREAD_LIMIT=1`` against tesseract's
  default threading, then ``ingest.ocr.ocr_pages`` sequential (1 worker) against parallel
  (``--workers``, default settings.ocr_workers);
- the text-layer quality score of every page, real layers against the scans' garbage layers,
  which is what the OCR threshold ``ocr_min_quality`` is chosen from.

    .venv/bin/python bench/bench_pdf.py                  # everything (~2-3 min on 2 cores)
    .venv/bin/python bench/bench_pdf.py --skip-ocr       # text extraction and quality only
    .venv/bin/python bench/bench_pdf.py --json bench/out/pdf.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytesseract

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.settings import Settings  # noqa: E402
from ingest import ocr, pdf, quality  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "pdf"
TEXT_PDFS = [
    "binhthuan_779_qd_ubnd_2022.pdf",
    "lamdong_2536_qd_ubnd_2025.pdf",
    "ttg_2319_qd_2025.pdf",
    "vpcp_58_cd_2026.pdf",
    "hien_phap_2013_congbao.pdf",
    "vbhn_23_vpqh_2020_congbao.pdf",
]
# Scanned pages for OCR timing; several pages per file, so the parallel run has work to share.
SCANS = {"ttg_932_qd_2025_scan.pdf": [1, 2, 3], "lamdong_1406_qd_ubnd_2025_scan.pdf": [1, 2]}


def _cpu() -> float:
    """CPU seconds of this process and its finished children (tesseract): unlike wall time,
    not inflated when other jobs share the machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn: Callable[[], object], repeats: int = 1) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds of ``fn`` over ``repeats`` runs."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), _cpu()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _pdfplumber_text(path: Path) -> int:
    with pdfplumber.open(path) as doc:
        return sum(len(p.extract_text() or "") for p in doc.pages)


def _pdfium_text(path: Path) -> int:
    doc = pdfium.PdfDocument(path)
    try:
        return sum(len(doc[i].get_textpage().get_text_range()) for i in range(len(doc)))
    finally:
        doc.close()


def bench_text(settings: Settings, repeats: int) -> dict:
    pages = {name: len(pdfium.PdfDocument(DATA / name)) for name in TEXT_PDFS}
    total = sum(pages.values())
    runs = {
        "pdfplumber extract_text": lambda: [_pdfplumber_text(DATA / n) for n in TEXT_PDFS],
        "pypdfium2 get_text_range": lambda: [_pdfium_text(DATA / n) for n in TEXT_PDFS],
        "ingest.pdf.read (full)": lambda: [pdf.read(DATA / n, settings) for n in TEXT_PDFS],
    }
    out = {"pages": total}
    for label, fn in runs.items():
        wall, cpu = _timed(fn, repeats)
        out[label] = {
            "wall_s": round(wall, 2),
            "pages_per_s": round(total / wall, 1),
            "cpu_s": round(cpu, 2),
            "pages_per_cpu_s": round(total / cpu, 1),
        }
    # What each extractor gives on the case that matters: the number stamped in a widget.
    stamped = DATA / "lamdong_2536_qd_ubnd_2025.pdf"
    doc = pdfium.PdfDocument(stamped)
    out["number 2536 found"] = {
        "pdfplumber": "2536" in (pdfplumber.open(stamped).pages[0].extract_text() or ""),
        "pypdfium2": "2536" in doc[0].get_textpage().get_text_range(),
        "ingest.pdf.read": "Số: 2536 /QĐ-UBND" in pdf.read(stamped, settings).blocks[0].text,
    }
    doc.close()
    return out


def _render(name: str, page: int, dpi: int) -> bytes:
    doc = pdfium.PdfDocument(DATA / name)
    try:
        return ocr.to_pgm(ocr.render_page(doc, page - 1, dpi))
    finally:
        doc.close()


def _tesseract(image: bytes, lang: str, dpi: int, limit_threads: bool) -> None:
    env = dict(os.environ)
    if limit_threads:
        env["OMP_THREAD_LIMIT"] = "1"
    else:
        env.pop("OMP_THREAD_LIMIT", None)
    cmd = [str(pytesseract.pytesseract.tesseract_cmd), "stdin", "stdout", "-l", lang, "--dpi", str(dpi)]
    subprocess.run(cmd, input=image, capture_output=True, env=env, check=True, timeout=600)


def bench_ocr(settings: Settings, workers: int) -> dict:
    dpi = settings.ocr_dpi
    n_pages = sum(len(pages) for pages in SCANS.values())
    out: dict = {"dpi": dpi, "pages": n_pages}
    start = time.perf_counter()
    images = [_render(name, page, dpi) for name, pages in SCANS.items() for page in pages[:1]]
    out["render s/page"] = round((time.perf_counter() - start) / len(images), 2)
    for label, limit in (("OMP_THREAD_LIMIT=1", True), ("default threads", False)):
        wall, cpu = _timed(
            lambda limit=limit: [_tesseract(im, settings.ocr_lang, dpi, limit) for im in images]
        )
        out[f"tesseract {label}"] = {
            "wall_s_per_page": round(wall / len(images), 2),
            "cpu_s_per_page": round(cpu / len(images), 2),
        }
    for label, n in (("sequential, 1 worker", 1), (f"parallel, {workers} workers", workers)):
        wall, cpu = _timed(
            lambda n=n: [ocr.ocr_pages(DATA / f, p, settings, workers=n) for f, p in SCANS.items()]
        )
        out[f"ocr_pages {label}"] = {
            "wall_s_per_page": round(wall / n_pages, 2),
            "cpu_s_per_page": round(cpu / n_pages, 2),
        }
    return out


def bench_quality() -> dict:
    scores: dict[str, list[float]] = {}
    for path in sorted(DATA.glob("*.pdf")):
        with pdfplumber.open(path) as doc:
            scores[path.name] = [
                quality.score(text, p.width * p.height)
                for p in doc.pages
                if len(text := p.extract_text() or "") >= 200  # not a blank page with its number
            ]
    real = [s for name, v in scores.items() if "scan" not in name for s in v]
    junk = [s for name, v in scores.items() if "scan" in name for s in v]
    return {
        "text-layer pages": len(real),
        "real min / median": [min(real), statistics.median(real)],
        "garbage-layer pages": len(junk),
        "garbage max": max(junk),
        "per file (min score)": {name: min(v) for name, v in scores.items() if v},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--skip-ocr", action="store_true")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "pdf.json")
    args = ap.parse_args()
    settings = Settings()
    workers = args.workers or settings.ocr_workers
    report: dict = {"cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2)}
    report["text"] = bench_text(settings, args.repeats)
    report["quality"] = bench_quality()
    if not args.skip_ocr:
        report["ocr"] = bench_ocr(settings, workers)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
