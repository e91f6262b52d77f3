"""Score the real pipeline against hand-annotated gold records.

The gold sets, reported side by side:

- ``test``: real documents nobody here wrote (``eval/gold_real/test``), annotated in two
  independent passes and reconciled (``eval/gold_real/DISAGREEMENTS.md``). The headline: never
  tune on it.
- ``dev``: the same kind of real documents (``eval/gold_real/dev``): tune on these.
- ``devx``: more real documents nobody here wrote (``eval/gold_real/devx``), annotated for
  targets only (two passes reconciled, ``devx/DISAGREEMENTS.md``): dev had too few targets to
  tune on without fitting one document's wording. Its records carry only ``source``, ``targets``
  and ``not_targets``, so only targets (and achievements reported as targets) are scored; a
  document with more goals than the annotators labelled says where they stopped
  (``annotated_until``).
- ``devy``: a third family of real documents (``eval/gold_real/devy``), targets only like devx and
  annotated the same way, scored once before any rule saw it (an honest unseen check) and then
  tuned on.
- ``demo``: our own corpus (``corpus/gold``). It stays for regression tests; it is no evidence
  of quality, since we wrote both the text and the labels.

Each gold record names its ``source`` (relative to the repository; real ones live in
``../shared``) and what a reader of the text says must come out. We read that file through
``ingest.reader.read`` and ``extract.pipeline.run`` exactly as ``vanban extract`` does, then
score field by field, as strictly as a user reads (``eval.matching``):

- precision/recall/F1 for item lists: ``decisions`` (canonical number + relation), ``reported``
  (the decisions a news page reports), ``dates``, ``signers`` and ``people`` (names),
  ``targets`` (value, comparator, year, unit and the same indicator), ``achievements``,
  ``task_assignee`` (the same body, not a substring of it);
- accuracy for the identity fields ``number``, ``issued_on``, ``issuer``, ``kind``,
  ``effective_from`` and, for information, ``province`` and ``published_at``;
- ``achievements_as_targets``: extracted targets the annotator listed under ``not_targets``;
- ``boilerplate_leaks``: ``text_must_not_contain`` strings still present in the clean text.

A field a record does not annotate is not scored on it (the demo gold has no achievements).
A document that fails to read or extract scores as all misses and is named, so the evaluation
always finishes; an empty gold folder is an error, never a perfect score.

    python -m eval.gold [--json out.json] [--only SUBSTRING] [--set test] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.record import Document
from core.settings import Settings
from core.textnorm import clean, match_form, same
from eval.matching import (
    PRF,
    Matching,
    canon_number,
    date_items,
    decision_key,
    get,
    is_trap,
    match,
    same_assignee,
    same_body,
    same_name,
    same_target,
    same_value,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "corpus" / "gold"
REAL_DIR = ROOT / "eval" / "gold_real"
SETS = ("test", "dev", "devx", "devy", "demo")
# Sets annotated for targets only: extra tuning data that must share no document with dev/test.
TARGET_ONLY_SETS = ("devx", "devy")
PRF_FIELDS = (
    "decisions", "reported", "dates", "signers", "targets", "achievements", "task_assignee", "people",
)
ACC_FIELDS = ("number", "issued_on", "issuer", "kind", "effective_from")
INFO_FIELDS = ("province", "published_at", "task_deadline")
# Gold items counted per set, so a gate can hold a floor on how much evidence a score rests on.
COUNTED = ("targets", "achievements", "signers", "task_assignee", "reported", "decisions")


class EmptyGoldError(RuntimeError):
    """A gold folder with no records: scoring it would report a perfect, meaningless 1.0."""


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
    # The item lists some record annotates; the others have no gold, so no score (devx: targets).
    scored: set[str] = field(default_factory=set)

    def add(self, other: Score) -> None:
        for f in PRF_FIELDS:
            self.prf[f].add(other.prf[f])
        self.scored |= other.scored
        for f in self.correct:
            self.correct[f] += other.correct[f]
            self.total[f] += other.total[f]
        self.achievements_as_targets += other.achievements_as_targets
        self.boilerplate_leaks += other.boilerplate_leaks
        self.failures += other.failures
        self.documents += other.documents

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            f: {"p": round(c.p, 4), "r": round(c.r, 4), "f1": round(c.f1, 4), "n": c.tp + c.fn}
            for f, c in self.prf.items()
        }
        for f in self.correct:
            acc = self.correct[f] / self.total[f] if self.total[f] else 1.0
            out[f] = {"accuracy": round(acc, 4), "n": self.total[f]}
        out["achievements_as_targets"] = self.achievements_as_targets
        out["boilerplate_leaks"] = self.boilerplate_leaks
        out["failures"] = self.failures
        out["documents"] = self.documents
        return out


class MissingQuoteError(ValueError):
    """A record's ``annotated_until`` quote is not in its text: where labelling stopped is unknown."""


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


