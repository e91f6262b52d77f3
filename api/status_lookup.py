"""Number lookup at the edges: is a query a document number, does a passage name it, and the
one "không tìm thấy" sentence the CLI, the HTTP API, MCP and the page all show."""

from __future__ import annotations

import re
from functools import lru_cache

from core.textnorm import fold
from lexicon import doctypes as T


@lru_cache(maxsize=1)
def _query_rx() -> re.Pattern[str]:
    types = "|".join(re.escape(t.upper()) for t in T.CITED_TYPES)
    # "512/QĐ-UBND", "quyết định số 512/qđ-ubnd", "QĐ 512/QĐ-UBND": one number and nothing else
    return re.compile(rf"(?:(?:{types})\s+)?(?:SỐ\s*:?\s*)?(?P<num>{T.NUMBER})")


def number_query(query: str) -> str | None:
    """The canonical number when the whole query is one document number, else ``None``."""
    q = " ".join(query.split()).upper()
    m = _query_rx().fullmatch(q)
    return T.canonical_number(m.group("num")) if m else None


def names(passage: str, number: str) -> bool:
    """Does ``passage`` write ``number`` (any spelling: QD/QĐ, case, spaces)?"""
    key = "".join(fold(number).split())
    return key in "".join(fold(passage).split())


def not_found_message(number: str, nearest: list[str], stub: dict | None) -> str:
    parts = [f"không tìm thấy: no document with id or number {number}"]
    if stub:
        known = " ".join(str(v) for v in (stub.get("type"), stub.get("number")) if v)
        meta = ", ".join(str(v) for v in (stub.get("issuer"), stub.get("issued_on")) if v)
        line = f"biết qua trích dẫn: {known}" + (f" ({meta})" if meta else "")
        status = stub.get("status")
        if status and status.get("by"):
            by = ", ".join(b.get("number") or b.get("document_id") for b in status["by"])
            line += f", {status['label'].lower()} từ {status.get('since') or '?'} theo {by}"
        parts.append(line)
    if nearest:
        parts.append("số gần nhất trong kho: " + ", ".join(nearest))
    return "; ".join(parts)
