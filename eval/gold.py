"""Score the real pipeline against the hand-annotated gold set (corpus/gold/*.json).

Each gold record names its ``source`` (relative to the repository) and what a reader of the
text says must come out. We read that file through ``ingest.reader.read`` and
``extract.pipeline.run`` exactly as ``vanban extract`` does, then score field by field:

- precision/recall/F1 for item lists: ``decisions`` (canonical number + relation), ``dates``
  (the document's own date and each cited document's date), ``signers`` and ``people`` (names,
  equal up to tone placement and case), ``targets`` (value + comparator + year + unit, and an
  indicator that shares enough words), ``task_assignee`` (recall is the figure that matters);
- accuracy for the identity fields ``number``, ``issued_on``, ``issuer``, ``kind``;
- ``achievements_as_targets``: extracted targets that are really results or policy parameters
  the annotator listed under ``not_targets`` — the error users notice first, so it is a count;
- ``boilerplate_leaks``: ``text_must_not_contain`` strings still present in the clean text.

Scores are micro-averaged over documents, for all of them and for the ``demo`` (our corpus) and
``real`` (../shared) subsets. A document that fails to read or extract scores as all misses and
is named in the output, so the evaluation always finishes.

    python -m eval.gold [--json out.json] [--only SUBSTRING] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.record import Document
from core.settings import Settings
from core.textnorm import clean, fold, match_form, nfc, same

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "corpus" / "gold"
PRF_FIELDS = ("decisions", "dates", "signers", "targets", "task_assignee", "people")
ACC_FIELDS = ("number", "issued_on", "issuer", "kind")
INFO_FIELDS = ("province", "published_at", "task_deadline")
# Share of the shorter indicator's words the other must contain for two targets to match.
INDICATOR_OVERLAP = 0.5
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d[\d.,]*")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: PRF) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def p(self) -> float:
        # Nothing extracted: perfect only when nothing was expected either.
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Score:
    """Counts for one document or a sum of documents."""

    prf: dict[str, PRF] = field(default_factory=lambda: {f: PRF() for f in PRF_FIELDS})
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACC_FIELDS + INFO_FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACC_FIELDS + INFO_FIELDS, 0))
    achievements_as_targets: int = 0
    boilerplate_leaks: int = 0
    failures: int = 0
    documents: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for f in PRF_FIELDS:
            self.prf[f].add(other.prf[f])
        for f in self.correct:
            self.correct[f] += other.correct[f]
            self.total[f] += other.total[f]
        self.achievements_as_targets += other.achievements_as_targets
        self.boilerplate_leaks += other.boilerplate_leaks
        self.failures += other.failures
        self.documents += other.documents

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            f: {"p": round(c.p, 4), "r": round(c.r, 4), "f1": round(c.f1, 4)} for f, c in self.prf.items()
        }
        for f in self.correct:
            acc = self.correct[f] / self.total[f] if self.total[f] else 1.0
            out[f] = {"accuracy": round(acc, 4), "n": self.total[f]}
        out["achievements_as_targets"] = self.achievements_as_targets
        out["boilerplate_leaks"] = self.boilerplate_leaks
        out["failures"] = self.failures
        out["documents"] = self.documents
        return out


# ---- normalisation -------------------------------------------------------------------------


def canon_number(s: str | None) -> str:
    """``2536 /qđ-ubnd`` and ``2536/QĐ-UBND`` compare equal; ``QD`` is not silently ``QĐ``."""
    return re.sub(r"\s+", "", nfc(s or "")).upper()


def words(s: str | None) -> set[str]:
    return set(_WORD.findall(match_form(s or "")))


def overlap(a: str | None, b: str | None) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def vn_numbers(s: str) -> set[float]:
    """Numbers written the Vietnamese way (``1.246``, ``12,5``) in an annotation phrase."""
    out: set[float] = set()
    for tok in _NUMBER.findall(s):
        tok = tok.rstrip(".,")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", tok):
            tok = tok.replace(".", "")
        out.add(float(tok.replace(".", "").replace(",", ".")))
    return out


def get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


# ---- matching ------------------------------------------------------------------------------


@dataclass
class Matching:
    counts: PRF
    missed: list  # gold items no extracted item matched
    pairs: list[tuple[Any, Any]]  # (gold, extracted)
    unmatched: list  # extracted items no gold item matched


def match(gold: Sequence[Any], found: Sequence[Any], same_item: Callable[[Any, Any], bool]) -> Matching:
    """Greedy one-to-one matching of gold items to extracted items, in gold order."""
    used: set[int] = set()
    missed, pairs = [], []
    for g in gold:
        hit = next((i for i, f in enumerate(found) if i not in used and same_item(g, f)), None)
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
            pairs.append((g, found[hit]))
    counts = PRF(tp=len(pairs), fp=len(found) - len(pairs), fn=len(missed))
    return Matching(counts, missed, pairs, [f for i, f in enumerate(found) if i not in used])


def decision_key(d: Any) -> tuple[str, ...]:
    if get(d, "number"):
        return (canon_number(get(d, "number")), get(d, "relation") or "")
    return ("", fold(get(d, "type") or ""), get(d, "issued_on") or "", get(d, "relation") or "")


def date_items(number: str | None, issued_on: str | None, decisions: Iterable[Any]) -> list[tuple[str, str]]:
    items = [("self", issued_on)] if issued_on else []
    for d in decisions:
        if get(d, "issued_on"):
            who = canon_number(get(d, "number")) or fold(get(d, "type") or "")
            items.append((who, get(d, "issued_on")))
    return items


def same_name(g: Any, f: Any) -> bool:
    return same(get(g, "name") or "", get(f, "name") or "")


def same_target(g: dict, f: Any) -> bool:
    def num_eq(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return a is None and b is None
        return abs(float(a) - float(b)) < 1e-6

    return (
        num_eq(g.get("value"), get(f, "value"))
        and (g.get("comparator") != "range" or num_eq(g.get("value_max"), get(f, "value_max")))
        and g.get("comparator") == get(f, "comparator")
        and g.get("year") == get(f, "year")
        and same_unit(g.get("unit"), get(f, "unit"))
        and max(overlap(g.get("indicator"), get(f, "indicator")), overlap(g.get("indicator"), get(f, "text")))
        >= INDICATOR_OVERLAP
    )


def same_unit(a: str | None, b: str | None) -> bool:
    """``phòng`` and ``phòng học`` are one unit: the counted noun may carry its modifier."""
    wa, wb = match_form(a or "").split(), match_form(b or "").split()
    shorter, longer = sorted((wa, wb), key=len)
    return longer[: len(shorter)] == shorter and (bool(shorter) or not longer)


def same_assignee(g: dict, f: Any) -> bool:
    a, b = match_form(g.get("assignee") or ""), match_form(get(f, "assignee") or "")
    return bool(a and b) and (a == b or a in b or b in a)


def is_trap(target: Any, gold: dict) -> bool:
    """An extracted target that is one of the annotated results/policy parameters."""
    text = get(target, "text") or ""
    value = get(target, "value")
    gold_values = {float(t["value"]) for t in gold.get("targets", []) if t.get("value") is not None}
    for trap in gold.get("not_targets", []):
        if match_form(trap) in match_form(text) or (text and match_form(text) in match_form(trap)):
            return True
        if value is not None and float(value) in vn_numbers(trap) and float(value) not in gold_values:
            return True
    return False


# ---- one document --------------------------------------------------------------------------


def extract(record: dict, settings: Settings) -> Document:
    from extract.pipeline import run

    return run(read_source(record, settings))


def read_source(record: dict, settings: Settings) -> Document:
    """The gold record's document as ``vanban extract`` reads it (a tvpl page without the
    site's metadata table, which annotators were told to ignore); nothing extracted yet."""
    from ingest.reader import read

    doc = read(ROOT / record["source"], settings, source=record["source"])
    if record.get("strip_tvpl_metadata"):
        from eval.silver_labels import strip_site

        doc = doc.model_copy(update={"text": clean(strip_site(doc.text)), "sections": [], "pages": []})
    return doc