def _reported(items: list[Any]) -> list[Any]:
    return [d for d in items if get(d, "relation") == "reported"]


def annotated_targets(record: dict, doc: Document) -> list[Any]:
    """The extracted targets the annotators read: a record with more goals than they could label
    (``"annotated_until"``: the exact quote, blanks free, ending the last one labelled) scores only
    those that start before the quote's end, so the unlabelled rest counts neither way."""
    quote = record.get("annotated_until")
    if not quote:
        return list(doc.targets)
    m = re.search(r"\s+".join(map(re.escape, quote.split())), doc.text)
    if m is None:
        raise MissingQuoteError(f"annotated_until quote not in {record['source']}: {quote!r}")
    return [t for t in doc.targets if t.span is None or t.span[0] < m.end()]


def _identity_ok(name: str, want: Any, got: Any) -> bool:
    if name == "number":
        return canon_number(want) == canon_number(got) if want else got is None
    if name == "issuer":
        return same_body(want, got) if want else got is None
    if name == "province":
        return same(want, got or "") if want else got is None
    return bool(want == got)


def score(record: dict, doc: Document | None) -> Score:
    s = Score(documents=1)
    empty: list = []
    found_decisions = list(doc.decisions) if doc else empty
    pairs = {
        "decisions": (
            record.get("decisions"),
            found_decisions,
            lambda g, f: decision_key(g) == decision_key(f),
        ),
        "reported": (
            _reported(record["decisions"]) if "decisions" in record else None,
            _reported(found_decisions),
            lambda g, f: canon_number(get(g, "number")) == canon_number(get(f, "number")),
        ),
        "dates": (
            date_items(record.get("issued_on"), record.get("decisions", []))
            if "issued_on" in record or "decisions" in record else None,
            date_items(doc.issued_on, found_decisions) if doc else empty,
            lambda g, f: g[1] == f[1] and (g[0] == f[0] or not (g[0] and f[0])),
        ),
        "signers": (record.get("signers"), doc.signers if doc else empty, same_name),
        "targets": (record.get("targets"), annotated_targets(record, doc) if doc else empty, same_target),
        "achievements": (
            record.get("achievements"),
            list(getattr(doc, "achievements", None) or []) if doc else empty,
            same_value,
        ),
        "task_assignee": (
            [t for t in record["tasks"] if t.get("assignee")] if "tasks" in record else None,
            [t for t in doc.tasks if t.assignee] if doc else empty,
            same_assignee,
        ),
        "people": (record.get("people"), doc.people if doc else empty, same_name),
    }
    matched: dict[str, Matching] = {}
    for name, (gold, found, eq) in pairs.items():
        if gold is None:
            continue  # not annotated in this record
        matched[name] = match(gold, found, eq)
        s.scored.add(name)
        s.prf[name] = matched[name].counts
        s.misses += [f"{name} missed: {m}" for m in matched[name].missed]
        if name in ("targets", "achievements", "signers", "reported"):
            s.misses += [f"{name} extra: {u}" for u in matched[name].unmatched]
    # Deadlines are judged only on tasks whose assignee was found: an info figure for extract.tasks.
    for g, f in matched.get("task_assignee", Matching(PRF(), [], [], [])).pairs:
        s.total["task_deadline"] += 1
        s.correct["task_deadline"] += int(g.get("deadline") == get(f, "deadline"))
    for f in ACC_FIELDS + INFO_FIELDS:
        if f not in record:
            continue  # task_deadline is never a record key: it is counted above
        s.total[f] = 1
        want, got = record[f], getattr(doc, f, None) if doc else None
        ok = doc is not None and _identity_ok(f, want, got)
        s.correct[f] = int(ok)
        if not ok:
            s.misses.append(f"{f}: want {want!r}, got {got!r}")
    if doc:
        # A target that matched a gold one is a goal, even if a trap phrase sits inside it.
        extra = matched["targets"].unmatched if "targets" in matched else []
        traps = [t for t in extra if is_trap(t, record)]
        s.achievements_as_targets = len(traps)
        s.misses += [f"achievement as target: {get(t, 'text')!r}" for t in traps]
        leaks = [x for x in record.get("text_must_not_contain", []) if match_form(x) in match_form(doc.text)]
        s.boilerplate_leaks = len(leaks)
        s.misses += [f"boilerplate kept: {x!r}" for x in leaks]
    return s


