"""A learned candidate for targets and signers: spaCy NER trained on the real gold DEV split,
scored on the TEST split against the rule-based extractor, on the same located gold spans.

1. ``eval.spacy_gold`` builds the gold Docs (items located in their text, as ``vanban export
   spacy`` writes them). Training uses DEV only: its documents, split into lines (short
   examples, shuffled well; never cut inside a gold span), with ``TARGET`` and ``SIGNER``
   entities (every line with one, and a seeded sample of ``--negatives`` lines without);
   every 7th DEV document is held out as spaCy's own dev set (model selection). TEST is
   never seen before the final scoring.
2. ``spacy train bench/spacy_ner.cfg`` on CPU (small tok2vec, a bounded number of steps).
3. On every TEST document, the gold items' character spans (``eval.spacy_gold.locate``)
   against (a) the model's entities on the whole text, (b) the spans of
   ``extract.pipeline.run`` on the same text. Precision/recall/F1 under three matchings,
   one-to-one: ``exact`` (same characters once edge spaces and punctuation are trimmed),
   ``half`` (character overlap ≥ 50% of the union), ``overlap`` (any shared character). The
   rule-based signer span is the whole signature block, the gold one the name: compare
   signers under ``overlap``.

    python bench/spacy_train.py [--steps 1500] [--patience 600] [--negatives 2000] [--threads 2]
                                [--out bench/out/spacy]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402
from spacy.util import filter_spans  # noqa: E402

from core.settings import Settings  # noqa: E402
from eval.gold import load_gold, read_source  # noqa: E402
from eval.spacy_gold import REAL_DIR, gold_doc, locate  # noqa: E402
from extract.pipeline import run as extract_run  # noqa: E402

KINDS = {"targets": "TARGET", "signers": "SIGNER"}
HOLDOUT_EVERY = 7
_TRIM = " \t\n.,;:-–—()[]\"'“”"
CharSpan = tuple[int, int]


def trim(text: str, span: CharSpan) -> CharSpan:
    s, e = span
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def lines_of(doc: Doc, nlp: spacy.Language) -> list[Doc]:
    """The doc cut at line breaks that fall outside every gold span (a PDF's hard-wrapped
    sentence stays whole), as Docs with TARGET/SIGNER entities."""
    spans = [(s.start_char, s.end_char, KINDS[k]) for k in KINDS for s in doc.spans[k]]
    text = doc.text
    cuts = [i for i, c in enumerate(text) if c == "\n" and not any(s <= i < e for s, e, _ in spans)]
    out = []
    for start, end in zip([0, *(c + 1 for c in cuts)], [*cuts, len(text)], strict=True):
        if not text[start:end].strip():
            continue
        line = nlp.make_doc(text[start:end])
        ents = [line.char_span(s - start, e - start, label=label, alignment_mode="expand")
                for s, e, label in spans if start <= s and e <= end]
        line.ents = filter_spans([e for e in ents if e is not None])
        out.append(line)
    return out


def predict(model: spacy.Language, text: str) -> list[tuple[int, int, str]]:
    """The model's entities, line by line as it was trained (on a whole document at once it
    finds none: it learned lines, where a signer's name is the whole example)."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    out = []
    for (start, _), doc in zip(lines, model.pipe(t for _, t in lines), strict=True):
        out += [(start + e.start_char, start + e.end_char, e.label_) for e in doc.ents]
    return out


