"""`vanban serve --workers N`: one port, N forked uvicorn workers over one store.

Why fork ourselves instead of ``uvicorn --workers``: uvicorn starts its workers with
``spawn``, so each would import and load everything again, privately. Here the parent loads
what every worker reads and no request changes in place (``SearchEngine.preload``: the BM25
passages, metadata and per-commit weights; the postings are ``mmap``'d files anyway), freezes it
out of the garbage collector's reach and forks: the children share those pages copy-on-write
until a write replaces them. What holds threads or native state that does not survive a fork
is opened by each worker on its first search: the embedding model (OpenMP/ONNX thread pools),
Chroma (a Rust runtime; with ``VANBAN_CHROMA_URL`` the HNSW graph lives once, in the Chroma
server, instead of once per worker) and the database connections.

Writes from any worker reach the others through the store's own cross-process protocol
(``manifest.json`` for BM25, ``vectors.gen`` for Chroma, the database itself), as they reach a
server from a CLI ingest. Each worker listens on its own ``SO_REUSEPORT`` socket and the kernel
spreads new connections over them (``_listening_beside`` says why not one shared socket); a
keep-alive connection stays with its worker. Each response names its worker
(``X-Vanban-Worker``).

The parent only supervises: SIGTERM or SIGINT stop every worker (uvicorn's graceful shutdown),
and a worker that dies is replaced, unless workers keep dying right after they start.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import socket
import time
from types import FrameType

import uvicorn
from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.http.app import create_app
from api.http.deps import app_service
from core.errors import WorkersFailed
from core.settings import Settings

log = logging.getLogger("vanban.serve")
QUICK_DEATH_S = 10.0  # a worker that exits sooner than this after its start counts as failing
MAX_QUICK_DEATHS = 3  # in a row: then the server stops instead of restarting it forever
STOP_GRACE_S = 30.0  # seconds a worker gets to finish its requests on shutdown


BACKLOG = 2048  # uvicorn's default


def bind(host: str, port: int, reuse_port: bool = False) -> socket.socket:
    """A socket bound to ``host:port`` (OSError when the port is taken). ``reuse_port``: sockets
    of this user may bind the same port too, each listening on its own, and the kernel spreads
    new connections over them (``SO_REUSEPORT``)."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def _listening_beside(reserved: socket.socket) -> socket.socket:
    """A worker's own listening socket on the reserved address.

    Why not one socket shared by every worker: asyncio accepts every pending connection on each
    wake-up, so whichever worker woke first took them all — 32 simultaneous clients landed 32/0
    and 29/3 on two workers, and a keep-alive connection stays where it landed (p95 2-5 s at 32
    clients). With one ``SO_REUSEPORT`` socket per worker the kernel hashes connections across
    the workers instead. The parent's socket is bound but never listens, so no connection
    waits on it; it holds the port while workers come and go."""
    sock = socket.socket(reserved.family, reserved.type)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(reserved.getsockname())
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def preloaded_app(settings: Settings) -> FastAPI:
    """The app with its Service created and the shared read side loaded, before any fork."""
    app = create_app(settings)
    app_service(app).engine.preload()
    return app


def serve(settings: Settings, sock: socket.socket, workers: int, log_level: str = "info") -> None:
    """Fork ``workers`` uvicorn servers on the address of ``sock`` (bound by ``bind(…,
    reuse_port=True)``, not listening) and supervise them until SIGTERM/SIGINT."""
    gc.disable()  # no collection may leave holes in the pages the workers will share
    app = preloaded_app(settings)
    gc.collect()
    gc.freeze()  # the workers' collections never write to these objects' headers
    Supervisor(app, sock, workers, log_level).run()


def tag_worker(app: ASGIApp, pid: int) -> ASGIApp:
    """``app`` with an ``X-Vanban-Worker: PID`` header on every response: which worker answered
    (logs, load balancing checks, the tests that a write through one is seen by the others)."""
    header = (b"x-vanban-worker", str(pid).encode())

    async def tagged(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_tagged(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), header]}
            await send(message)

        await app(scope, receive, send_tagged)

    return tagged


class Supervisor:
    def __init__(self, app: FastAPI, sock: socket.socket, workers: int, log_level: str) -> None:
        self.app, self.sock, self.workers, self.log_level = app, sock, workers, log_level
        self.children: dict[int, float] = {}  # pid -> start time
        self.stopping = False
        self.quick_deaths = 0

    def run(self) -> None:
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            for _ in range(self.workers):
                self._spawn()
            self._supervise()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self.sock.close()

    def _spawn(self) -> None:
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the parent's code
            os._exit(self._work())
        self.children[pid] = time.monotonic()

    def _work(self) -> int:
        """A worker's life: uvicorn on its own socket of the port until it is told to stop."""
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # uvicorn installs its own
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        gc.enable()
        try:
            config = uvicorn.Config(tag_worker(self.app, os.getpid()), log_level=self.log_level,
                                    timeout_graceful_shutdown=int(STOP_GRACE_S))
            server = uvicorn.Server(config)
            own = _listening_beside(self.sock)
            self.sock.close()  # the parent's: it holds the port, the worker needs its own only
            server.run(sockets=[own])
        except BaseException:  # the exit status tells the parent; the log tells the user why
            log.exception("worker %d failed", os.getpid())
            return 1
        return 0 if server.started else 3  # 3: uvicorn's "startup failed"

    def _supervise(self) -> None:
        while self.children and not self.stopping:
            try:
                pid, status = os.waitpid(-1, 0)
            except ChildProcessError:
                break
            started = self.children.pop(pid, None)
            if started is None or self.stopping:
                continue
            code = os.waitstatus_to_exitcode(status)
            quick = time.monotonic() - started < QUICK_DEATH_S
            self.quick_deaths = self.quick_deaths + 1 if quick else 0
            if self.quick_deaths >= MAX_QUICK_DEATHS:
                self._stop()
                self._reap()
                raise WorkersFailed(f"{MAX_QUICK_DEATHS} workers exited right after starting (last "
                                    f"exit status {code}); see the log above")
            log.warning("worker %d exited (%d); starting another", pid, code)
            self._spawn()
        self._reap()

    def _stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        self.stopping = True
        for pid in self.children:
            with contextlib.suppress(ProcessLookupError):  # gone already: nothing to stop
                os.kill(pid, signal.SIGTERM)

    def _reap(self) -> None:
        """Wait for the stopped workers; kill those still there after the grace period."""
        deadline = time.monotonic() + STOP_GRACE_S + 5
        while self.children and time.monotonic() < deadline:
            for pid in list(self.children):
                if os.waitpid(pid, os.WNOHANG)[0]:
                    del self.children[pid]
            time.sleep(0.1)
        for pid in self.children:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        self.children.clear()
