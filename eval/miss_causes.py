"""Why each target the strict scorer rejects was rejected: the field that differs.

The scorer (``eval.matching.same_target``) says only hit or miss. To know what to fix, each
missed gold target is paired with the unmatched extracted target that has its value (else the
one whose text shares most words with it) and the fields that differ are counted: ``value``,
``value_max``, ``comparator``, ``year``, ``unit``, ``indicator too short`` (holds too few of the
gold phrase's words) or ``indicator too long`` (too many words of its own); a gold target with
no such partner is ``not found``, an extracted one left over ``spurious``.

Only the dev, devx, devy and demo sets may be listed: the test split is never looked at item by item.

    python -m eval.miss_causes [--set dev|devx|devy|demo] [--only SUBSTRING] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

from core.settings import Settings
from core.textnorm import match_form
from eval.gold import SETS, annotated_targets, extract, load_sets
from eval.matching import (
    INDICATOR_PRECISION,
    INDICATOR_RECALL,
    _num_eq,
    get,
    indicator_words,
    match,
    same_indicator,
    same_target,
    same_unit,
)

_PARTNER_OVERLAP = 0.6  # share of the shorter text's words two quotes must share to be one goal


def differences(gold: Any, found: Any) -> list[str]:
    """The fields on which ``found`` fails to be ``gold`` under the strict rules."""
    out = []
    if not _num_eq(get(gold, "value"), get(found, "value")):
        out.append("value")
    if get(gold, "comparator") != get(found, "comparator"):
        out.append("comparator")
    elif get(gold, "comparator") == "range" and not _num_eq(get(gold, "value_max"), get(found, "value_max")):
        out.append("value_max")
    if get(gold, "year") != get(found, "year"):
        out.append("year")
    if not same_unit(get(gold, "unit"), get(found, "unit")):
        out.append("unit")
    if not same_indicator(get(gold, "indicator"), get(found, "indicator")):
        g, f = indicator_words(get(gold, "indicator")), indicator_words(get(found, "indicator"))
        common = len(g & f)
        if not g or common / len(g) < INDICATOR_RECALL:
            out.append("indicator too short")
        if not f or common / len(f) < INDICATOR_PRECISION:
            out.append("indicator too long")
    return out


def _overlap(gold: Any, found: Any) -> float:
    g, f = set(match_form(get(gold, "text") or "").split()), set(match_form(get(found, "text") or "").split())
    return len(g & f) / max(1, min(len(g), len(f)))


def causes(gold: list[Any], found: list[Any]) -> tuple[Counter[str], list[tuple[Any, Any, list[str]]]]:
    """Counts of causes and, per miss, (gold, partner or None, causes); leftovers are spurious."""
    m = match(gold, found, same_target)
    left = list(m.unmatched)
    counts: Counter[str] = Counter()
    rows: list[tuple[Any, Any, list[str]]] = []
    for g in m.missed:
        same_value = [f for f in left if _num_eq(get(g, "value"), get(f, "value"))]
        pool = same_value or [f for f in left if _overlap(g, f) > _PARTNER_OVERLAP]
        partner = max(pool, key=lambda f: _overlap(g, f)) if pool else None
        why = differences(g, partner) if partner is not None else ["not found"]
        if partner is not None:
            left.remove(partner)
        counts.update(why)
        rows.append((g, partner, why))
    counts["spurious"] += len(left)
    rows += [(None, f, ["spurious"]) for f in left]
    return counts, rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Count why targets miss under the strict scorer (never on test)")
    ap.add_argument("--set", choices=[s for s in SETS if s != "test"], default="dev")
    ap.add_argument("--only", help="only records whose source contains this")
    ap.add_argument("--verbose", "-v", action="store_true", help="list each miss with its partner")
    args = ap.parse_args(argv)
    settings, total = Settings(), Counter[str]()
    for record in load_sets((args.set,))[args.set]:
        if args.only and args.only not in record["source"]:
            continue
        found = annotated_targets(record, extract(record, settings))
        counts, rows = causes(record.get("targets") or [], found)
        total.update(counts)
        if args.verbose and rows:
            print(f"\n## {record['source']}")
            for g, f, why in rows:
                want, got = g and (g["value"], g["indicator"]), f and (f.value, f.indicator)
                print(f"  {why}: gold {want} / found {got}")
    print(dict(total.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
