"""Silver evaluation of identity extraction on thuvienphapluat.vn pages.

    python -m eval.silver_tvpl [--json out.json] [--failures]

Reads the provincial pages whose site labels agree with their body (``eval.silver_labels``),
cuts the site's metadata table and footer, runs the extraction stages that need no ingest
(identity → decisions → signers) on ``Document(text=clean(body))`` and compares number, date,
signer and kind with the site's labels; issuer and province are reported for information.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.record import Document
from core.textnorm import same
from eval.silver_labels import TVPL_DIR, SilverPage, load
from extract import decisions, identity, signers

# Site type label → record kind.
KIND_OF_LABEL = {
    "Quyết định": "decision",
    "Nghị quyết": "resolution",
    "Kế hoạch": "plan",
    "Công văn": "official_letter",
    "Báo cáo": "report",
}
GATED = ("number", "issued_on", "signer", "kind")


def extract(page: SilverPage) -> Document:
    doc = Document(source=page.file, text=page.body)
    for stage in (identity.apply, decisions.apply, signers.apply):
        doc = stage(doc)
    return doc


def _province_of_label(issuer_label: str) -> str:
    return issuer_label.removeprefix("Tỉnh ").removeprefix("Thành phố ")


CHECKS: dict[str, Callable[[SilverPage, Document], tuple[bool, object, object]]] = {
    "number": lambda p, d: (d.number == p.number, p.number, d.number),
    "issued_on": lambda p, d: (d.issued_on == p.issued_on, p.issued_on, d.issued_on),
    "signer": lambda p, d: (
        bool(d.signers) and same(d.signers[0].name, p.signer), p.signer, [s.name for s in d.signers]
    ),
    "kind": lambda p, d: (d.kind == KIND_OF_LABEL.get(p.kind, "other"), p.kind, d.kind),
    "province": lambda p, d: (
        d.province is not None and same(d.province, _province_of_label(p.issuer)), p.issuer, d.province
    ),
}


@dataclass
class Result:
    n: int = 0
    hits: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str, object, object]] = field(default_factory=list)
    seconds: float = 0.0

    def accuracy(self, key: str) -> float:
        return self.hits.get(key, 0) / self.n if self.n else 0.0


def evaluate(tvpl_dir: Path = TVPL_DIR) -> Result:
    res = Result()
    pages = list(load(tvpl_dir))
    t0 = time.perf_counter()
    docs = [extract(p) for p in pages]
    res.seconds = time.perf_counter() - t0
    res.n = len(pages)
    for page, doc in zip(pages, docs, strict=True):
        for key, check in CHECKS.items():
            ok, want, got = check(page, doc)
            res.hits[key] = res.hits.get(key, 0) + int(ok)
            if not ok:
                res.failures.append((page.file, key, want, got))
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="write the gate's JSON here")
    ap.add_argument("--failures", action="store_true", help="list every miss")
    args = ap.parse_args(argv)
    res = evaluate()
    print(f"silver_tvpl: {res.n} provincial pages, {res.n / res.seconds:.0f} docs/s")
    print(f"{'field':<10} {'accuracy':>8}  gated")
    for key in CHECKS:
        print(f"{key:<10} {res.accuracy(key):>8.3f}  {'yes' if key in GATED else 'info'}")
    if args.failures:
        for file, key, want, got in res.failures:
            print(f"  {file} {key}: want {want!r} got {got!r}")
    if args.json:
        out = {"silver_tvpl": {k: {"accuracy": round(res.accuracy(k), 4)} for k in CHECKS}}
        out["silver_tvpl"]["n"] = res.n  # type: ignore[assignment]
        out["silver_tvpl"]["docs_per_s"] = round(res.n / res.seconds, 1)  # type: ignore[assignment]
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