def prf(gold: Sequence[CharSpan], found: Sequence[CharSpan], same: Callable[[CharSpan, CharSpan], bool]
        ) -> tuple[int, int, int]:
    used: set[int] = set()
    tp = 0
    for g in gold:
        hit = next((i for i, f in enumerate(found) if i not in used and same(g, f)), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return tp, len(found) - tp, len(gold) - tp


def matchers(text: str) -> dict[str, Callable[[CharSpan, CharSpan], bool]]:
    def inter(a: CharSpan, b: CharSpan) -> int:
        return max(0, min(a[1], b[1]) - max(a[0], b[0]))

    def union(a: CharSpan, b: CharSpan) -> int:
        return max(a[1], b[1]) - min(a[0], b[0])

    return {
        "exact": lambda a, b: trim(text, a) == trim(text, b),
        "half": lambda a, b: inter(a, b) >= 0.5 * union(a, b),
        "overlap": lambda a, b: inter(a, b) > 0,
    }


def scores(counts: dict) -> dict:
    out = {}
    for key, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[key] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--patience", type=int, default=600,
                    help="steps without a better held-out score before stopping (0: never stop)")
    ap.add_argument("--negatives", type=int, default=2000,
                    help="training lines without a span kept (a seeded sample; all lines with one are kept)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "spacy")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    settings, nlp = Settings(), spacy.blank("vi")

    # 1. training data from DEV only
    train, hold, located = [], [], {k: 0 for k in KINDS}
    for i, record in enumerate(load_gold(REAL_DIR / "dev")):
        doc, _ = gold_doc(nlp, record, settings)
        for k in KINDS:
            located[k] += len(doc.spans[k])
        lines = lines_of(doc, nlp)
        (hold if i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1 else train).extend(lines)
    positive = [d for d in train if d.ents]
    negative = [d for d in train if not d.ents]
    random.Random(0).shuffle(negative)
    train = positive + negative[: args.negatives]
    DocBin(docs=train).to_disk(args.out / "train.spacy")
    DocBin(docs=hold).to_disk(args.out / "holdout.spacy")
    print(f"dev: {len(train)} training lines ({len(positive)} with a span), {len(hold)} held-out lines, "
          f"gold spans {located}", flush=True)

    # 2. spacy train on CPU
    env = {**os.environ, "OMP_NUM_THREADS": str(args.threads), "OPENBLAS_NUM_THREADS": str(args.threads)}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "spacy", "train", str(ROOT / "bench" / "spacy_ner.cfg"),
                    "--output", str(args.out / "model"), "--paths.train", str(args.out / "train.spacy"),
                    "--paths.dev", str(args.out / "holdout.spacy"), "--training.max_steps", str(args.steps),
                    "--training.patience", str(args.patience)],
                   check=True, env=env)
    train_s = time.perf_counter() - t0
    model = spacy.load(args.out / "model" / "model-best")

    # 3. TEST: model vs rules on the same located gold spans
    counts = {f"{who}/{k}/{m}": [0, 0, 0] for who in ("ner", "rules") for k in KINDS
              for m in ("exact", "half", "overlap")}
    times = {"ner": 0.0, "rules": 0.0}
    records = load_gold(REAL_DIR / "test")
    for record in records:
        source = read_source(record, settings)
        gold_spans, _ = locate(record, source.text)  # characters, not pyvi's widened tokens
        t = time.perf_counter()
        pred = predict(model, source.text)
        times["ner"] += time.perf_counter() - t
        t = time.perf_counter()
        rules = extract_run(source)
        times["rules"] += time.perf_counter() - t
        same = matchers(source.text)
        for k, label in KINDS.items():
            want = gold_spans[k]
            found = {
                "ner": [(s, e) for s, e, lab in pred if lab == label],
                "rules": [tuple(it.span) for it in getattr(rules, k) if it.span],
            }
            for who, spans in found.items():
                for m, eq in same.items():
                    tp, fp, fn = prf(want, spans, eq)
                    c = counts[f"{who}/{k}/{m}"]
                    c[0], c[1], c[2] = c[0] + tp, c[1] + fp, c[2] + fn
    result = {"train_seconds": round(train_s, 1), "steps": args.steps, "patience": args.patience,
              "negatives": args.negatives, "training_lines": len(train), "test_documents": len(records),
              "seconds": {k: round(v, 2) for k, v in times.items()}, "scores": scores(counts)}
    (args.out / "result.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"\ntrained {train_s:.0f} s; TEST {len(records)} documents "
          f"(ner {times['ner']:.1f} s, rules {times['rules']:.1f} s)")
    print(f"{'kind':<9}{'match':<9}{'spaCy NER P/R/F1':>22}{'rules P/R/F1':>22}")
    for k in KINDS:
        for m in ("exact", "half", "overlap"):
            a, b = result["scores"][f"ner/{k}/{m}"], result["scores"][f"rules/{k}/{m}"]
            print(f"{k:<9}{m:<9}{a['p']:>8.2f}{a['r']:>7.2f}{a['f1']:>7.2f}{b['p']:>8.2f}{b['r']:>7.2f}{b['f1']:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
