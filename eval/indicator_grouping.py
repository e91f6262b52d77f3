"""Canonical indicators: precision and recall of the grouping on hand-labelled pairs (issue 14).

``eval/indicator_pairs.jsonl`` holds pairs of real indicator phrases labelled same / different
measure (see ``eval/indicator_pairs.md``). A pair is *grouped* when both phrases get the same
``indicator_id``. Precision: grouped pairs that are the same measure; recall: same-measure
pairs that are grouped. The embedding threshold (``api.indicator_match.THRESHOLD``) is
chosen on the dev half (highest F1, ties to the higher threshold, i.e. fewer merges); the test
half is reported at that threshold and at the committed one, and for rules alone.

    python -m eval.indicator_grouping --json out.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from api.indicator_match import THRESHOLD, IndicatorMatcher
from core.settings import Settings
from extract.indicators import by_id, own, resolve
from search.embedder import get_embedder

PAIRS = Path(__file__).with_name("indicator_pairs.jsonl")
SWEEP = [round(0.80 + 0.005 * i, 3) for i in range(41)] + [1.01]  # 1.01: rules alone


def load(path: Path = PAIRS) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if "a" in r]


def assign(phrases: list[str], matcher: IndicatorMatcher) -> dict[str, tuple[str, str, float]]:
    """phrase -> (id by rule or own, nearest taxonomy id, similarity); thresholds applied later."""
    first = {p: resolve(p) or own(p) for p in phrases}
    left = [p for p, m in first.items() if m.by == "own"]
    near = dict(zip(left, matcher.nearest(left), strict=True))
    return {p: (m.id, *near.get(p, (m.id, 0.0))) for p, m in first.items()}


def ids_at(table: dict[str, tuple[str, str, float]], threshold: float) -> dict[str, str]:
    return {p: (near if sim >= threshold and by_id(near) else base) for p, (base, near, sim) in table.items()}


def scores(pairs: list[dict[str, Any]], ids: dict[str, str]) -> dict[str, float]:
    tp = sum(1 for r in pairs if r["same"] and ids[r["a"]] == ids[r["b"]])
    fp = sum(1 for r in pairs if not r["same"] and ids[r["a"]] == ids[r["b"]])
    fn = sum(1 for r in pairs if r["same"] and ids[r["a"]] != ids[r["b"]])
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "pairs": len(pairs),
            "same": tp + fn, "grouped": tp + fp}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", type=Path, help="write the metrics here")
    args = ap.parse_args(argv)
    pairs = load()
    dev = [r for r in pairs if r["split"] == "dev"]
    test = [r for r in pairs if r["split"] == "test"]
    phrases = sorted({p for r in pairs for p in (r["a"], r["b"])})
    table = assign(phrases, IndicatorMatcher(get_embedder(Settings())))
    sweep = {t: scores(dev, ids_at(table, t)) for t in SWEEP}
    chosen = max(SWEEP, key=lambda t: (sweep[t]["f1"], t))
    metrics = {
        "chosen_threshold": chosen,
        "committed_threshold": THRESHOLD,
        "dev": scores(dev, ids_at(table, THRESHOLD)),
        "test": scores(test, ids_at(table, THRESHOLD)),
        "test_at_chosen": scores(test, ids_at(table, chosen)),
        "test_rules_only": scores(test, ids_at(table, 1.01)),
    }
    print(f"{'threshold':>9} {'dev P':>6} {'dev R':>6} {'dev F1':>6}")
    for t in SWEEP:
        s = sweep[t]
        mark = "  <- chosen" if t == chosen else ""
        print(f"{t:9.3f} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}{mark}")
    for name in ("dev", "test", "test_at_chosen", "test_rules_only"):
        s = metrics[name]
        print(f"{name:16s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
              f"({s['pairs']} pairs, {s['same']} same, {s['grouped']} grouped)")
    if args.json:
        # nested under the evaluation's name, as eval.run expects ("indicators.test.precision")
        args.json.write_text(json.dumps({"indicators": metrics}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