def score(record: dict, doc: Document | None) -> Score:
    s = Score(documents=1)
    empty: list = []
    found_decisions = doc.decisions if doc else empty
    pairs = {
        "decisions": (
            record.get("decisions", []),
            found_decisions,
            lambda g, f: decision_key(g) == decision_key(f),
        ),
        "dates": (
            date_items(record.get("number"), record.get("issued_on"), record.get("decisions", [])),
            date_items(doc.number, doc.issued_on, found_decisions) if doc else empty,
            lambda g, f: g[1] == f[1] and (g[0] == f[0] or not (g[0] and f[0])),
        ),
        "signers": (record.get("signers", []), doc.signers if doc else empty, same_name),
        "targets": (record.get("targets", []), doc.targets if doc else empty, same_target),
        "task_assignee": (
            [t for t in record.get("tasks", []) if t.get("assignee")],
            [t for t in doc.tasks if t.assignee] if doc else empty,
            same_assignee,
        ),
        "people": (record.get("people", []), doc.people if doc else empty, same_name),
    }
    matched: dict[str, Matching] = {}
    for name, (gold, found, eq) in pairs.items():
        matched[name] = match(gold, found, eq)
        s.prf[name] = matched[name].counts
        s.misses += [f"{name} missed: {m}" for m in matched[name].missed]
    # Deadlines are judged only on tasks whose assignee was found: an info figure for extract.tasks.
    for g, f in matched["task_assignee"].pairs:
        s.total["task_deadline"] += 1
        s.correct["task_deadline"] += int(g.get("deadline") == get(f, "deadline"))
    for f in ACC_FIELDS + INFO_FIELDS:
        if f not in record:
            continue  # task_deadline is never a record key: it is counted above
        s.total[f] = 1
        want, got = record[f], getattr(doc, f) if doc else None
        if doc is None:
            ok = False
        elif f == "number":
            ok = canon_number(want) == canon_number(got) if want else got is None
        elif f in ("issuer", "province"):
            ok = same(want, got or "") if want else got is None
        else:
            ok = want == got
        s.correct[f] = int(ok)
        if not ok:
            s.misses.append(f"{f}: want {want!r}, got {got!r}")
    if doc:
        # A target that matched a gold one is a goal, even if a trap phrase sits inside it.
        traps = [t for t in matched["targets"].unmatched if is_trap(t, record)]
        s.achievements_as_targets = len(traps)
        s.misses += [f"achievement as target: {get(t, 'text')!r}" for t in traps]
        leaks = [x for x in record.get("text_must_not_contain", []) if match_form(x) in match_form(doc.text)]
        s.boilerplate_leaks = len(leaks)
        s.misses += [f"boilerplate kept: {x!r}" for x in leaks]
    return s


