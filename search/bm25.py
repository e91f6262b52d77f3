"""Incremental BM25: immutable postings segments, deleted documents, statistics at query time.

Why not bm25s (used before): it bakes the corpus' idf and average length into every stored
score, so adding one document meant rebuilding the whole matrix — 30 s at 56k chunks, 116 s
at 106k, on the first search after any ingest. Here a segment stores raw term frequencies and
row lengths only; N, the average length and each query term's document frequency are computed
at query time over the *live* rows of all segments. So adding documents writes one new small
segment, deleting one marks it deleted, and scores stay exactly those of a full rebuild
(Lucene's variant, as bm25s computes it: ``idf = ln(1 + (N - df + .5) / (df + .5))``,
``tf / (tf + k1 (1 - b + b dl / avgdl))``). Small segments are merged, LSM style, so a query
touches few of them (``plan_merge``).
"""

from __future__ import annotations

import io
import math
import mmap
import os
import struct
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.lib import format as npformat

K1 = 1.5
B = 0.75
# Merge policy: at most this many segments; the smallest ones are merged into one beyond it.
MAX_SEGMENTS = 8

_SEP = "\n"  # joins strings (terms, doc ids) into one blob in the .npz; neither contains it


@dataclass(frozen=True)
class DocRows:
    """One document's analyzed chunks, the input of a segment."""

    doc_id: str
    terms_hash: str
    chunks: Sequence[tuple[int, Sequence[str]]]  # (chunk number, terms)


@dataclass(eq=False)  # identity: two segments are never "equal" by value (and hold arrays)
class Segment:
    """Postings of a set of documents, column (term) major; never changed once written."""

    name: str
    terms: list[str]
    ptr: np.ndarray  # int64, len(terms) + 1: postings of term j are [ptr[j], ptr[j+1])
    rows: np.ndarray  # int32 row per posting
    tf: np.ndarray  # float32 term frequency per posting
    dl: np.ndarray  # float32 terms per row
    row_doc: np.ndarray  # int32 index into doc_ids per row
    row_n: np.ndarray  # int32 chunk number per row
    doc_ids: list[str]
    terms_hashes: list[str]
    vocab: dict[str, int] = field(init=False, repr=False)
    _weights: tuple[float, np.ndarray] | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self.vocab = {t: j for j, t in enumerate(self.terms)}

    def weights(self, avgdl: float) -> np.ndarray:
        """Per posting ``tf / (tf + k1 (1 - b + b dl / avgdl))`` for the current ``avgdl``.

        Computed once per commit (avgdl moves with every change; ~0.1 s at 100k chunks) so a
        query only slices and scales: half the time of computing it per query from tf and dl.
        """
        cached = self._weights
        if cached is None or cached[0] != avgdl:
            dl = self.dl[self.rows]
            w = self.tf / (self.tf + K1 * (1 - B + B * dl / avgdl))
            cached = self._weights = (avgdl, w.astype(np.float32))
        return cached[1]

    @property
    def n_rows(self) -> int:
        return len(self.dl)

    def chunk_id(self, row: int) -> str:
        return f"{self.doc_ids[self.row_doc[row]]}:{int(self.row_n[row])}"

    # --- persistence ---------------------------------------------------------------------------

    def save(self, fh: BinaryIO) -> None:
        """An uncompressed ``.npz`` (``np.load`` reads it) whose arrays start 64-byte aligned,
        so ``load`` can map them instead of copying (``_write_aligned``)."""
        arrays = {
            "ptr": self.ptr, "rows": self.rows, "tf": self.tf, "dl": self.dl, "row_doc": self.row_doc,
            "row_n": self.row_n, "terms": _blob(self.terms), "doc_ids": _blob(self.doc_ids),
            "terms_hashes": _blob(self.terms_hashes),
        }
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED, allowZip64=True) as z:
            for key, arr in arrays.items():
                _write_aligned(z, fh, f"{key}.npy", np.ascontiguousarray(arr))

    @classmethod
    def load(cls, path: Path, name: str) -> Segment:
        """The numeric arrays are read-only views of the file's pages (``mmap``), not copies:
        the kernel's page cache holds them once for every process serving the store (``vanban
        serve --workers N``), and a segment another process wrote costs this one no private
        memory. The strings (terms, document ids) are decoded into Python lists."""
        z = _mapped_npz(path)
        return cls(
            name=name, terms=_unblob(z["terms"]), ptr=z["ptr"], rows=z["rows"], tf=z["tf"],
            dl=z["dl"], row_doc=z["row_doc"], row_n=z["row_n"], doc_ids=_unblob(z["doc_ids"]),
            terms_hashes=_unblob(z["terms_hashes"]),
        )


