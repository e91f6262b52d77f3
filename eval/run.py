"""`make eval`: run every quality evaluation, compare with the committed floors, fail on a drop.

Modelled on trafilatura's eval gate: each evaluation script prints its own table and writes a
JSON of metrics; this script merges them, checks each pinned metric against its floor in
``eval/baseline.json`` and exits 1 when one falls below it. Raise a floor (never lower it
without a reason in the commit message) with ``--update`` after an improvement.

    python -m eval.run                 # run all, gate
    python -m eval.run --only gold     # one evaluation
    python -m eval.run --update        # write the current figures as the new floors
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "eval" / "baseline.json"
# name -> module run as `python -m MODULE --json OUT`
EVALUATIONS = {
    "gold": "eval.gold",
    "silver_tvpl": "eval.silver_tvpl",
    "search": "eval.search_quality",
    "indicators": "eval.indicator_grouping",
}


def flatten(metrics: dict, prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for key, value in metrics.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            out.update(flatten(value, name))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[name] = float(value)
    return out


def run_one(name: str, module: str, workdir: Path) -> dict[str, float]:
    out = workdir / f"{name}.json"
    proc = subprocess.run([sys.executable, "-m", module, "--json", str(out)], cwd=ROOT, check=False)
    if proc.returncode != 0 or not out.exists():
        print(f"[eval] {name}: FAILED to run (exit {proc.returncode})", file=sys.stderr)
        return {}
    return flatten(json.loads(out.read_text(encoding="utf-8")))


def gate(current: dict[str, float], floors: dict[str, dict]) -> list[str]:
    """Metrics below their floor (or above a ceiling for `max` entries such as error counts)."""
    failures = []
    for metric, rule in floors.items():
        value = current.get(metric)
        if value is None:
            failures.append(f"{metric}: missing (evaluation did not run or no longer reports it)")
        elif "min" in rule and value < rule["min"] - 1e-9:
            failures.append(f"{metric}: {value:.4f} < floor {rule['min']:.4f}")
        elif "max" in rule and value > rule["max"] + 1e-9:
            failures.append(f"{metric}: {value:.4f} > ceiling {rule['max']:.4f}")
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=sorted(EVALUATIONS), action="append")
    ap.add_argument("--update", action="store_true", help="pin current figures as floors")
    args = ap.parse_args(argv)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    floors: dict[str, dict] = baseline.get("floors", {})
    names = args.only or list(EVALUATIONS)
    current: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            current.update(run_one(name, EVALUATIONS[name], Path(tmp)))
    print("\n== metrics ==")
    for metric in sorted(current):
        rule = floors.get(metric, {})
        bound = ""
        if "min" in rule:
            bound = f"  (floor {rule['min']})"
        elif "max" in rule:
            bound = f"  (max {rule['max']})"
        print(f"{metric:55s} {current[metric]:.4f}{bound}")
    if args.update:
        for metric, rule in floors.items():
            if metric in current and "min" in rule:
                rule["min"] = round(max(rule["min"], current[metric]), 4)
        baseline["floors"] = floors
        BASELINE.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"updated {BASELINE}")
        return 0
    relevant = {m: r for m, r in floors.items() if any(m.startswith(n + ".") for n in names)}
    failures = gate(current, relevant)
    for f in failures:
        print(f"[eval] FAIL {f}", file=sys.stderr)
    held = len(relevant) - len(failures)
    print(f"[eval] {'FAILED' if failures else 'passed'}: {held}/{len(relevant)} floors held")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
