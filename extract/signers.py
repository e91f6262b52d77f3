"""Placeholder stage until the extraction work lands: returns the record unchanged."""

from __future__ import annotations

from core.record import Document


def apply(doc: Document) -> Document:
    return doc
