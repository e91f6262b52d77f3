"""Issue 13 case 7 at full size: a PDF with 500,000 annotations drawn by an appearance stream
(24 MB, under the 25 MB upload limit) uploaded to `vanban serve` twice, then one with 15,000
(accepted, flattened) twice. Prints the status, the wall time and the server's peak RSS (VmHWM
from /proc) after each step. Loopback only.

    python bench/reliability_pdf.py [N_ANNOTATIONS]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from api.devserver import background_server
from bench.annotated_pdf import write


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500_000
    with tempfile.TemporaryDirectory() as tmp:
        big = write(Path(tmp) / "annotated.pdf", n, distinct=True)
        fine = write(Path(tmp) / "fine.pdf", 15_000, text="Quyet dinh so 456/QD-UBND ve ke hoach du lich",
                     distinct=True)
        env = {**os.environ, "VANBAN_DATA_DIR": str(Path(tmp) / "data")}
        with background_server(env, timeout_s=120) as (url, proc):
            for label, path in (("huge", big), ("huge again", big), ("15k", fine), ("15k again", fine)):
                started = time.monotonic()
                files = {"file": (path.name, path.read_bytes(), "application/pdf")}
                r = httpx.post(f"{url}/documents", files=files, timeout=600)
                status = r.json().get("status") or r.json().get("detail")
                took = time.monotonic() - started
                print(f"{label}: {path.stat().st_size / 1e6:.1f} MB -> {r.status_code} {status} "
                      f"in {took:.1f} s; server peak RSS {peak_rss_mb(proc.pid):.0f} MB")


if __name__ == "__main__":
    main()
