"""Inter-annotator agreement between two independent annotation passes, and what to reconcile.

The real gold set is annotated twice, by annotators who never see each other's work nor our
extractor. Scoring pass B against pass A with the very matching rules of ``eval.gold`` gives
the agreement per field (an upper bound on what any extractor can be shown to reach), and the
items only one pass found are the disagreements a reconciler settles against the text.

    python -m eval.agreement PASS_A_DIR PASS_B_DIR [--out DIR] [--json agreement.json]

``--out`` writes one ``<name>.json`` per document: the fields both passes agree on, and for
each disagreement both versions, for the reconciler to decide.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from eval.matching import (
    PRF,
    canon_number,
    decision_key,
    match,
    same_assignee,
    same_body,
    same_name,
    same_target,
    same_value,
)

IDENTITY = ("kind", "title", "number", "issued_on", "issuer", "province", "published_at", "effective_from")
LISTS = {
    "decisions": lambda a, b: decision_key(a) == decision_key(b),
    "signers": same_name,
    "targets": same_target,
    "achievements": same_value,
    "tasks": lambda a, b: same_assignee(a, b) and (a.get("deadline") == b.get("deadline")),
    "people": same_name,
}


def same_identity(field: str, a: Any, b: Any) -> bool:
    if field == "number":
        return canon_number(a) == canon_number(b)
    if field in ("issuer", "province"):
        return (a is None and b is None) or (a is not None and b is not None and same_body(a, b))
    if field == "title":
        return " ".join(str(a or "").lower().split()) == " ".join(str(b or "").lower().split())
    return bool(a == b)


def compare(a: dict, b: dict) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, PRF]]:
    """(agreed fields, disagreements, per-list-field counts of B against A)."""
    agreed: dict[str, Any] = {}
    disagreements: list[dict[str, Any]] = []
    counts: dict[str, PRF] = {}
    for f in IDENTITY:
        if same_identity(f, a.get(f), b.get(f)):
            agreed[f] = a.get(f)
        else:
            disagreements.append({"field": f, "a": a.get(f), "b": b.get(f)})
    for f, eq in LISTS.items():
        m = match(a.get(f) or [], b.get(f) or [], eq)
        counts[f] = m.counts
        agreed[f] = [g for g, _ in m.pairs]
        for item in m.missed:
            disagreements.append({"field": f, "only_in": "a", "item": item})
        for item in m.unmatched:
            disagreements.append({"field": f, "only_in": "b", "item": item})
    return agreed, disagreements, counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pass_a", type=Path)
    ap.add_argument("pass_b", type=Path)
    ap.add_argument("--out", type=Path, help="write per-document agreed fields + disagreements here")
    ap.add_argument("--json", type=Path, help="write the agreement figures here")
    args = ap.parse_args(argv)
    in_a = {p.name for p in args.pass_a.glob("*.json")}
    names = sorted(in_a & {p.name for p in args.pass_b.glob("*.json")})
    if not names:
        print("no document annotated in both passes", file=sys.stderr)
        return 2
    totals = {f: PRF() for f in LISTS}
    same_fields = dict.fromkeys(IDENTITY, 0)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    for name in names:
        a = json.loads((args.pass_a / name).read_text(encoding="utf-8"))
        b = json.loads((args.pass_b / name).read_text(encoding="utf-8"))
        agreed, disagreements, counts = compare(a, b)
        for f, c in counts.items():
            totals[f].add(c)
        for f in IDENTITY:
            same_fields[f] += int(f in agreed)
        if args.out:
            out = {"source": a.get("source"), "agreed": agreed, "disagreements": disagreements,
                   "notes_a": a.get("notes"), "notes_b": b.get("notes"),
                   "not_targets": sorted(set(a.get("not_targets") or []) | set(b.get("not_targets") or [])),
                   "text_must_not_contain": sorted(
                       set(a.get("text_must_not_contain") or []) | set(b.get("text_must_not_contain") or []))}
            (args.out / name).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"documents annotated by both passes: {len(names)}")
    print(f"{'field':<16}{'agreement':>10}  (B against A)")
    figures: dict[str, Any] = {"documents": len(names)}
    for f in IDENTITY:
        figures[f] = round(same_fields[f] / len(names), 4)
        print(f"{f:<16}{figures[f]:>10.3f}")
    for f, c in totals.items():
        figures[f] = {"f1": round(c.f1, 4), "a_items": c.tp + c.fn, "b_items": c.tp + c.fp}
        print(f"{f:<16}{c.f1:>10.3f}  F1, A {c.tp + c.fn} items, B {c.tp + c.fp}")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
