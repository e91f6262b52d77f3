"""One command to see the extraction as spaCy sees it: a file through ``spacy.blank("vi")`` and
the ``vanban_extract`` component, its span groups rendered by displacy into one HTML page.

    python -m api.spacy_view FILE [--key targets] [--key signers …] -o out.html

The file is read as ``vanban extract`` reads it (any supported type; ingest's title and date
seed the extraction), so the spans shown are that command's items. Each ``--key`` (default:
all five groups) becomes one section of the page.
"""

from __future__ import annotations

import argparse
import sys
from html import escape
from pathlib import Path

import spacy
from spacy import displacy
from spacy.tokens import Doc

from core.errors import VanbanError
from core.settings import get_settings
from extract.spacy_component import GROUPS
from ingest.reader import read


def annotate(path: Path) -> Doc:
    """The file's clean text as a Doc with the component's span groups and record."""
    document = read(path, get_settings())
    nlp = spacy.blank("vi")
    nlp.add_pipe("vanban_extract")
    nlp.max_length = max(nlp.max_length, len(document.text) + 1)
    doc = nlp.make_doc(document.text)
    doc._.record = document
    return nlp(doc)


def render(doc: Doc, keys: list[str]) -> str:
    parts = []
    for key in keys:
        body = "<p>none</p>"
        if doc.spans[key]:
            body = displacy.render(doc, style="span", options={"spans_key": key})
        parts.append(f"<h2>{key} ({len(doc.spans[key])})</h2>\n{body}")
    title = escape(doc._.record.get("number") or doc._.record.get("source") or "")
    return f"<!doctype html><meta charset='utf-8'><title>{title}</title>\n" + "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Render vanban_extract's span groups with displacy")
    ap.add_argument("file", type=Path)
    ap.add_argument("--key", action="append", choices=list(GROUPS), help="span group (repeatable)")
    ap.add_argument("-o", "--output", type=Path, required=True, help="HTML file to write")
    args = ap.parse_args(argv)
    try:
        doc = annotate(args.file)
    except VanbanError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    keys = args.key or list(GROUPS)
    args.output.write_text(render(doc, keys), encoding="utf-8")
    counts = ", ".join(f"{k} {len(doc.spans[k])}" for k in keys)
    print(f"wrote {args.output}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
