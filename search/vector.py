"""Chunk vectors in Chroma: embedded (a folder under ``data_dir``) or a server (``chroma_url``).

We always hand Chroma our own embeddings and create the collection with
``embedding_function=None``: Chroma's default function downloads a model on first use, which
fails (or hangs) offline. Cosine space, because our embedders return normalized vectors and
the fusion step only needs the rank order anyway. One collection per embedder name, so
switching models never mixes vectors of different spaces.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlparse

import numpy as np

from core.errors import IndexError_
from core.settings import Settings
from search.chunking import Chunk

# Chroma caps one add() call (the sqlite variable limit); stay well below it.
_ADD_BATCH = 1000


def _collection_name(embedder_name: str) -> str:
    """Chroma names: 3-512 chars of [a-zA-Z0-9._-], starting and ending alphanumeric."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", embedder_name).strip("-._")
    return f"vanban-{slug}"[:200]


def _client(settings: Settings) -> Any:
    import chromadb
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
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
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


class VectorIndex:
    def __init__(self, settings: Settings, embedder_name: str) -> None:
        self._client = _client(settings)
        self.name = _collection_name(embedder_name)
        self._meta = {"hnsw:space": "cosine", "embedder": embedder_name}
        with _guard("open its collection"):
            self._col = self._open()

    def _open(self) -> Any:
        return self._client.get_or_create_collection(
            name=self.name, embedding_function=None, metadata=self._meta
        )

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray, digests: Sequence[str]) -> None:
        """Upsert chunks with their vectors; ``digests`` (one per chunk) is the document's
        chunk digest, stored so a later run can tell an up-to-date document from a stale one."""
        if not len(chunks) == len(vectors) == len(digests):
            raise ValueError("one vector and one digest per chunk")
        for i in range(0, len(chunks), _ADD_BATCH):
            part = chunks[i : i + _ADD_BATCH]
            with _guard("store vectors"):
                self._col.upsert(
                    ids=[c.id for c in part],
                    embeddings=np.asarray(vectors[i : i + _ADD_BATCH], dtype=np.float32),
                    documents=[c.text for c in part],
                    metadatas=[{**c.metadata(), "digest": d}
                               for c, d in zip(part, digests[i : i + _ADD_BATCH], strict=True)],
                )

    def delete_docs(self, doc_ids: Sequence[str]) -> None:
        if doc_ids:
            with _guard("delete vectors"):
                self._col.delete(where={"doc_id": {"$in": list(doc_ids)}})

    def state(self) -> dict[str, tuple[int, str]]:
        """``doc_id → (chunk count, digest)``, read page by page (metadata only)."""
        out: dict[str, tuple[int, str]] = {}
        with _guard("count vectors"):
            total = self._col.count()
        page = 5000
        for offset in range(0, total, page):
            with _guard("list vectors"):
                got = self._col.get(include=["metadatas"], limit=page, offset=offset)
            for meta in got["metadatas"] or []:
                doc_id = str(meta["doc_id"])
                count, _ = out.get(doc_id, (0, ""))
                out[doc_id] = (count + 1, str(meta.get("digest", "")))
        return out

    def query(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """``(chunk_id, cosine similarity)`` best first."""
        # No count() first: it cost 11% of a search's server time at 100k chunks, and Chroma
        # (1.x) answers an empty collection with empty lists.
        with _guard("query"):
            got = self._col.query(
                query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
                n_results=k,
                where=where or None,
                include=["distances"],
            )
        ids = got["ids"][0]
        dists = got["distances"][0] if got.get("distances") else [1.0] * len(ids)
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, dists, strict=True)]

    def reset(self) -> None:
        from chromadb.errors import NotFoundError

        with contextlib.suppress(NotFoundError, ValueError):  # already gone (older chromadb: ValueError)
            self._client.delete_collection(self.name)
        with _guard("recreate its collection"):
            self._col = self._open()
