"""The lexical store: analyzed chunks on disk plus incremental BM25 segments over them.

Two layers under ``data_dir/bm25``:
- **Shards** (``chunks-NN.json``): per document its chunk digest and, per chunk, the passage, its
  metadata and its analyzed terms. This is the lexical side's source of truth (results read
  passages from here) and is spread over ``SHARDS`` files so indexing one document rewrites one
  small file.
- **Segments** (``seg-*.npz`` + ``manifest.json``): BM25 postings (``search/bm25.py``). A save
  writes one new segment for the documents changed since the last save and marks their old rows
  deleted; the manifest is written last and names the live segments, so it is the commit point.
  Searching never rebuilds anything: a document is searchable as soon as its save returns.
  The manifest also records ``seq``, the last SQL change-log entry applied (``apply``,
  ``search/follow.py``): it moves in the same commit as the documents it brought.

Every write happens under an exclusive ``flock`` and re-reads what other processes committed
first, so a server and a CLI ingest can share one data dir. Readers notice another process's
commit by the manifest's stat and reload only what changed. Each file is written to a temp name
and renamed: a crash never leaves a half-written file, and at open the segments are checked
against the shards (a crash between the two is repaired from the stored terms, no re-analysis).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import IndexCorrupt
from search import bm25
from search.analyzer import analyze, analyze_query
from search.chunking import Chunk

log = logging.getLogger(__name__)
FORMAT = 1  # shard format
MANIFEST_FORMAT = 2
SHARDS = 64
REBUILD_ROWS = 20_000  # rows per segment when segments are rebuilt from the shards


def _shard(doc_id: str) -> int:
    return hashlib.blake2b(doc_id.encode("utf-8"), digest_size=2).digest()[0] % SHARDS


def _terms_hash(entries: list[dict]) -> str:
    return hashlib.sha1("\n".join(e["terms"] for e in entries).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class StoredChunk:
    id: str
    doc_id: str
    text: str
    meta: dict[str, str | int]


def file_stat(path: Path) -> tuple[int, int, int] | None:
    """(mtime, size, inode): changes on every commit, since files are replaced by rename."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class LexicalIndex:
    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self._lock = threading.RLock()
        self._docs: dict[str, dict] = {}  # doc_id -> {"digest", "terms_hash", "chunks": [entry]}
        self._shard_stats: dict[int, tuple[int, int, int] | None] = {}
        self._segments: dict[str, bm25.Segment] = {}  # loaded, by name
        self._views: list[bm25.View] = []
        self._manifest_stat: tuple[int, int, int] | None = None
        self._pending: dict[str, dict | None] = {}  # changed since the last save; None = removed
        self._seq = 0  # the last change-log seq committed with this store (the manifest's)
        self._first: dict[str, StoredChunk] | None = None
        with self._locked():
            self._sweep_temp_files()
            self._reload()
            self._repair()

    # --- files and locking ---------------------------------------------------------------------

    def _path(self, shard: int) -> Path:
        return self.dir / f"chunks-{shard:02d}.json"

    @property
    def _manifest(self) -> Path:
        return self.dir / "manifest.json"

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """This thread and, through ``flock``, every other process writing the same store."""
        with self._lock:
            if not self.dir.exists():
                yield
                return
            with (self.dir / ".lock").open("a") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(fh, fcntl.LOCK_UN)

    def _sweep_temp_files(self) -> None:
        """Temp files of a writer that died mid-write (writers hold the lock, so none is live)."""
        if self.dir.exists():
            for tmp in self.dir.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)
            for old in self.dir.glob("model-*"):  # bm25s models of the previous format
                shutil.rmtree(old, ignore_errors=True)

    def _write_atomic(self, path: Path, write: Callable[[Any], None], binary: bool = False) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as fh:
                write(fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # --- loading what is committed -------------------------------------------------------------

    def _reload(self) -> None:
        """Bring shards and segments up to what is on disk; cheap when nothing changed."""
        stats = {shard: file_stat(self._path(shard)) for shard in range(SHARDS)}
        changed = [s for s, st in stats.items() if s not in self._shard_stats or self._shard_stats[s] != st]
        by_shard = _group(self._docs) if changed and self._docs else {}
        for shard in changed:
            for doc_id in by_shard.get(shard, []):
                del self._docs[doc_id]
            if stats[shard] is not None:
                self._docs.update(self._read_shard(self._path(shard)))
            self._shard_stats[shard] = stats[shard]
            self._first = None
        self._manifest_stat = file_stat(self._manifest)
        manifest = self._read_manifest()
        self._seq = int(manifest.get("seq", 0))
        views = []
        for entry in manifest.get("segments", []):
            name = entry["name"]
            seg = self._segments.get(name)
            if seg is None:
                try:
                    seg = bm25.Segment.load(self.dir / f"{name}.npz", name)
                except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as err:
                    # The shards hold every document's terms: rebuild the postings, no user step.
                    log.warning("BM25 segment %s is unreadable (%s); rebuilding from the stored terms",
                                name, err)
                    self._views, self._segments = [], {}
                    return
            deleted = frozenset(entry.get("deleted", []))
            old = next((v for v in self._views if v.segment is seg and v.deleted == deleted), None)
            views.append(old or bm25.View(seg, deleted))
        self._views = views
        self._segments = {v.segment.name: v.segment for v in views}

    def _read_shard(self, path: Path) -> dict[str, dict]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise IndexCorrupt(
                f"BM25 store {path} is unreadable ({err}); run `vanban check --repair`"
            ) from err
        if data.get("format") != FORMAT:
            raise IndexCorrupt(f"BM25 store {path} has an unknown format; run `vanban check --repair`")
        return data["docs"]

    def _read_manifest(self) -> dict:
        """The committed segments; an unreadable manifest reads as none, and ``_repair`` then
        rebuilds the postings from the shards (the manifest holds nothing else)."""
        if self._manifest_stat is None:
            return {}
        try:
            data = json.loads(self._manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            log.warning("BM25 manifest is unreadable (%s); rebuilding from the stored terms", err)
            return {}
        if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
            log.warning("BM25 manifest has an unknown format; rebuilding from the stored terms")
            return {}
        return data

    def _refresh(self) -> None:
        """Reload if another process committed since we last looked (one stat when not)."""
        if file_stat(self._manifest) != self._manifest_stat:
            with self._locked():
                self._reload()
                self._repair()

    def _live_hashes(self) -> dict[str, str]:
        return {d: v.segment.terms_hashes[i] for v in self._views for d, i in v.live_docs.items()}

    def _repair(self) -> None:
        """Make the segments hold exactly the shards' documents (after a crash, or the old format)."""
        live = self._live_hashes()
        stale = {d for d, entry in self._docs.items() if live.get(d) != _entry_hash(entry)}
        gone = set(live) - set(self._docs)
        lost = sorted({_shard(d) for d in gone if self._shard_stats.get(_shard(d)) is None})
        if lost:
            # A writer rewrites a shard (never deletes it) before the manifest drops its
            # documents: a missing shard file is damage, and dropping its documents here would
            # hide them from every search, by number too.
            raise IndexCorrupt(f"BM25 store {self.dir}: shard file {self._path(lost[0]).name} is missing "
                               f"({len(gone)} documents); run `vanban check --repair`")
        if stale or gone:  # the shards are right already: only the segments change
            self._commit({d: self._docs[d] for d in stale} | dict.fromkeys(gone), shards=False)

    # --- changes -------------------------------------------------------------------------------

    def digests(self) -> dict[str, str]:
        with self._lock:
            return {doc_id: d["digest"] for doc_id, d in self._docs.items()}

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {doc_id: len(d["chunks"]) for doc_id, d in self._docs.items()}

    def put(self, doc_id: str, digest: str, chunks: list[Chunk]) -> None:
        """Replace a document's chunks (analysis happens here, outside the lock)."""
        self.put_entries(doc_id, digest, analyzed(chunks))

    def put_entries(self, doc_id: str, digest: str, entries: list[dict]) -> None:
        """Replace a document's chunks with already analyzed entries (``id, text, meta, terms``)."""
        entry = _entry(digest, entries)
        with self._lock:
            self._docs[doc_id] = entry
            self._pending[doc_id] = entry
            self._first = None

    def remove(self, doc_ids: Iterable[str]) -> int:
        removed = 0
        with self._lock:
            for doc_id in doc_ids:
                if self._docs.pop(doc_id, None) is not None:
                    self._pending[doc_id] = None
                    removed += 1
            if removed:
                self._first = None
        return removed

    def save(self) -> None:
        """Commit the changes made since the last save (and pick up other processes' commits)."""
        with self._lock:
            if not self._pending:
                return
            self.dir.mkdir(parents=True, exist_ok=True)
            with self._locked():
                pending, self._pending = self._pending, {}
                self._reload()  # another process may have committed: apply ours on top
                for doc_id, entry in pending.items():
                    if entry is None:
                        self._docs.pop(doc_id, None)
                    else:
                        self._docs[doc_id] = entry
                self._commit(pending)

    def applied_seq(self) -> int:
        """The last change-log seq this store has applied (after any other process's commit)."""
        with self._lock:
            self._refresh()
            return self._seq

    def apply(self, since: int, seq: int, puts: dict[str, tuple[str, list[dict]]],
              removed: Iterable[str]) -> bool:
        """Commit change-log entries ``since`` < s <= ``seq``: ``puts`` (doc id -> digest,
        analyzed entries) and ``removed`` documents, with ``seq``, as one commit. Nothing is
        written and False comes back when the store is no longer at ``since`` (another process
        applied them meanwhile): replaying an older read over its newer one could bring back a
        deleted document, so the caller reads the log again from the new seq."""
        self.save()  # this process's own puts first, so the commit below cannot drop them
        with self._lock:
            self.dir.mkdir(parents=True, exist_ok=True)
            with self._locked():
                self._reload()
                if self._seq != since:
                    return False
                changes: dict[str, dict | None] = {}
                for doc_id in removed:
                    if self._docs.pop(doc_id, None) is not None:
                        changes[doc_id] = None
                for doc_id, (digest, entries) in puts.items():
                    changes[doc_id] = self._docs[doc_id] = _entry(digest, entries)
                self._seq = seq
                self._commit(changes)
                return True

    def _commit(self, changes: dict[str, dict | None], shards: bool = True) -> None:
        """Write the changed shards, a segment for the new entries, then the manifest."""
        self.dir.mkdir(parents=True, exist_ok=True)
        by_shard = _group(self._docs) if shards else {}
        for shard in sorted({_shard(d) for d in changes} if shards else ()):
            docs = {d: self._docs[d] for d in by_shard.get(shard, [])}
            self._write_atomic(self._path(shard), lambda fh, docs=docs: json.dump(
                {"format": FORMAT, "docs": docs}, fh, ensure_ascii=False))
            self._shard_stats[shard] = file_stat(self._path(shard))
        views = [
            bm25.View(v.segment, v.deleted | (changes.keys() & v.live_docs.keys()))
            if changes.keys() & v.live_docs.keys() else v
            for v in self._views
        ]
        added = [d for d, entry in changes.items() if entry is not None]
        if added:
            views += self._build(added)
        self._install(views)
        self._first = None

    def _build(self, doc_ids: list[str]) -> list[bm25.View]:
        """New segments (about ``REBUILD_ROWS`` rows each) from the stored terms of ``doc_ids``."""
        out: list[bm25.View] = []
        batch: list[bm25.DocRows] = []
        rows = 0
        for doc_id in doc_ids:
            entry = self._docs[doc_id]
            batch.append(bm25.DocRows(doc_id, _entry_hash(entry), [
                (int(c["id"].rsplit(":", 1)[1]), c["terms"].split()) for c in entry["chunks"]
            ]))
            rows += len(entry["chunks"])
            if rows >= REBUILD_ROWS:
                out.append(self._write_segment(bm25.build(self._new_name(), batch)))
                batch, rows = [], 0
        if batch:
            out.append(self._write_segment(bm25.build(self._new_name(), batch)))
        return out

    def _new_name(self) -> str:
        return f"seg-{uuid.uuid4().hex[:12]}"

    def _write_segment(self, seg: bm25.Segment) -> bm25.View:
        self._write_atomic(self.dir / f"{seg.name}.npz", seg.save, binary=True)
        self._segments[seg.name] = seg
        return bm25.View(seg, frozenset())

    def _install(self, views: list[bm25.View]) -> None:
        """Merge if the policy says so, write the manifest (the commit), drop unlisted files."""
        views = [v for v in views if v.live_rows]
        to_merge = bm25.plan_merge(views)
        if to_merge:
            merged = self._write_segment(bm25.merge(self._new_name(), to_merge))
            views = [v for v in views if v not in to_merge] + [merged]
        manifest = {"format": MANIFEST_FORMAT, "seq": self._seq, "segments": [
            {"name": v.segment.name, "rows": v.segment.n_rows, "deleted": sorted(v.deleted)} for v in views
        ]}
        self._write_atomic(self._manifest, lambda fh: json.dump(manifest, fh, ensure_ascii=False))
        self._manifest_stat = file_stat(self._manifest)
        self._views = views
        self._segments = {v.segment.name: v.segment for v in views}
        for path in self.dir.glob("seg-*.npz"):
            if path.stem not in self._segments:
                path.unlink(missing_ok=True)

    def clear(self) -> None:
        with self._lock:
            self._docs, self._pending, self._first = {}, {}, None
            self._views, self._segments = [], {}
            if self.dir.exists():
                with self._locked():
                    discard(self.dir)
            self._shard_stats = {}
            self._manifest_stat = None
            self._seq = 0  # an empty store replays the whole change log

    # --- reading -------------------------------------------------------------------------------

    def _current(self) -> None:
        """Searches see every ``put`` of this process (saved first) and others' commits."""
        if self._pending:
            self.save()
        self._refresh()

    def entries(self, doc_ids: Iterable[str]) -> dict[str, dict]:
        """Stored analyzed entries (``digest``, ``chunks``) of these documents, for copying."""
        with self._lock:
            return {d: self._docs[d] for d in doc_ids if d in self._docs}

    def get(self, chunk_id: str) -> StoredChunk | None:
        with self._lock:
            doc_id, _, n = chunk_id.rpartition(":")
            entry = self._docs.get(doc_id)
            if entry is None:
                return None
            chunks = entry["chunks"]
            i = int(n) if n.isdigit() and int(n) < len(chunks) else -1
            c = chunks[i] if i >= 0 and chunks[i]["id"] == chunk_id else next(
                (c for c in chunks if c["id"] == chunk_id), None)
            return None if c is None else StoredChunk(c["id"], doc_id, c["text"], c["meta"])

    def chunks(self) -> list[StoredChunk]:
        """Every stored chunk, documents in sorted id order."""
        with self._lock:
            self._current()
            return [StoredChunk(c["id"], d, c["text"], c["meta"])
                    for d in sorted(self._docs) for c in self._docs[d]["chunks"]]

    def first_chunks(self) -> dict[str, StoredChunk]:
        """Each document's first chunk (it carries the document's fields, like every chunk)."""
        with self._lock:
            self._current()
            if self._first is None:
                self._first = {
                    d: StoredChunk(e["chunks"][0]["id"], d, e["chunks"][0]["text"], e["chunks"][0]["meta"])
                    for d, e in self._docs.items() if e["chunks"]
                }
            return self._first

    def search(self, query: str, k: int, allowed: set[str] | None = None) -> list[tuple[StoredChunk, float]]:
        """Top ``k`` chunks by BM25 among documents in ``allowed`` (all when None); zero scores dropped."""
        with self._lock:
            self._current()
            views = list(self._views)
        if not views:
            return []
        terms = analyze_query(query, bm25.Vocabulary(views))
        out = []
        for view, row, score in bm25.search(views, terms, k, allowed):
            c = self.get(view.segment.chunk_id(row))
            if c is not None:  # a reload between the two reads may have dropped it
                out.append((c, score))
        return out


def discard(directory: Path) -> None:
    """Delete a lexical store's files (an unreadable one too: the SQL store rebuilds it)."""
    patterns = ("chunks-*.json", "seg-*.npz", "manifest.json", ".*.tmp")
    for pattern in patterns:
        for path in directory.glob(pattern):
            path.unlink(missing_ok=True)


def analyzed(chunks: list[Chunk]) -> list[dict]:
    """The stored entries of ``chunks``: passage, metadata and BM25 terms (the slow part)."""
    return [{"id": c.id, "text": c.text, "meta": c.metadata(), "terms": " ".join(analyze(c.index_text))}
            for c in chunks]


def _entry(digest: str, entries: list[dict]) -> dict:
    return {"digest": digest, "terms_hash": _terms_hash(entries), "chunks": entries}


def _group(doc_ids: Iterable[str]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for doc_id in doc_ids:
        out.setdefault(_shard(doc_id), []).append(doc_id)
    return out


def _entry_hash(entry: dict) -> str:
    return entry.get("terms_hash") or _terms_hash(entry["chunks"])
