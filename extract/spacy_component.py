"""vanban's extraction as a spaCy pipeline component, ``vanban_extract``.

NLP engineers build spaCy pipelines; this lets them add our extractors with
``nlp.add_pipe("vanban_extract")`` (a ``spacy_factories`` entry point, so no import is needed
after ``pip install``) instead of shelling out to ``vanban extract --json`` and mapping
character spans onto their tokens by hand.

The component runs ``extract.pipeline.run`` on ``doc.text`` (the same code as ``vanban
extract``) and fills:

- ``doc.spans["decisions" | "signers" | "targets" | "achievements" | "tasks"]``: one span per
  record item, in the record's order, labelled ``decision`` / ``signer`` / …; each span carries
  the item's SPEC fields as extension attributes (``span._.number``, ``._.relation``,
  ``._.value``, ``._.unit``, ``._.year``, ``._.comparator``, ``._.indicator_id``,
  ``._.assignee``, ``._.deadline`` …), the whole item as ``span._.item`` and how the span was
  aligned as ``span._.alignment``;
- ``doc._.record``: the SPEC §2 record as a JSON dict (what ``vanban extract --json`` prints).

Any tokenizer works: character spans become token spans with ``char_span(…, "expand")``; a
span that still does not align (it starts and ends inside whitespace some tokenizer kept
apart) takes the nearest tokens, and an item without a span (a ``self`` decision the text
numbers nowhere) is found by its number or name, so no item is ever dropped. ``doc._.record``
may be set before the component runs (a ``Document`` from ``ingest.reader.read``, or a dict
with ``source``/``title``/``published_at``/``kind``): those ingest-side fields then inform the
extraction exactly as in ``vanban extract FILE``.

Text that is empty or only whitespace raises ``core.errors.NoTextError``, as ``vanban extract``
refuses such a file; there is no size limit beyond spaCy's own ``nlp.max_length``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from core.errors import NoTextError
from core.record import Document, document_id
from extract import pipeline
from extract.locate import Skeleton, find_quote

# Span group key → span label; the keys are the record's item lists (SPEC §2 and §5).
GROUPS: dict[str, str] = {
    "decisions": "decision",
    "signers": "signer",
    "targets": "target",
    "achievements": "achievement",
    "tasks": "task",
}
# Every SPEC field an item of one of the groups may carry, as a span extension attribute.
SPAN_FIELDS: tuple[str, ...] = (
    "number", "type", "issued_on", "issuer", "signer", "signer_title", "subject", "relation",
    "scope", "parts", "name", "title", "indicator", "comparator", "value", "value_max", "unit",
    "year", "indicator_id", "indicator_label", "assignee", "deadline",
)
# Fields ingest fills that extraction reads (a news page's date, a title's year).
SEED_FIELDS: tuple[str, ...] = ("source", "title", "published_at", "kind")
# Which field names an item that has no span, in the order tried.
_FIND_BY: tuple[str, ...] = ("number", "name", "text")


def register_extensions() -> None:
    """Declare ``span._.<field>``, ``span._.item``, ``span._.alignment`` and ``doc._.record``
    (once; an extension another package already declared under the same name is kept)."""
    for name in (*SPAN_FIELDS, "item", "alignment"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("record"):
        Doc.set_extension("record", default=None)


class VanbanExtract:
    """The pipeline component: ``doc`` in, the same ``doc`` with span groups and a record out."""

    def __init__(self, nlp: Language, name: str = "vanban_extract") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        record = pipeline.run(seed_document(doc))
        data = record.to_json(with_structure=False)
        skeleton: Skeleton | None = None
        for key, label in GROUPS.items():
            spans = []
            for item in data[key]:
                where = item.get("span")
                if where is None:
                    skeleton = skeleton or Skeleton.of(doc.text)
                    span, how = _locate_item(doc, skeleton, item, label)
                else:
                    span, how = align(doc, where[0], where[1], label)
                for field in SPAN_FIELDS:
                    if field in item:
                        span._.set(field, item[field])
                span._.item = item
                span._.alignment = how
                spans.append(span)
            doc.spans[key] = spans
        doc._.record = data
        return doc


@Language.factory("vanban_extract")
def make_component(nlp: Language, name: str) -> VanbanExtract:
    """The ``vanban_extract`` factory (also the ``spacy_factories`` entry point)."""
    return VanbanExtract(nlp, name)


def seed_document(doc: Doc) -> Document:
    """The record extraction starts from: ``doc.text`` plus any ingest fields preset on
    ``doc._.record``. Empty text is refused as ``vanban extract`` refuses an empty file."""
    text = doc.text
    if not text.strip():
        raise NoTextError("no text found in the document")
    preset: Any = doc._.record if Doc.has_extension("record") else None
    if isinstance(preset, Document):
        preset = preset.model_dump(include=set(SEED_FIELDS))
    fields = {k: preset[k] for k in SEED_FIELDS if isinstance(preset, dict) and preset.get(k) is not None}
    fields.setdefault("source", "spacy")
    return Document(id=document_id(text), text=text, **fields)


def align(doc: Doc, start: int, end: int, label: str) -> tuple[Span, str]:
    """Token span covering characters ``[start, end)`` and how it was found: ``exact`` (the
    span falls on token boundaries), ``expand`` (widened to the tokens it touches) or
    ``nearest`` (only whitespace there: the tokens around it)."""
    span = doc.char_span(start, end, label=label, alignment_mode="strict")
    if span is not None:
        return span, "exact"
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is not None and len(span):
        return span, "expand"
    return _nearest(doc, start, end, label), "nearest"


def _nearest(doc: Doc, start: int, end: int, label: str) -> Span:
    """The tokens overlapping ``[start, end)``, or the next token (else the last one)."""
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t) for t in doc]
    first = bisect_right(ends, start)  # first token ending after start
    last = bisect_left(starts, end)  # tokens before it start before end
    if first >= len(doc):
        first = last = len(doc) - 1
        last += 1
    elif last <= first:
        last = first + 1
    return Span(doc, first, last, label=label)


def _locate_item(doc: Doc, skeleton: Skeleton, item: dict[str, Any], label: str) -> tuple[Span, str]:
    """An item without a span: where its number, name or text first occurs; if nowhere, an
    empty span at the start (the item stays in its group, flagged ``none``)."""
    for field in _FIND_BY:
        if item.get(field) and (hit := find_quote(skeleton, str(item[field]))):
            span, _ = align(doc, hit[0], hit[1], label)
            return span, "located"
    return Span(doc, 0, 0, label=label), "none"