# ---- the run -------------------------------------------------------------------------------


def load_gold(gold_dir: Path = GOLD_DIR) -> list[dict]:
    """Every ``*.json`` gold record of one folder, sorted by file name; none is an error."""
    records = []
    for path in sorted(gold_dir.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        record["_file"] = path.name
        records.append(record)
    if not records:
        raise EmptyGoldError(f"no gold records in {gold_dir}")
    return records


def load_sets(names: tuple[str, ...] | list[str] = SETS) -> dict[str, list[dict]]:
    """The named gold sets (``demo`` is ours, ``dev``/``devx``/``test`` the real ones); each must be
    non-empty."""
    return {name: load_gold(GOLD_DIR if name == "demo" else REAL_DIR / name) for name in names}


def subset(record: dict) -> str:
    return "real" if record["source"].startswith("../") else "demo"


def evaluate(records: list[dict], settings: Settings, verbose: bool = False) -> Score:
    total = Score(documents=0)
    for record in records:
        doc: Document | None
        try:
            doc = extract(record, settings)
        except Exception as err:  # one broken reader/extractor must not hide the other scores
            print(f"[gold] {record['source']}: FAILED {type(err).__name__}: {err}", file=sys.stderr)
            doc = None
        s = score(record, doc)
        s.failures = int(doc is None)
        total.add(s)
        if verbose and s.misses:
            print(f"\n## {record['source']}")
            for line in s.misses:
                print(f"  - {line}")
    return total


def counts(records: list[dict]) -> dict[str, int]:
    """How many gold items each scored field rests on."""
    out = {"documents": len(records)}
    for f in COUNTED:
        n = 0
        for r in records:
            if f == "task_assignee":
                n += sum(1 for t in r.get("tasks", []) if t.get("assignee"))
            elif f == "reported":
                n += len(_reported(r.get("decisions", [])))
            else:
                n += len(r.get(f) or [])
        out[f] = n
    return out


def table(totals: dict[str, Score]) -> str:
    cols = [k for k in totals if totals[k].documents]
    head = f"{'field':<24}" + "".join(f"{c + ' (' + str(totals[c].documents) + ')':>26}" for c in cols)
    lines = [head, "-" * len(head)]
    for f in PRF_FIELDS:
        cells = [totals[c].prf[f] for c in cols]
        shown = [f"P {x.p:.2f} R {x.r:.2f} F {x.f1:.2f} n{x.tp + x.fn}" if f in totals[c].scored
                 else "not annotated" for c, x in zip(cols, cells, strict=True)]
        lines.append(f"{f:<24}" + "".join(f"{x:>26}" for x in shown))
    for f in ACC_FIELDS + INFO_FIELDS:
        cells = [f"{totals[c].correct[f]}/{totals[c].total[f]}" if totals[c].total[f] else "not annotated"
                 for c in cols]
        lines.append(f"{f + ' (accuracy)':<24}" + "".join(f"{x:>26}" for x in cells))
    for f in ("achievements_as_targets", "boilerplate_leaks", "failures"):
        lines.append(f"{f:<24}" + "".join(f"{getattr(totals[c], f):>26}" for c in cols))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score extraction against the gold sets (test is the headline)")
    ap.add_argument("--json", type=Path, help="write {'gold': {set: metrics}} here")
    ap.add_argument("--only", help="score only records whose source contains this")
    ap.add_argument("--set", choices=SETS, action="append", help="score only these sets (default: all)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list each document's misses")
    args = ap.parse_args(argv)
    try:
        sets = load_sets(args.set or SETS)
    except EmptyGoldError as err:
        print(f"[gold] {err}", file=sys.stderr)
        return 2
    settings = Settings()
    totals: dict[str, Score] = {}
    metrics: dict[str, Any] = {}
    for name in args.set or SETS:
        records = [r for r in sets[name] if not args.only or args.only in r["source"]]
        if not records:
            continue
        totals[name] = evaluate(records, settings, verbose=args.verbose)
        metrics[name] = totals[name].to_json() | {"counts": counts(records)}
    print(table(totals))
    if args.json:
        args.json.write_text(json.dumps({"gold": metrics}, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
