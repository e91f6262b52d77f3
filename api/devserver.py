"""`vanban serve` as a child process on a free loopback port, for tests, benchmarks and smoke
checks: the one place that knows how to start it, wait until it answers and stop it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]


class ServerStartError(RuntimeError):
    """The server exited or did not answer `/health` in time."""


def stop_processes(procs: list[subprocess.Popen], grace_s: float = 30) -> None:
    """SIGTERM every process still running, give each ``grace_s`` to exit, then SIGKILL it: the
    workers a test or a bench started must not outlive it."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(grace_s)
        except subprocess.TimeoutExpired:
            proc.kill()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextmanager
def background_server(env: Mapping[str, str], *, timeout_s: float = 120,
                      output: IO[bytes] | int | None = subprocess.DEVNULL,
                      command: Callable[[int], list[str]] | None = None,
                      ) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start the server with ``env`` (VANBAN_DATA_DIR etc.); yield (base URL, process) once
    `/health` answers; SIGTERM it (SIGKILL after 30 s) when the block ends. ``command(port)``
    replaces `vanban serve` (a benchmark runs uvicorn without access logs)."""
    port = free_port()
    cmd = command(port) if command else [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1",
                                         "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(env), stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while not _answers(url):
            if proc.poll() is not None:
                raise ServerStartError(f"vanban serve exited with {proc.returncode}")
            if time.monotonic() > deadline:
                raise ServerStartError(f"vanban serve did not answer /health within {timeout_s:g} s")
            time.sleep(0.2)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
