"""Chunk vectors in Chroma: embedded (a folder under ``data_dir``) or a server (``chroma_url``).

We always hand Chroma our own embeddings and create the collection with
``embedding_function=None``: Chroma's default function downloads a model on first use, which
fails (or hangs) offline. Cosine space, because our embedders return normalized vectors and
the fusion step only needs the rank order anyway. One collection per embedder name, so
switching models never mixes vectors of different spaces, and per deployment
(``settings.deployment``), so two stores sharing one Chroma server never mix their documents.

Several processes share one store (``vanban serve`` beside a CLI ingest or reindex). An embedded
Chroma loads its HNSW graph into each process's memory and never looks at the disk again, so a
server would miss (or, filtered, fail on) vectors another process added, and its own next write
would persist a graph without them. So every write holds ``.vectors.lock`` (``flock``) and ends
by renaming a new ``vectors.gen`` marker into place; every read and write first compares the
marker's stat with the one seen last (one ``stat``) and reopens the store when another process
wrote. Before an embedded store is opened its files are checked (``vector_files``): a damaged
HNSW file raises ``IndexCorrupt`` instead of crashing the process in native code.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import threading
import uuid
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlparse

import numpy as np

from core.errors import IndexCorrupt, IndexError_
from core.settings import Settings
from search.chunking import Chunk
from search.lexical import file_stat
from search.vector_files import check_store

# Chroma caps one add() call (the sqlite variable limit); stay well below it.
_ADD_BATCH = 1000


def _collection_name(embedder_name: str, deployment: str = "") -> str:
    """Chroma names: 3-512 chars of [a-zA-Z0-9._-], starting and ending alphanumeric. Without a
    deployment name, the name stores had before there was one."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", embedder_name).strip("-._")
    place = re.sub(r"[^A-Za-z0-9._-]+", "-", deployment).strip("-._")
    return (f"vanban-{place}-{slug}" if place else f"vanban-{slug}")[:200]