_ALIGN = 64  # bytes; what the .npy format aligns its own data to
_ZIP64_EXTRA = 20  # the zip64 field ``force_zip64`` adds to each local header
_PAD_ID = 0xD935  # extra-field id of alignment padding (as Android's zipalign writes it)


def _write_aligned(z: zipfile.ZipFile, fh: BinaryIO, name: str, arr: np.ndarray) -> None:
    """Write ``arr`` as ``name`` with its data at a multiple of ``_ALIGN`` in the file: a padding
    extra field in the local header moves the ``.npy`` header (itself a multiple of 64 bytes)."""
    header = io.BytesIO()
    npformat.write_array_header_1_0(header, npformat.header_data_from_array_1_0(arr))
    fixed = 30 + len(name.encode()) + _ZIP64_EXTRA + 4  # local header, name, zip64, pad field head
    pad = -(fh.tell() + fixed + len(header.getvalue())) % _ALIGN
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    info.extra = struct.pack("<HH", _PAD_ID, pad) + bytes(pad)
    with z.open(info, "w", force_zip64=True) as out:
        out.write(header.getvalue())
        out.write(arr.data)


def _mapped_npz(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an uncompressed ``.npz`` as read-only views of one ``mmap`` of the file.
    An array whose data is not aligned (a segment written before ``_write_aligned``) is copied:
    numpy takes slow paths on misaligned data."""
    out: dict[str, np.ndarray] = {}
    with path.open("rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if os.fstat(fh.fileno()).st_size else b""
        with zipfile.ZipFile(fh) as z:
            for info in z.infolist():
                arr = _mapped_array(fh, mapped, info, path.name)
                out[info.filename.removesuffix(".npy")] = arr if arr.flags.aligned else arr.copy()
    return out


def _mapped_array(fh: BinaryIO, mapped: mmap.mmap | bytes, info: zipfile.ZipInfo, file: str) -> np.ndarray:
    """One stored ``.npy`` member: past its local header (name and extra fields) and its ``.npy``
    header, the raw C-order data."""
    if info.compress_type != zipfile.ZIP_STORED:
        raise ValueError(f"{file}: {info.filename} is compressed")
    fh.seek(info.header_offset)
    local = fh.read(30)
    if local[:4] != b"PK\x03\x04":
        raise ValueError(f"{file}: bad local header for {info.filename}")
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    read_header = npformat.read_array_header_1_0 if npformat.read_magic(fh) == (1, 0) \
        else npformat.read_array_header_2_0
    shape, fortran, dtype = read_header(fh)
    if fortran or dtype.hasobject:
        raise ValueError(f"{file}: {info.filename} is not a plain C array")
    count = math.prod(shape)
    if not count:
        return np.zeros(shape, dtype=dtype)
    return np.frombuffer(mapped, dtype=dtype, count=count, offset=fh.tell()).reshape(shape)


def _blob(strings: list[str]) -> np.ndarray:
    return np.frombuffer(_SEP.join(strings).encode("utf-8"), dtype=np.uint8)


def _unblob(arr: np.ndarray) -> list[str]:
    text = arr.tobytes().decode("utf-8")
    return text.split(_SEP) if text else []


def build(name: str, docs: Iterable[DocRows]) -> Segment:
    """A segment from analyzed documents (term ids by dict, postings sorted by numpy)."""
    vocab: dict[str, int] = {}
    cols: list[int] = []
    row_of: list[int] = []
    dl: list[int] = []
    row_doc: list[int] = []
    row_n: list[int] = []
    doc_ids: list[str] = []
    hashes: list[str] = []
    for d, doc in enumerate(docs):
        doc_ids.append(doc.doc_id)
        hashes.append(doc.terms_hash)
        for n, terms in doc.chunks:
            row = len(dl)
            cols.extend(vocab.setdefault(t, len(vocab)) for t in terms)
            row_of.extend([row] * len(terms))
            dl.append(len(terms))
            row_doc.append(d)
            row_n.append(n)
    n_rows = max(len(dl), 1)
    key = np.asarray(cols, dtype=np.int64) * n_rows + np.asarray(row_of, dtype=np.int64)
    uniq, tf = np.unique(key, return_counts=True)  # sorted by term, then row
    col = uniq // n_rows
    ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.add.at(ptr, col + 1, 1)
    return Segment(
        name=name, terms=list(vocab), ptr=np.cumsum(ptr), rows=(uniq % n_rows).astype(np.int32),
        tf=tf.astype(np.float32), dl=np.asarray(dl, dtype=np.float32),
        row_doc=np.asarray(row_doc, dtype=np.int32), row_n=np.asarray(row_n, dtype=np.int32),
        doc_ids=doc_ids, terms_hashes=hashes,
    )


@dataclass(eq=False)  # identity, so `view in views` never compares arrays
class View:
    """A segment with the documents deleted from it: which rows are live, and their totals."""

    segment: Segment
    deleted: frozenset[str]
    alive: np.ndarray | None = field(init=False)  # bool per row; None when nothing is deleted
    live_rows: int = field(init=False)
    live_dl: float = field(init=False)
    live_docs: dict[str, int] = field(init=False)  # doc id -> index, live documents only
    _mask: tuple[set[str], np.ndarray] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        seg = self.segment
        dead_docs = np.fromiter((d in self.deleted for d in seg.doc_ids), dtype=bool, count=len(seg.doc_ids))
        self.live_docs = {d: i for i, d in enumerate(seg.doc_ids) if not dead_docs[i]}
        if dead_docs.any():
            self.alive = ~dead_docs[seg.row_doc]
            self.live_rows = int(self.alive.sum())
            self.live_dl = float(seg.dl[self.alive].sum())
        else:
            self.alive = None
            self.live_rows = seg.n_rows
            self.live_dl = float(seg.dl.sum())

    def row_mask(self, allowed: set[str] | None) -> np.ndarray | None:
        """Rows of live documents in ``allowed`` (None: every live row). The last mask is kept
        for the same set object: the engine reuses one set per filter until the index changes,
        and building a mask is a Python pass over every document (~1 ms at 100k chunks)."""
        if allowed is None:
            return self.alive
        cached = self._mask
        if cached is not None and cached[0] is allowed:
            return cached[1]
        ok = np.fromiter((d in allowed and d in self.live_docs for d in self.segment.doc_ids),
                         dtype=bool, count=len(self.segment.doc_ids))
        mask = ok[self.segment.row_doc]
        self._mask = (allowed, mask)
        return mask


class Vocabulary:
    """Membership over the segments' terms, for query analysis (``term in vocab``)."""

    def __init__(self, views: Sequence[View]) -> None:
        self._vocabs = [v.segment.vocab for v in views]

    def __contains__(self, term: object) -> bool:
        return any(term in v for v in self._vocabs)


def search(views: Sequence[View], terms: Sequence[str], k: int,
           allowed: set[str] | None = None) -> list[tuple[View, int, float]]:
    """Top ``k`` live rows by BM25 over all views: ``(view, row, score)``, best first, score > 0."""
    n_live = sum(v.live_rows for v in views)
    if not n_live or not terms or k <= 0:
        return []
    avgdl = sum(v.live_dl for v in views) / n_live
    weights = [v.segment.weights(avgdl) for v in views]
    parts: list[tuple[list[np.ndarray], list[np.ndarray]]] = [([], []) for _ in views]
    for term in terms:
        hits = []  # (view index, rows, tf weights) of live postings
        df = 0
        for i, v in enumerate(views):
            col = v.segment.vocab.get(term)
            if col is None:
                continue
            lo, hi = v.segment.ptr[col], v.segment.ptr[col + 1]
            rows, w = v.segment.rows[lo:hi], weights[i][lo:hi]
            if v.alive is not None:
                keep = v.alive[rows]
                rows, w = rows[keep], w[keep]
            if len(rows):
                hits.append((i, rows, w))
                df += len(rows)
        if not df:
            continue
        idf = math.log(1 + (n_live - df + 0.5) / (df + 0.5))
        for i, rows, w in hits:
            parts[i][0].append(rows)
            parts[i][1].append(w * np.float32(idf))
    scores: list[np.ndarray | None] = [
        np.bincount(np.concatenate(r), np.concatenate(w), minlength=views[i].segment.n_rows) if r else None
        for i, (r, w) in enumerate(parts)
    ]
    return _top(views, scores, k, allowed)


def _top(views: Sequence[View], scores: list[np.ndarray | None], k: int,
         allowed: set[str] | None) -> list[tuple[View, int, float]]:
    flat: list[np.ndarray] = []
    owners: list[tuple[int, int]] = []  # (view index, offset of its rows in the flat array)
    offset = 0
    for i, s in enumerate(scores):
        if s is None:
            continue
        mask = views[i].row_mask(allowed)
        if mask is not None:
            s = np.where(mask, s, 0.0)
        flat.append(s)
        owners.append((i, offset))
        offset += len(s)
    if not flat:
        return []
    allscores = np.concatenate(flat)
    k = min(k, len(allscores))
    top = np.argpartition(-allscores, k - 1)[:k]
    top = top[np.argsort(-allscores[top], kind="stable")]
    starts = np.asarray([o for _, o in owners])
    out = []
    for pos in top:
        score = float(allscores[pos])
        if score <= 0:
            break
        j = int(np.searchsorted(starts, pos, side="right")) - 1
        i, start = owners[j]
        out.append((views[i], int(pos - start), score))
    return out


def merge(name: str, views: Sequence[View]) -> Segment:
    """One segment holding the live documents of ``views`` (postings concatenated, no re-analysis)."""
    vocab: dict[str, int] = {}
    cols, rows, tfs = [], [], []
    dl, row_doc, row_n = [], [], []
    doc_ids: list[str] = []
    hashes: list[str] = []
    row_base = 0
    for v in views:
        seg = v.segment
        keep_rows = np.ones(seg.n_rows, dtype=bool) if v.alive is None else v.alive
        new_row = np.cumsum(keep_rows) - 1 + row_base  # old row -> new row (live rows only)
        doc_map = np.full(len(seg.doc_ids), -1, dtype=np.int32)
        for old, doc_id in enumerate(seg.doc_ids):
            if doc_id in v.live_docs:
                doc_map[old] = len(doc_ids)
                doc_ids.append(doc_id)
                hashes.append(seg.terms_hashes[old])
        col_map = np.asarray([vocab.setdefault(t, len(vocab)) for t in seg.terms], dtype=np.int64)
        post_col = np.repeat(col_map, np.diff(seg.ptr))
        keep = keep_rows[seg.rows]
        cols.append(post_col[keep])
        rows.append(new_row[seg.rows[keep]])
        tfs.append(seg.tf[keep])
        dl.append(seg.dl[keep_rows])
        row_doc.append(doc_map[seg.row_doc[keep_rows]])
        row_n.append(seg.row_n[keep_rows])
        row_base += int(keep_rows.sum())
    n_rows = max(row_base, 1)
    col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    row = np.concatenate(rows).astype(np.int64) if rows else np.zeros(0, dtype=np.int64)
    order = np.argsort(col * n_rows + row, kind="stable")
    ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.add.at(ptr, col + 1, 1)
    return Segment(
        name=name, terms=list(vocab), ptr=np.cumsum(ptr), rows=row[order].astype(np.int32),
        tf=np.concatenate(tfs)[order] if tfs else np.zeros(0, dtype=np.float32),
        dl=np.concatenate(dl) if dl else np.zeros(0, dtype=np.float32),
        row_doc=np.concatenate(row_doc) if row_doc else np.zeros(0, dtype=np.int32),
        row_n=np.concatenate(row_n) if row_n else np.zeros(0, dtype=np.int32),
        doc_ids=doc_ids, terms_hashes=hashes,
    )


def plan_merge(views: Sequence[View]) -> list[View]:
    """The views to merge into one now (empty: none), given views with live rows.

    Beyond ``MAX_SEGMENTS`` the smallest are merged, down to half that many, so a big segment is
    rewritten rarely (each row is merged O(log n) times); a segment whose rows are mostly
    deleted is compacted so deleted rows do not pile up in memory.
    """
    if len(views) > MAX_SEGMENTS:
        by_size = sorted(views, key=lambda v: v.live_rows)
        return by_size[: len(views) - MAX_SEGMENTS // 2 + 1]
    return [v for v in views if v.live_rows < v.segment.n_rows / 2]
