"""Silver evaluation of identity extraction on thuvienphapluat.vn pages.

    python -m eval.silver_tvpl [--json out.json] [--failures]

Reads every page (``eval.silver_labels``: national and provincial, whether or not a naive
regex agrees with the site's labels), cuts the site's metadata table and footer, runs the
extraction stages that need no ingest
(identity → decisions → signers) on ``Document(text=clean(body))`` and compares number, date,
signer and kind with the site's labels; issuer and province are reported for information.
Each page belongs to a fixed split: ``dev`` pages may be looked at, ``heldout`` pages are the
figure to quote and gate. The site's labels are silver: a page where the site is wrong costs us
a point whichever way we read it, so the floors sit under 1.0 on purpose.
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
    "Công điện": "official_letter",
    "Thông báo": "official_letter",
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
}
# Province only where the site names one (national bodies have none to compare).
def province_check(p: SilverPage, d: Document) -> tuple[bool, object, object]:
    return d.province is not None and same(d.province, _province_of_label(p.issuer)), p.issuer, d.province


@dataclass
class Result:
    n: int = 0
    hits: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str, object, object]] = field(default_factory=list)
    seconds: float = 0.0

    def accuracy(self, key: str) -> float:
        return self.hits.get(key, 0) / self.totals[key] if self.totals.get(key) else 0.0

    def count(self, key: str, ok: bool, file: str, want: object, got: object) -> None:
        self.totals[key] = self.totals.get(key, 0) + 1
        self.hits[key] = self.hits.get(key, 0) + int(ok)
        if not ok:
            self.failures.append((file, key, want, got))


def evaluate(
    tvpl_dir: Path = TVPL_DIR, *, split: str | None = None, agreeing_only: bool = False
) -> Result:
    """Accuracy over the pages of one split (``dev``/``heldout``), or all pages when ``split`` is None.

    ``agreeing_only`` restores the old, flattering selection (provincial pages a naive regex
    already reads right) for comparison."""
    res = Result()
    pages = [
        p
        for p in load(tvpl_dir, provincial_only=agreeing_only, agreeing_only=agreeing_only)
        if split is None or p.split == split
    ]
    t0 = time.perf_counter()
    docs = [extract(p) for p in pages]
    res.seconds = time.perf_counter() - t0
    res.n = len(pages)
    for page, doc in zip(pages, docs, strict=True):
        for key, check in CHECKS.items():
            ok, want, got = check(page, doc)
            res.count(key, ok, page.file, want, got)
        if page.issuer.startswith(("Tỉnh ", "Thành phố ")):
            ok, want, got = province_check(page, doc)
            res.count("province", ok, page.file, want, got)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="write the gate's JSON here")
    ap.add_argument("--failures", action="store_true", help="list every miss of the dev split")
    args = ap.parse_args(argv)
    out: dict[str, dict] = {}
    for split in ("heldout", "dev"):
        res = evaluate(split=split)
        print(f"silver_tvpl {split}: {res.n} pages, {res.n / max(res.seconds, 1e-9):.0f} docs/s")
        print(f"{'field':<10} {'accuracy':>8}  {'n':>4}  gated")
        for key in (*CHECKS, "province"):
            gated = "yes" if key in GATED and split == "heldout" else "info"
            print(f"{key:<10} {res.accuracy(key):>8.3f}  {res.totals.get(key, 0):>4}  {gated}")
        if args.failures and split == "dev":
            for file, key, want, got in res.failures:
                print(f"  {file} {key}: want {want!r} got {got!r}")
        out[split] = {k: {"accuracy": round(res.accuracy(k), 4)} for k in (*CHECKS, "province")}
        out[split]["n"] = res.n  # type: ignore[assignment]
    if args.json:
        args.json.write_text(json.dumps({"silver_tvpl": out}, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
