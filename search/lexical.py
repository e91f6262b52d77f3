"""BM25 over analyzed chunk terms, persisted as a per-document term store.

The store (JSON files under ``data_dir/bm25``) keeps, per document, its chunk digest and, per
chunk, the passage, its metadata and its terms. Documents are spread over ``SHARDS`` files by a
hash of their id, so indexing one document rewrites one small file, not the whole store. Adding
or removing a document only touches the store; the bm25s model is rebuilt lazily on the first
search after a change, because bm25s has no incremental update and a rebuild from stored terms
is cheap next to analysis (see ``bench/bench_search_speed.py``). Each file is written to a temp
name and renamed, so a crash never leaves a half-written shard.

This store is also where the engine reads passages and metadata for results: Chroma only
returns ids and distances to the fusion step.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from core.errors import IndexError_
from search.analyzer import analyze, analyze_query
from search.chunking import Chunk

# bm25s logs every rebuild at DEBUG; keep that out of a root logger set to DEBUG by a library.
logging.getLogger("bm25s").setLevel(logging.WARNING)

FORMAT = 1
SHARDS = 64


def _shard(doc_id: str) -> int:
    return hashlib.blake2b(doc_id.encode("utf-8"), digest_size=2).digest()[0] % SHARDS


@dataclass(frozen=True)
class StoredChunk:
    id: str
    doc_id: str
    text: str
    meta: dict[str, str | int]


class LexicalIndex:
    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self._lock = threading.RLock()
        self._docs: dict[str, dict] = {}  # doc_id -> {"digest": str, "chunks": [chunk dict]}
        self._model: bm25s.BM25 | None = None
        self._order: list[StoredChunk] = []  # chunk per row of the model
        self._by_id: dict[str, StoredChunk] = {}
        self._vocab: frozenset[str] = frozenset()
        self._first: dict[str, StoredChunk] = {}
        self._dirty = True
        self._unsaved: set[int] = set()  # shards changed since the last save
        self._load()

    # --- persistence ---------------------------------------------------------------------------

    def _path(self, shard: int) -> Path:
        return self.dir / f"chunks-{shard:02d}.json"

    def _load(self) -> None:
        for shard in range(SHARDS):
            path = self._path(shard)
            if not path.exists():
                continue
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise IndexError_(
                    f"BM25 store {path} is unreadable ({err}); run `vanban check --repair`"
                ) from err
            if data.get("format") != FORMAT:
                raise IndexError_(f"BM25 store {path} has an unknown format; run `vanban check --repair`")
            self._docs.update(data["docs"])

    def save(self) -> None:
        """Write the shards changed since the last save."""
        with self._lock:
            if not self._unsaved:
                return
            self.dir.mkdir(parents=True, exist_ok=True)
            for shard in sorted(self._unsaved):
                docs = {d: v for d, v in self._docs.items() if _shard(d) == shard}
                self._write(self._path(shard), {"format": FORMAT, "docs": docs})
            self._unsaved.clear()

    def _write(self, path: Path, data: dict) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".chunks-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # --- changes -------------------------------------------------------------------------------

    def digests(self) -> dict[str, str]:
        with self._lock:
            return {doc_id: d["digest"] for doc_id, d in self._docs.items()}

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {doc_id: len(d["chunks"]) for doc_id, d in self._docs.items()}

    def put(self, doc_id: str, digest: str, chunks: list[Chunk]) -> None:
        """Replace a document's chunks (analysis happens here, outside the lock)."""
        entries = [
            {"id": c.id, "text": c.text, "meta": c.metadata(), "terms": " ".join(analyze(c.index_text))}
            for c in chunks
        ]
        terms_hash = hashlib.sha1("\n".join(e["terms"] for e in entries).encode("utf-8")).hexdigest()[:16]
        with self._lock:
            self._docs[doc_id] = {"digest": digest, "terms_hash": terms_hash, "chunks": entries}
            self._unsaved.add(_shard(doc_id))
            self._dirty = True

    def remove(self, doc_ids: Iterable[str]) -> int:
        removed = 0
        with self._lock:
            for doc_id in doc_ids:
                if self._docs.pop(doc_id, None) is not None:
                    self._unsaved.add(_shard(doc_id))
                    removed += 1
            self._dirty = self._dirty or removed > 0
        return removed

    def clear(self) -> None:
        with self._lock:
            self._docs = {}
            self._dirty = True
            self._unsaved.clear()
            for shard in range(SHARDS):
                self._path(shard).unlink(missing_ok=True)
            for model in self.dir.glob("model-*"):
                shutil.rmtree(model, ignore_errors=True)

    # --- search --------------------------------------------------------------------------------

    def _stamp(self, doc_ids: list[str]) -> str:
        """Identity of the stored terms; a saved model with this stamp matches them exactly."""
        h = hashlib.sha256()
        for doc_id in doc_ids:
            d = self._docs[doc_id]
            h.update(f"{doc_id}\t{d.get('terms_hash', d['digest'])}\t{len(d['chunks'])}\n".encode())
        return h.hexdigest()[:16]

    def _rebuild(self) -> None:
        """Rows in sorted document order, so any process gets the same rows for the same store;
        the built model is saved under its stamp, so the next process loads instead of rebuilding
        (a rebuild takes ~1 s per 1,000 chunks)."""
        doc_ids = sorted(self._docs)
        order = [
            StoredChunk(c["id"], doc_id, c["text"], c["meta"])
            for doc_id in doc_ids
            for c in self._docs[doc_id]["chunks"]
        ]
        model = None
        if order:
            stamp = self._stamp(doc_ids)
            model = self._load_model(stamp, len(order))
            if model is None:
                corpus = [c["terms"].split() for doc_id in doc_ids for c in self._docs[doc_id]["chunks"]]
                model = bm25s.BM25()
                model.index(corpus, show_progress=False)
                self._save_model(model, stamp)
        self._order, self._model, self._dirty = order, model, False
        self._vocab = frozenset(model.vocab_dict) if model is not None else frozenset()
        self._by_id = {c.id: c for c in order}
        self._first = {}
        for c in order:
            self._first.setdefault(c.doc_id, c)

    def _load_model(self, stamp: str, rows: int) -> bm25s.BM25 | None:
        path = self.dir / f"model-{stamp}"
        if not path.is_dir():
            return None
        try:
            model = bm25s.BM25.load(str(path), show_progress=False, verbosity=0)
        except (OSError, ValueError) as err:  # a damaged cache only costs a rebuild; say so
            logging.getLogger(__name__).warning("BM25 model %s unreadable, rebuilding: %s", path, err)
            return None
        return model if model.scores.get("num_docs") == rows else None

    def _save_model(self, model: bm25s.BM25, stamp: str) -> None:
        """Write to a temp folder and rename; another process may have written the same stamp."""
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=self.dir, prefix=".model-"))
        model.save(str(tmp), show_progress=False)
        try:
            tmp.rename(self.dir / f"model-{stamp}")
        except OSError:  # already there
            shutil.rmtree(tmp, ignore_errors=True)
        for old in self.dir.glob("model-*"):
            if old.name != f"model-{stamp}":
                shutil.rmtree(old, ignore_errors=True)

    def chunks(self) -> list[StoredChunk]:
        """Every chunk in model row order (rebuilds first if the store changed)."""
        with self._lock:
            if self._dirty:
                self._rebuild()
            return self._order

    def get(self, chunk_id: str) -> StoredChunk | None:
        with self._lock:
            self.chunks()
            return self._by_id.get(chunk_id)

    def first_chunks(self) -> dict[str, StoredChunk]:
        """Each document's first chunk (it carries the document's fields, like every chunk)."""
        with self._lock:
            self.chunks()
            return self._first

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[StoredChunk, float]]:
        """Top ``k`` chunks by BM25 among rows where ``mask`` is true; zero scores dropped."""
        with self._lock:
            order = self.chunks()
            if self._model is None:
                return []
            terms = analyze_query(query, self._vocab)
            if not terms:
                return []
            scores = self._model.get_scores(terms)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(order))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(order[i], float(scores[i])) for i in top if scores[i] > 0]
