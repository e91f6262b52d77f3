"""Targets and achievements on the real gold set's DEV split: strict precision and recall.

Runs the full extraction on every dev document of ``/work/annot/manifest.tsv`` that has an
annotation (pass A, else pass B) and matches items strictly: same value, value_max, unit,
comparator (targets) and year, and an indicator a reader would accept (most of the gold
indicator's words in ours, ours not more than three times longer). Dev only: the test split is
never read here. ``--show`` prints every miss and false positive to tune by.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

from core.settings import Settings
from core.textnorm import fold
from extract import pipeline
from ingest import reader

ANNOT = Path("/work/annot")
DATA = Path("/work/shared/data")
_WORD = re.compile(r"[\wÀ-ỹ%]+")
_STOP = {"của", "các", "trên", "địa", "bàn", "tỉnh", "thành", "phố", "và", "được", "có", "số", "tỷ", "lệ"}


def _words(s: str | None) -> set[str]:
    return {w for w in _WORD.findall(fold(unicodedata.normalize("NFC", s or "")))} - {fold(w) for w in _STOP}


def indicator_ok(gold: str | None, got: str | None) -> bool:
    g, o = _words(gold), _words(got)
    if not g:
        return True
    return len(g & o) / len(g) >= 0.6 and len((got or "").split()) <= 3 * len((gold or "").split()) + 6


def _unit(u: str | None) -> str:
    return " ".join((u or "").lower().split())


def same(gold: dict, got: dict, fields: tuple[str, ...]) -> bool:
    for f in fields:
        g, o = gold.get(f), got.get(f)
        if f == "unit":
            if _unit(g) != _unit(o):
                return False
        elif f in ("value", "value_max"):
            if (g is None) != (o is None) or (g is not None and abs(float(g) - float(o)) > 1e-6):
                return False
        elif g != o:
            return False
    return indicator_ok(gold.get("indicator"), got.get("indicator"))


def score(golds: list[dict], gots: list[dict], fields: tuple[str, ...]) -> tuple[int, list, list]:
    left = list(gots)
    missed = []
    for g in golds:
        hit = next((o for o in left if same(g, o, fields)), None)
        if hit is None:
            missed.append(g)
        else:
            left.remove(hit)
    return len(golds) - len(missed), missed, left


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    rows = [r for r in csv.DictReader((ANNOT / "manifest.tsv").open(encoding="utf-8"), delimiter="\t")
            if r["split"] == "dev"]
    kinds = {"targets": ("value", "value_max", "unit", "comparator", "year"),
             "achievements": ("value", "unit", "year")}
    tot = {k: [0, 0, 0] for k in kinds}  # tp, gold, got
    docs = 0
    for r in rows:
        stem = Path(r["path"]).stem
        ann = next((p / f"{stem}.json" for p in (ANNOT / "passA", ANNOT / "passB")
                    if (p / f"{stem}.json").exists()), None)
        if ann is None or (args.only and args.only not in stem):
            continue
        gold = json.loads(ann.read_text(encoding="utf-8"))
        doc = pipeline.run(reader.read(DATA / r["path"], Settings()))
        docs += 1
        for kind, fields in kinds.items():
            golds = gold.get(kind) or []
            gots = [t.model_dump() for t in getattr(doc, kind, [])]
            tp, missed, extra = score(golds, gots, fields)
            tot[kind][0] += tp
            tot[kind][1] += len(golds)
            tot[kind][2] += len(gots)
            if args.show and (missed or extra):
                print(f"== {stem} [{ann.parent.name}] {kind}: {tp}/{len(golds)} gold, {len(gots)} got")
                for tag, items in (("MISS", missed), ("FP  ", extra)):
                    for x in items:
                        shown = {f: x.get(f) for f in (*fields, "indicator")}
                        print(" ", tag, shown, "|", x.get("text", "")[:120])
    print(f"dev documents with annotations: {docs}")
    for kind, (tp, ng, no) in tot.items():
        p = tp / no if no else 1.0
        rc = tp / ng if ng else 1.0
        print(f"{kind}: gold {ng}, extracted {no}, matched {tp}, P {p:.3f} R {rc:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