# ---- the run -------------------------------------------------------------------------------


def load_gold(gold_dir: Path = GOLD_DIR) -> list[dict]:
    """Every ``*.json`` gold record, sorted by file name (other files there are not records)."""
    records = []
    for path in sorted(gold_dir.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        record["_file"] = path.name
        records.append(record)
    return records


def subset(record: dict) -> str:
    return "real" if record["source"].startswith("../") else "demo"


def evaluate(records: list[dict], settings: Settings, verbose: bool = False) -> dict[str, Score]:
    totals = {"all": Score(documents=0), "demo": Score(documents=0), "real": Score(documents=0)}
    for record in records:
        doc: Document | None
        try:
            doc = extract(record, settings)
        except Exception as err:  # one broken reader/extractor must not hide the other scores
            print(f"[gold] {record['source']}: FAILED {type(err).__name__}: {err}", file=sys.stderr)
            doc = None
        s = score(record, doc)
        s.failures = int(doc is None)
        totals["all"].add(s)
        totals[subset(record)].add(s)
        if verbose and s.misses:
            print(f"\n## {record['source']}")
            for line in s.misses:
                print(f"  - {line}")
    return totals


def table(totals: dict[str, Score]) -> str:
    cols = [k for k in ("all", "demo", "real") if totals[k].documents]
    head = f"{'field':<24}" + "".join(f"{c + ' (' + str(totals[c].documents) + ')':>24}" for c in cols)
    lines = [head, "-" * len(head)]
    for f in PRF_FIELDS:
        cells = [totals[c].prf[f] for c in cols]
        lines.append(f"{f:<24}" + "".join(f"{f'P {x.p:.2f} R {x.r:.2f} F {x.f1:.2f}':>24}" for x in cells))
    for f in ACC_FIELDS + INFO_FIELDS:
        cells = [f"{totals[c].correct[f]}/{totals[c].total[f]}" for c in cols]
        lines.append(f"{f + ' (accuracy)':<24}" + "".join(f"{x:>24}" for x in cells))
    for f in ("achievements_as_targets", "boilerplate_leaks", "failures"):
        lines.append(f"{f:<24}" + "".join(f"{getattr(totals[c], f):>24}" for c in cols))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score extraction against corpus/gold/*.json")
    ap.add_argument("--json", type=Path, help="write {'gold': metrics} here")
    ap.add_argument("--only", help="score only records whose source contains this")
    ap.add_argument("--verbose", "-v", action="store_true", help="list each document's misses")
    args = ap.parse_args(argv)
    records = [r for r in load_gold() if not args.only or args.only in r["source"]]
    totals = evaluate(records, Settings(), verbose=args.verbose)
    print(table(totals))
    if args.json:
        metrics = totals["all"].to_json()
        metrics["subsets"] = {k: totals[k].to_json() for k in ("demo", "real") if totals[k].documents}
        args.json.write_text(json.dumps({"gold": metrics}, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
