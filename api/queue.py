"""Queued ingest on PostgreSQL with procrastinate (issue 15; chosen by measurement, see
BENCHMARKS.md): the queue is a table in the database the documents go to, so a deployment that
already runs PostgreSQL needs no broker, scheduler or head node, and a queued job survives any
process (the queueing CLI, a worker, the server) being killed.

- ``enqueue(paths)`` keeps each file's bytes in the store (``api.jobs.submit``) and defers one
  job per file; any machine that can reach the database may then run it.
- ``work()`` runs a worker: each job is ``api.jobs.run`` (read → extract → SQL → vectors on the
  Chroma server). A worker sends heartbeats; every worker also requeues the jobs of workers
  whose heartbeats stopped (``settings.stalled_after_s``): a SIGKILLed worker's job runs again
  elsewhere, and running it again is harmless (``api.jobs``).
- A failing store or vector server is retried with backoff (``ATTEMPTS``); a file that cannot
  become a document fails at once with its reason.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api import jobs
from core.errors import IndexError_, QueueError, StoreError
from core.settings import Settings

if TYPE_CHECKING:
    import procrastinate

    from api.service import IngestSummary, Service
    from store.jobs import Outcome

log = logging.getLogger(__name__)
QUEUE = "vanban-ingest"
TASK = "vanban.ingest"
ATTEMPTS = 5  # a store or vector server that stays down this long fails the file
FINAL = ("ingested", "replaced", "unchanged", "failed")


def _conninfo(settings: Settings) -> str:
    url = settings.db_url
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix):]
    raise QueueError("queued ingest needs PostgreSQL: set VANBAN_DATABASE_URL=postgresql://… "
                     "(every worker and the machine that queues use the same database)")


_services: dict[str, Service] = {}


def _service(settings: Settings) -> Service:
    """One service (model, store connections) per worker process and settings."""
    from api.service import Service

    key = settings.model_dump_json()
    if key not in _services:
        _services[key] = Service(settings)
    return _services[key]


def make_app(settings: Settings) -> procrastinate.App:
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=_conninfo(settings)))
    retry = procrastinate.RetryStrategy(max_attempts=ATTEMPTS, exponential_wait=2,
                                        retry_exceptions={StoreError, IndexError_})

    @app.task(name=TASK, queue=QUEUE, retry=retry, pass_context=True)
    def ingest(context: procrastinate.JobContext, ticket: str, sha256: str, source: str,
               source_key: str) -> str:
        attempt = (context.job.attempts if context.job else 0) + 1
        job = jobs.Job(ticket, sha256, source, source_key)
        return jobs.run(_service(settings), job, attempt, last_attempt=attempt >= ATTEMPTS)

    return app


def ensure_schema(settings: Settings) -> None:
    """The store's migrations, then procrastinate's tables, under the same advisory lock: two
    workers starting on a new database must not both create them."""
    from procrastinate.schema import SchemaManager
    from sqlalchemy.exc import SQLAlchemyError

    from store.db import make_engine, serialize_migrations

    _conninfo(settings)  # SQLite: say that the queue needs PostgreSQL before touching anything
    svc = _service(settings)
    svc.repo  # noqa: B018  (opening the repository migrates the store)
    engine = make_engine(settings.db_url)
    try:
        with engine.begin() as conn:
            serialize_migrations(conn)
            if conn.exec_driver_sql("SELECT to_regclass('procrastinate_jobs')").scalar() is None:
                # the driver's own execute: no parameters, so the schema's '%' are not placeholders
                conn.connection.driver_connection.execute(SchemaManager.get_schema())
    except SQLAlchemyError as err:
        reason = " ".join(str(err.orig or err).split())[:200]
        raise StoreError(f"cannot create the queue's tables: {reason}") from err
    finally:
        engine.dispose()


def enqueue(settings: Settings, paths: list[Path]) -> list[jobs.Job]:
    """One job per file (files already expanded from folders); returns them in order."""
    ensure_schema(settings)
    svc = _service(settings)
    queued = [jobs.submit(svc, p) for p in paths]
    app = make_app(settings)
    try:
        with app.open():
            app.tasks[TASK].batch_defer(*(j.args() for j in queued))
    except Exception as err:  # psycopg / procrastinate connection errors
        raise StoreError(f"cannot queue the jobs: {type(err).__name__}: {err}") from err
    return queued


def enqueue_paths(settings: Settings, paths: list[Path]) -> tuple[list[jobs.Job], list[Path]]:
    """Files and folders as ``vanban ingest`` takes them; symlinks are skipped and returned."""
    from ingest import reader

    links: list[Path] = []
    files = reader.iter_paths(paths, links)
    return (enqueue(settings, files) if files else []), links


def ingest_queued(settings: Settings, paths: list[Path],
                  progress: Callable[[int, int, str], None] | None = None) -> IngestSummary:
    """``vanban ingest --queue``: queue the files, wait for the workers, the usual summary."""
    from api.service import FileOutcome, IngestSummary

    queued, links = enqueue_paths(settings, paths)
    outcomes = wait(settings, [j.ticket for j in queued],
                    on_progress=(lambda done, total: progress(done, total, "")) if progress else None)
    summary = IngestSummary([FileOutcome(str(p), "skipped", error="skipped symlink") for p in links])
    for o in outcomes:
        summary.outcomes.append(FileOutcome(o.source, o.status, o.doc_id, o.error))  # type: ignore[arg-type]
    return summary


def wait(settings: Settings, tickets: list[str], poll_s: float = 0.5,
         on_progress: Callable[[int, int], None] | None = None,
         timeout_s: float | None = None) -> list[Outcome]:
    """Block until every ticket has a final outcome (or ``timeout_s``); returns the outcomes."""
    svc = _service(settings)
    started = time.monotonic()
    while True:
        outcomes = svc.jobs.outcomes(tickets)
        done = sum(1 for o in outcomes if o.status in FINAL)
        if on_progress:
            on_progress(done, len(tickets))
        if done == len(tickets) or (timeout_s is not None and time.monotonic() - started > timeout_s):
            return outcomes
        time.sleep(poll_s)


def work(settings: Settings, concurrency: int = 1, burst: bool = False,
         ready: Callable[[], None] | None = None) -> None:
    """Run a worker until stopped (SIGINT/SIGTERM), or with ``burst`` until the queue is empty.
    The model is loaded before the first job is taken, so a job's time is its own."""
    ensure_schema(settings)
    jobs.warm(_service(settings))
    if ready:
        ready()
    asyncio.run(_work(make_app(settings), settings, concurrency, burst))


async def _work(app: procrastinate.App, settings: Settings, concurrency: int, burst: bool) -> None:
    async with app.open_async():
        requeue = asyncio.create_task(_requeue_stalled(app, settings.stalled_after_s))
        try:
            await app.run_worker_async(
                queues=[QUEUE], concurrency=concurrency, wait=not burst,
                update_heartbeat_interval=max(settings.stalled_after_s / 3, 0.5),
                stalled_worker_timeout=settings.stalled_after_s,
            )
        finally:
            requeue.cancel()


async def _requeue_stalled(app: procrastinate.App, after_s: float) -> None:
    """Jobs left ``doing`` by a worker whose heartbeat stopped go back to the queue."""
    while True:
        await asyncio.sleep(max(after_s / 3, 0.5))
        try:
            stalled: Any = await app.job_manager.get_stalled_jobs(
                queue=QUEUE, seconds_since_heartbeat=after_s)
            for job in stalled:
                log.warning("requeueing job %s of a stopped worker (%s)", job.id,
                            job.task_kwargs.get("source"))
                await app.job_manager.retry_job(job)
        except Exception as err:  # the database may be down for a while: keep trying
            log.warning("could not look for stalled jobs: %s: %s", type(err).__name__, err)
