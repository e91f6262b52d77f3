"""A node's lexical index follows the SQL change log (``store/changelog.py``).

Nodes share PostgreSQL (and a Chroma server) but each has its own data dir, so the BM25 store
and the passages the results are read from (``search/lexical.py``) exist per node. Each store
remembers the last log seq it applied; ``catch_up`` reads what came after it, in batches, and
applies the final state of each document in a batch: a put rebuilds the document's passages
from its stored text with the engine's chunking, a delete drops them. A put for a document the
store already holds is skipped without reading it: ids are content hashes, so the same id is
the same passages (this also makes a node's replay of its own ingests nearly free).

The search side sees only this protocol, not the store (the service layer passes the store's
``ChangeLog``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from core.record import Document
from search.chunking import chunk, chunks_digest
from search.lexical import LexicalIndex, analyzed

log = logging.getLogger(__name__)

BATCH = 500  # log rows per commit: bounds memory and the work lost if another process wins


class Change(Protocol):
    @property
    def seq(self) -> int: ...
    @property
    def doc_id(self) -> str: ...
    @property
    def op(self) -> str: ...


class ChangeSource(Protocol):
    def head(self) -> int: ...
    def since(self, seq: int, limit: int) -> list[Change]: ...  # oldest first
    def documents(self, ids: list[str]) -> dict[str, Document]: ...


def catch_up(lexical: LexicalIndex, source: ChangeSource, chunk_max_chars: int,
             progress: Callable[[int], None] | None = None) -> int:
    """Apply every change after the store's seq; returns how many log rows were applied here."""
    applied = 0
    while True:
        since = lexical.applied_seq()
        changes = source.since(since, BATCH)
        if not changes:
            return applied
        final = {c.doc_id: c.op for c in changes}  # later rows win
        held = lexical.digests()
        wanted = sorted(d for d, op in final.items() if op == "put" and d not in held)
        docs = source.documents(wanted)
        puts = {}
        for doc_id, doc in docs.items():
            chunks = chunk(doc, chunk_max_chars)
            puts[doc_id] = (chunks_digest(chunks), analyzed(chunks))
        # a put whose document is gone was deleted by a later row (beyond this batch): drop it now
        removed = [d for d, op in final.items() if op == "delete"] + [d for d in wanted if d not in docs]
        if lexical.apply(since, changes[-1].seq, puts, removed):
            applied += len(changes)
            if progress:
                progress(changes[-1].seq)
        else:
            log.info("another process applied the change log past seq %d; reading on from its seq", since)