def _client(settings: Settings) -> Any:
    import chromadb
    from chromadb.api.shared_system_client import SharedSystemClient
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            return chromadb.HttpClient(
                host=url.hostname or "localhost",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        check_store(settings.chroma_dir)
        # A new System, not the one this process cached for the path: that one holds the graph
        # as it was when it was loaded. Searches still running on the old one finish on it.
        SharedSystemClient._identifier_to_system.pop(str(settings.chroma_dir), None)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except IndexCorrupt:
        raise
    except Exception as err:  # chromadb raises plain Exception/ValueError for connection problems
        where = settings.chroma_url or settings.chroma_dir
        raise IndexError_(f"cannot open the vector index ({where}): {err}") from err


def _failures() -> tuple[type[BaseException], ...]:
    """What Chroma raises when its store or server fails (not our programming errors)."""
    from chromadb.errors import ChromaError

    kinds: list[type[BaseException]] = [ChromaError, OSError]
    try:
        import httpx

        kinds.append(httpx.TransportError)
    except ImportError:  # embedded-only installs may lack httpx
        pass
    return tuple(kinds)


@contextlib.contextmanager
def _guard(action: str) -> Iterator[None]:
    try:
        yield
    except _failures() as err:
        raise IndexError_(f"vector index failed to {action}: {err}") from err


def _stale_handle(err: BaseException) -> bool:
    """Errors of a handle that predates another process's change (a collection deleted and
    recreated, ids in the metadata that the loaded graph lacks): reopening cures them."""
    text = str(err).lower()
    return "does not exist" in text or "error finding id" in text


class VectorIndex:
    def __init__(self, settings: Settings, embedder_name: str, open_now: bool = True) -> None:
        """``open_now=False``: only to ``reset`` a store too damaged to open."""
        self.settings = settings
        self.name = _collection_name(embedder_name, settings.deployment)
        self._meta = {"hnsw:space": "cosine", "embedder": embedder_name}
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self._marker = settings.data_dir / "vectors.gen"
        self._lock_file = settings.data_dir / ".vectors.lock"
        self._thread_lock = threading.RLock()
        self._seen = file_stat(self._marker)
        self.generation = 0  # bumped on every reopen for another process's write
        self._client: Any = None
        self._col: Any = None
        if open_now:
            self._reopen()

    def _reopen(self) -> None:
        self._client = _client(self.settings)
        with _guard("open its collection"):
            self._col = self._open()

    def _open(self) -> Any:
        return self._client.get_or_create_collection(
            name=self.name, embedding_function=None, metadata=self._meta
        )

    def refresh(self) -> bool:
        """Reopen when another process wrote since we last looked; True when it did."""
        seen = file_stat(self._marker)
        if seen == self._seen:
            return False
        with self._thread_lock:
            if seen != self._seen:
                self._reopen()
                self._seen = seen
                self.generation += 1
        return True

    @contextlib.contextmanager
    def writing(self, refresh: bool = True) -> Iterator[None]:
        """One writer at a time across processes, on the store as the others left it; the
        marker tells readers to reload."""
        with self._thread_lock, self._lock_file.open("a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                if refresh:
                    self.refresh()
                yield
            finally:
                self._bump()
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _bump(self) -> None:
        tmp = self._marker.with_name(f".vectors.gen-{uuid.uuid4().hex}.tmp")
        tmp.write_text(uuid.uuid4().hex, encoding="ascii")
        os.replace(tmp, self._marker)
        self._seen = file_stat(self._marker)

    def _retrying(self, action: str, call: Any) -> Any:
        """``call(collection)``; once more on a fresh handle when the old one was stale."""
        from chromadb.errors import ChromaError

        with _guard(action):
            try:
                return call(self._col)
            except (ChromaError, ValueError) as err:
                if not _stale_handle(err):
                    raise
            with self._thread_lock:
                self._reopen()
                self.generation += 1
            return call(self._col)

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray, digests: Sequence[str]) -> None:
        """Upsert chunks with their vectors; ``digests`` (one per chunk) is the document's
        chunk digest, stored so a later run can tell an up-to-date document from a stale one."""
        if not len(chunks) == len(vectors) == len(digests):
            raise ValueError("one vector and one digest per chunk")
        for i in range(0, len(chunks), _ADD_BATCH):
            part = chunks[i : i + _ADD_BATCH]
            with self.writing(), _guard("store vectors"):
                self._col.upsert(
                    ids=[c.id for c in part],
                    embeddings=np.asarray(vectors[i : i + _ADD_BATCH], dtype=np.float32),
                    documents=[c.text for c in part],
                    metadatas=[{**c.metadata(), "digest": d}
                               for c, d in zip(part, digests[i : i + _ADD_BATCH], strict=True)],
                )

    def delete_docs(self, doc_ids: Sequence[str]) -> None:
        if doc_ids:
            with self.writing(), _guard("delete vectors"):
                self._col.delete(where={"doc_id": {"$in": list(doc_ids)}})

    def state(self) -> dict[str, tuple[int, str]]:
        """``doc_id → (chunk count, digest)``, read page by page (metadata only)."""
        out: dict[str, tuple[int, str]] = {}
        self.refresh()
        total = self._retrying("count vectors", lambda col: col.count())
        page = 5000
        for offset in range(0, total, page):
            got = self._retrying("list vectors", lambda col, offset=offset: col.get(
                include=["metadatas"], limit=page, offset=offset))
            for meta in got["metadatas"] or []:
                doc_id = str(meta["doc_id"])
                count, _ = out.get(doc_id, (0, ""))
                out[doc_id] = (count + 1, str(meta.get("digest", "")))
        return out

    def doc_state(self, doc_id: str) -> tuple[int, str]:
        """``(chunk count, digest)`` of one document, asked of the store itself: an ingest worker
        beside others on one Chroma server cannot trust a state it cached (``state``)."""
        self.refresh()
        got = self._retrying("list vectors", lambda col: col.get(
            where={"doc_id": doc_id}, include=["metadatas"]))
        metas = got["metadatas"] or []
        digests = {str(m.get("digest", "")) for m in metas}
        return len(metas), (digests.pop() if len(digests) == 1 else "")

    def query(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """``(chunk_id, cosine similarity)`` best first."""
        # No count() first: it cost 11% of a search's server time at 100k chunks, and Chroma
        # (1.x) answers an empty collection with empty lists.
        self.refresh()
        got = self._retrying("query", lambda col: col.query(
            query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
            n_results=k, where=where or None, include=["distances"]))
        ids = got["ids"][0]
        dists = got["distances"][0] if got.get("distances") else [1.0] * len(ids)
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, dists, strict=True)]

    def unqueryable(self, chunk_ids: Sequence[str]) -> set[str]:
        """Chunks whose vector cannot be read back, or whose own vector does not find them."""
        from chromadb.errors import ChromaError

        self.refresh()
        bad: set[str] = set()
        vectors: dict[str, np.ndarray] = {}

        def fetch(ids: Sequence[str]) -> None:
            try:
                with _guard("read vectors"):
                    got = self._col.get(ids=list(ids), include=["embeddings"])
            except IndexError_ as err:
                if not isinstance(err.__cause__, ChromaError):
                    raise
                if len(ids) == 1:
                    bad.add(ids[0])
                    return
                fetch(ids[: len(ids) // 2])  # find the unreadable ones by halves
                fetch(ids[len(ids) // 2:])
                return
            embeddings = got.get("embeddings")
            found = dict(zip(got["ids"], embeddings if embeddings is not None else [], strict=False))
            for cid in ids:
                if cid in found:
                    vectors[cid] = np.asarray(found[cid], dtype=np.float32)
                else:
                    bad.add(cid)

        for i in range(0, len(chunk_ids), 500):
            fetch(chunk_ids[i : i + 500])
        ids = list(vectors)
        for i in range(0, len(ids), 100):
            part = ids[i : i + 100]
            got = self._retrying("query", lambda col, part=part: col.query(
                query_embeddings=np.stack([vectors[c] for c in part]), n_results=10,
                include=["distances"]))
            for cid, hits, dists in zip(part, got["ids"], got["distances"], strict=True):
                if cid not in hits and not (dists and dists[0] < 1e-4):  # a twin passage ranks first
                    bad.add(cid)
        return bad

    def reset(self) -> None:
        """Drop the collection and start an empty one: only for a store that cannot be read
        (``check --repair``); readers reopen on the marker or on "does not exist"."""
        from chromadb.errors import NotFoundError

        with self.writing(refresh=False):
            if not self.settings.chroma_url:
                self._reset_files()
            else:
                if self._client is None:
                    self._client = _client(self.settings)
                with contextlib.suppress(NotFoundError, ValueError):  # already gone
                    self._client.delete_collection(self.name)
            with _guard("recreate its collection"):
                self._col = self._open()

    def _reset_files(self) -> None:
        """An embedded store whose files may be damaged: Chroma cannot even be asked to delete
        them, so they go and a new store is made."""
        import shutil

        self._client = None
        self._col = None
        shutil.rmtree(self.settings.chroma_dir, ignore_errors=True)
        self._client = _client(self.settings)
