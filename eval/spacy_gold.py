"""The real gold set (``eval/gold_real/{dev,test}``) as spaCy training data (``DocBin``).

Annotators quoted items, they did not mark character spans (``/work/annot/GUIDE.md``), so each
gold item is looked up in the document's text with the tolerant search of ``extract.locate``:
targets, achievements and tasks by their ``text`` quote (in document order), signers by their
name (the last occurrence: the signature closes the document), decisions by their number
(``Quyết định 749`` for a partial number). An item that cannot be found is left out of the
DocBin and counted, so the export says how much of the gold it carries.

Each ``Doc`` holds the text as ``vanban extract`` reads it (``eval.gold.read_source``),
tokenized by ``spacy.blank("vi")``, with one span group per item list (``doc.spans["targets"]``
…, labelled ``target`` …, as the ``vanban_extract`` component fills them) and the gold file's
name and source in ``doc.user_data``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from core.errors import InputError, VanbanError
from core.record import Span as CharSpan
from core.settings import Settings
from eval.gold import ROOT, load_gold, read_source
from extract.locate import Skeleton, find_quote
from extract.spacy_component import GROUPS, align

REAL_DIR = ROOT / "eval" / "gold_real"
SPLITS = ("dev", "test")


@dataclass
class Located:
    """How many gold items of each kind were found in their text, and the ones that were not."""

    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUPS, 0))
    missing: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in GROUPS})
    documents: int = 0
    unreadable: list[str] = field(default_factory=list)  # gold files whose source failed to read

    def add(self, other: Located) -> None:
        self.documents += other.documents
        self.unreadable += other.unreadable
        for k in GROUPS:
            self.found[k] += other.found[k]
            self.missing[k] += other.missing[k]

    def line(self) -> str:
        parts = [f"{k} {self.found[k]}/{self.found[k] + len(self.missing[k])}" for k in GROUPS]
        failed = f" ({len(self.unreadable)} unreadable: {'; '.join(self.unreadable)})" * bool(self.unreadable)
        return f"{self.documents} documents{failed}; located " + ", ".join(parts)


def _decision_quotes(item: dict) -> list[str]:
    number, kind = item.get("number"), item.get("type")
    if not number:
        return []
    if "/" in number or not kind:
        return [number]
    # a partial number ('749') alone would hit any figure: anchor it on its document type
    return [f"{kind} số {number}", f"{kind} {number}"]


def locate(record: dict, text: str) -> tuple[dict[str, list[CharSpan]], Located]:
    """Character spans of the record's items in ``text``, per item list."""
    skel = Skeleton.of(text)
    spans: dict[str, list[CharSpan]] = {k: [] for k in GROUPS}
    stats = Located(documents=1)
    for key in GROUPS:
        cursor = 0
        for item in record.get(key) or []:
            hit: CharSpan | None = None
            if key == "signers":
                hit = find_quote(skel, item.get("name") or "", last=True)
            elif key == "decisions":
                hit = next((h for q in _decision_quotes(item) if (h := find_quote(skel, q))), None)
            else:
                hit = find_quote(skel, item.get("text") or "", start=cursor)
            if hit is None:
                what = item.get("text") or item.get("name") or item
                stats.missing[key].append(f"{record.get('_file')}: {what}")
                continue
            stats.found[key] += 1
            spans[key].append(hit)
            cursor = hit[1] if key not in ("signers", "decisions") else cursor
    return spans, stats


def gold_doc(nlp: Language, record: dict, settings: Settings) -> tuple[Doc, Located]:
    """One gold record as a Doc with its located items as span groups."""
    text = read_source(record, settings).text
    doc = nlp.make_doc(text)
    spans, stats = locate(record, text)
    for key, label in GROUPS.items():
        doc.spans[key] = [align(doc, s, e, label)[0] for s, e in spans[key]]
    doc.user_data["gold_file"] = record.get("_file")
    doc.user_data["source"] = record.get("source")
    return doc, stats


def build(split_dir: Path, settings: Settings, nlp: Language | None = None) -> tuple[list[Doc], Located]:
    """Docs of every gold record in one split folder."""
    nlp = nlp or spacy.blank("vi")
    docs, total = [], Located()
    records = load_gold(split_dir)
    if not records:
        raise InputError(f"no gold records in {split_dir}")
    for record in records:
        try:
            doc, stats = gold_doc(nlp, record, settings)
        except VanbanError as err:  # one unreadable source must not lose the rest of the split
            total.unreadable.append(f"{record['_file']} ({err})")
            continue
        docs.append(doc)
        total.add(stats)
    return docs, total


def split_path(output: Path, split: str) -> Path:
    """``gold.spacy`` → ``gold.dev.spacy`` / ``gold.test.spacy``."""
    return output.with_name(f"{output.stem}.{split}{output.suffix or '.spacy'}")


def write(docs: Iterable[Doc], path: Path) -> None:
    DocBin(docs=docs, store_user_data=True).to_disk(path)


def export(output: Path, settings: Settings, gold_dir: Path = REAL_DIR) -> dict[str, tuple[Path, Located]]:
    """Write one DocBin per split next to ``output``; returns each split's file and counts."""
    nlp = spacy.blank("vi")
    output.parent.mkdir(parents=True, exist_ok=True)
    out: dict[str, tuple[Path, Located]] = {}
    for split in SPLITS:
        docs, stats = build(gold_dir / split, settings, nlp)
        path = split_path(output, split)
        write(docs, path)
        out[split] = (path, stats)
    return out
