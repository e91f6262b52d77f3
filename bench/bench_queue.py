"""Issue 15: which engine runs distributed ingest? Ray, Dask distributed, Celery (Redis broker)
and procrastinate (a queue in PostgreSQL) each run the same job, ``api.jobs.run`` (original read
from PostgreSQL → extract → SQL → vectors on a Chroma server), over the same files, with 1 or 2
worker processes; ``--kill`` SIGKILLs the worker process running a job mid-job and checks
whether the job runs again and whether anything is stored twice.

Each engine needs its own environment (they are not project dependencies); the venvs used here
add one engine on top of the project's venv:

    python -m venv --without-pip /tmp/eng-ray
    echo "$PWD/.venv/lib/python3.11/site-packages" > /tmp/eng-ray/lib/python3.11/site-packages/main.pth
    .venv/bin/python -m pip --python /tmp/eng-ray/bin/python install ray
    # (or: dask distributed | celery[redis] | procrastinate)
    BENCH_PG=$(bash .ci/postgres.sh) BENCH_CHROMA=$(bash .ci/chroma.sh) \
        /tmp/eng-ray/bin/python bench/bench_queue.py --engine ray --workers 2 [--kill]

Prints one JSON line per run and appends it to ``bench/out/queue.jsonl``. Every run gets a new
PostgreSQL database and a new Chroma collection (``VANBAN_DEPLOYMENT``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from api import jobs  # noqa: E402
from api.devserver import stop_processes  # noqa: E402

ENGINES = ("ray", "dask", "celery", "procrastinate")
_service_cache: dict[str, Any] = {}


# --- what runs inside a worker process (any engine) ----------------------------------------------
def _svc() -> Any:
    if "svc" not in _service_cache:
        from api.service import Service
        from core.settings import Settings

        _service_cache["svc"] = Service(Settings())
    return _service_cache["svc"]


def _marks() -> Path:
    return Path(os.environ["BENCH_MARKS"])


def warm(*_: Any, **__: Any) -> int:
    """Load the models, then say so (a file per process); the clock starts when all are ready."""
    jobs.warm(_svc())
    (_marks() / f"ready-{os.getpid()}").touch()
    return os.getpid()


def warm_and_hold(*_: Any) -> int:
    pid = warm()
    time.sleep(3)  # Ray: keep this worker busy so the next warm-up lands on another process
    return pid


def bench_task(args: dict[str, str], attempt: int = 1, last_attempt: bool = True) -> str:
    """``api.jobs.run`` with two marks: every start (to count runs per job) and the job in flight
    with its process id (what ``--kill`` kills)."""
    marks = _marks()
    (marks / f"start-{args['ticket']}-{os.getpid()}-{time.monotonic_ns()}").touch()
    inflight = marks / f"inflight-{args['ticket']}-{os.getpid()}"
    inflight.touch()
    try:
        return _run(_svc(), jobs.Job(**args), attempt, last_attempt)
    finally:
        inflight.unlink(missing_ok=True)


_run = jobs.run


def _marked_run(service: Any, job: jobs.Job, attempt: int = 1, last_attempt: bool = True) -> str:
    return bench_task(job.args(), attempt, last_attempt)


# Celery finds its app by import: defined only in its environment.
celery_app: Any = None
if os.environ.get("BENCH_ENGINE") == "celery":
    from celery import Celery
    from celery.signals import worker_process_init

    celery_app = Celery("bench", broker=os.environ.get("BENCH_BROKER", "redis://127.0.0.1:6390/0"))
    celery_app.conf.update(task_acks_late=True, task_reject_on_worker_lost=True,
                           worker_prefetch_multiplier=1, broker_connection_retry_on_startup=True,
                           worker_hijack_root_logger=False,
                           # a respawned child loads the models (seconds); the default 4 s made the
                           # master kill every respawn after a SIGKILL, forever (first run)
                           worker_proc_alive_timeout=300)
    celery_ingest = celery_app.task(name="bench.ingest")(bench_task)
    worker_process_init.connect(lambda **_: warm(), weak=False)


# --- the driver ------------------------------------------------------------------------------------
class Run:
    def __init__(self, engine: str, workers: int, files: list[Path], kill: bool) -> None:
        self.engine, self.workers, self.files, self.kill = engine, workers, files, kill
        self.name = f"bench_{engine}_{workers}{'_kill' if kill else ''}"
        self.dir = Path("/tmp/bench-queue") / self.name
        self.procs: list[subprocess.Popen] = []
        self.killed: dict[str, Any] = {}

    def env(self) -> dict[str, str]:
        base = os.environ["BENCH_PG"].rsplit("/", 1)[0]
        return {
            "VANBAN_DATABASE_URL": f"{base}/{self.name}", "VANBAN_CHROMA_URL": os.environ["BENCH_CHROMA"],
            "VANBAN_DEPLOYMENT": self.name.replace("_", "-"), "VANBAN_DATA_DIR": str(self.dir / "data"),
            "VANBAN_STALLED_AFTER_S": os.environ.get("VANBAN_STALLED_AFTER_S", "6"),
            "BENCH_MARKS": str(self.dir / "marks"), "BENCH_ENGINE": self.engine,
            "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False", "OMP_NUM_THREADS": "1",
        }

    def prepare(self) -> list[jobs.Job]:
        import shutil

        import psycopg

        shutil.rmtree(self.dir, ignore_errors=True)
        (self.dir / "marks").mkdir(parents=True)
        with psycopg.connect(os.environ["BENCH_PG"], autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.name}"')
        os.environ.update(self.env())
        if self.engine == "procrastinate":
            from api import queue
            from core.settings import Settings

            queue.ensure_schema(Settings())
        return [jobs.submit(_svc(), f) for f in self.files]

    # engine set-up: returns a function that dispatches the jobs
    def start(self) -> Any:
        return getattr(self, f"_start_{self.engine}")()

    def _start_ray(self) -> Any:
        import ray

        ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False,
                 runtime_env={"env_vars": self.env()})
        ray.get([ray.remote(warm_and_hold).remote() for _ in range(self.workers)])
        task = ray.remote(max_retries=3)(bench_task)
        self._stop = ray.shutdown
        return lambda js: [task.remote(j.args()) for j in js]

    def _start_dask(self) -> Any:
        from dask.distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        client.run(warm)

        def stop() -> None:
            client.close()
            cluster.close()

        self._stop = stop
        return lambda js: client.map(bench_task, [j.args() for j in js], pure=False)

    def _start_celery(self) -> Any:
        redis = subprocess.Popen(["redis-server", "--port", "6390", "--save", "", "--appendonly", "no"],
                                 stdout=subprocess.DEVNULL)
        time.sleep(0.5)
        env = {**os.environ, **self.env(), "BENCH_BROKER": "redis://127.0.0.1:6390/0"}
        os.environ["BENCH_BROKER"] = env["BENCH_BROKER"]
        for i in range(self.workers):
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "bench.bench_queue:celery_app", "worker", "-c", "1",
                 "-P", "prefork", "--without-gossip", "--without-mingle", "--without-heartbeat",
                 "-n", f"w{i}@%h", "-l", "WARNING"], env=env, cwd=ROOT,
                stdout=open(self.dir / f"worker{i}.log", "w"), stderr=subprocess.STDOUT))  # noqa: SIM115
        self._wait_ready()
        from celery import Celery

        sender = Celery("bench", broker=env["BENCH_BROKER"])

        def stop() -> None:
            self._stop_procs()
            redis.terminate()

        self._stop = stop
        return lambda js: [sender.send_task("bench.ingest", args=[j.args()]) for j in js]

    def _start_procrastinate(self) -> Any:
        env = {**os.environ, **self.env()}
        for i in range(self.workers):
            self.procs.append(subprocess.Popen(
                [sys.executable, str(Path(__file__)), "--procrastinate-worker"], env=env, cwd=ROOT,
                stdout=open(self.dir / f"worker{i}.log", "w"), stderr=subprocess.STDOUT))  # noqa: SIM115
        self._wait_ready()
        from api import queue
        from core.settings import Settings

        self._stop = self._stop_procs

        def dispatch(js: list[jobs.Job]) -> list[int]:
            app = queue.make_app(Settings())
            with app.open():
                return app.tasks[queue.TASK].batch_defer(*(j.args() for j in js))

        return dispatch

    def _wait_ready(self) -> None:
        while len(list((self.dir / "marks").glob("ready-*"))) < self.workers:
            if any(p.poll() is not None for p in self.procs):
                raise SystemExit(f"a worker exited; see {self.dir}/worker*.log")
            time.sleep(0.2)

    def _stop_procs(self) -> None:
        stop_processes(self.procs, grace_s=20)

    def _killer(self) -> None:
        """SIGKILL the process running a job once that job has run for 1 s."""
        first_seen: dict[Path, float] = {}
        while not self.killed:
            for mark in (self.dir / "marks").glob("inflight-*"):
                first_seen.setdefault(mark, time.monotonic())
                if time.monotonic() - first_seen[mark] >= 1.0 and mark.exists():
                    ticket, pid = mark.name[9:45], int(mark.name[46:])  # inflight-{uuid}-{pid}
                    os.kill(pid, signal.SIGKILL)
                    self.killed = {"ticket": ticket, "pid": pid, "at_s": round(time.monotonic() - self.t0, 2)}
                    return
            time.sleep(0.05)

    def measure(self, timeout_s: float) -> dict[str, Any]:
        queued = self.prepare()
        t_start = time.monotonic()
        self._stop = self._stop_procs
        try:
            return self._measure(queued, t_start, timeout_s)
        finally:
            self._stop()

    def _measure(self, queued: list[jobs.Job], t_start: float, timeout_s: float) -> dict[str, Any]:
        dispatch = self.start()
        ready_s = time.monotonic() - t_start
        self.t0 = time.monotonic()
        if self.kill:
            threading.Thread(target=self._killer, daemon=True).start()
        handles = dispatch(queued)  # noqa: F841  (Ray/Dask drop tasks whose handles are gone)
        tickets = [j.ticket for j in queued]
        final = ("ingested", "replaced", "unchanged", "failed")
        while True:
            outcomes = _svc().jobs.outcomes(tickets)
            done = [o for o in outcomes if o.status in final]
            if len(done) == len(tickets) or time.monotonic() - self.t0 > timeout_s:
                break
            time.sleep(0.2)
        return self.report(outcomes, time.monotonic() - self.t0, ready_s)

    def report(self, outcomes: list[Any], elapsed: float, ready_s: float) -> dict[str, Any]:
        from search.chunking import chunk

        svc = _svc()
        starts: dict[str, int] = {}
        run_pids: set[int] = set()
        for mark in (self.dir / "marks").glob("start-*"):
            ticket = mark.name[6:42]
            starts[ticket] = starts.get(ticket, 0) + 1
            run_pids.add(int(mark.name[43:].split("-")[0]))
        warmed = {int(m.name[6:]) for m in (self.dir / "marks").glob("ready-*")}
        statuses: dict[str, int] = {}
        for o in outcomes:
            statuses[o.status] = statuses.get(o.status, 0) + 1
        stored = svc.repo.ids()
        vec = svc.engine.vectors.state()
        expected = {d: len(chunk(svc.repo.get(d), svc.settings.chunk_max_chars)) for d in stored}
        wrong_vectors = sorted(d for d in expected if vec.get(d, (0, ""))[0] != expected[d])
        done = sum(1 for o in outcomes if o.status in ("ingested", "replaced", "unchanged"))
        out = {
            "engine": self.engine, "workers": self.workers, "kill": self.kill, "files": len(self.files),
            "done": done, "statuses": statuses, "elapsed_s": round(elapsed, 2),
            "docs_per_s": round(done / elapsed, 3), "ready_s": round(ready_s, 1),
            "stored_documents": len(stored), "distinct_sources": len({o.source for o in outcomes}),
            "vector_docs": len(vec), "docs_with_wrong_chunk_count": wrong_vectors,
            "chunks_in_chroma": sum(n for n, _ in vec.values()), "chunks_expected": sum(expected.values()),
            "runs_per_job_max": max(starts.values(), default=0),
            "jobs_run_twice": sum(1 for n in starts.values() if n > 1),
            "job_processes": len(run_pids), "job_processes_not_warmed": len(run_pids - warmed),
        }
        if self.kill:
            k = self.killed
            out["killed"] = k
            if k:
                o = next((o for o in outcomes if o.ticket == k["ticket"]), None)
                out["killed_job_outcome"] = o.status if o else None
                out["killed_job_runs"] = starts.get(k["ticket"], 0)
        return out


def _files(folder: Path, count: int) -> list[Path]:
    """Text, HTML and DOCX (no OCR: the run measures the engines, not tesseract)."""
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html", ".docx"))
    return files[:count]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", choices=ENGINES)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--kill", action="store_true")
    ap.add_argument("--files", type=Path, default=ROOT / "corpus" / "docs")
    ap.add_argument("--count", type=int, default=16)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--procrastinate-worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.procrastinate_worker:
        from api import queue
        from core.settings import Settings

        jobs.run = _marked_run  # the queue's task calls jobs.run: mark starts and the job in flight
        queue.work(Settings(), ready=lambda: (_marks() / f"ready-{os.getpid()}").touch())
        return
    result = Run(args.engine, args.workers, _files(args.files, args.count), args.kill).measure(args.timeout)
    result["machine"] = f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    result["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    line = json.dumps(result, ensure_ascii=False)
    print(line)
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    with (ROOT / "bench" / "out" / "queue.jsonl").open("a") as fh:
        fh.write(line + "\n")


if __name__ == "__main__":
    # Run from the importable module, not __main__: Ray and Dask then pickle the task functions
    # by reference (by value they dragged this process's Service, and its weakrefs, along).
    import importlib

    importlib.import_module("bench.bench_queue").main()
