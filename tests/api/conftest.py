"""Fixtures for the API tests: a real app over a real SQLite store (and Chroma, for search) in
a temporary data dir, filled with small real documents.

``store_client`` stores documents without indexing them (no embedding model: fast), which is
all the pages and listings read. ``live_client`` uploads through ``POST /documents`` and
indexes, for search; it is session-scoped because the embedding model takes seconds to load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from apisupport import (  # noqa: F401
    HATINH_NEWS,
    NGHEAN,
    SAMPLES,
    SCRIPT_DOC,
    SHARED,
    index_samples,
    make_client,
    require_samples,
)
from fastapi.testclient import TestClient

from api.http.deps import app_service


@pytest.fixture(scope="session")
def indexed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with both decisions stored and indexed; read-only for its users."""
    require_samples()
    return index_samples(tmp_path_factory.mktemp("indexed") / "data")


@pytest.fixture
def client_with(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """Build clients with setting overrides (``client_with(api_key="k")``) over a tmp data dir."""
    made: list[TestClient] = []

    def build(**overrides: object) -> TestClient:
        c = make_client(tmp_path / "data", **overrides)
        c.__enter__()
        made.append(c)
        return c

    yield build
    for c in made:
        c.__exit__(None, None, None)


@pytest.fixture
def client(client_with: Callable[..., TestClient]) -> TestClient:
    """An app over an empty store (for error paths: nothing gets indexed)."""
    return client_with()


@pytest.fixture(scope="module")
def store_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Three documents stored (not indexed) through the real readers and extraction."""
    require_samples()
    c = make_client(tmp_path_factory.mktemp("store") / "data")
    with c:
        service = app_service(c.app)
        for path in (NGHEAN, HATINH_NEWS, SCRIPT_DOC):
            service.ingest_file(path, source=path.name, index=False)
        yield c


@pytest.fixture(scope="session")
def live_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Two documents uploaded through ``POST /documents`` (stored and indexed)."""
    require_samples()
    c = make_client(tmp_path_factory.mktemp("live") / "data")
    with c:
        for path in (NGHEAN, SCRIPT_DOC):
            with path.open("rb") as fh:
                r = c.post("/documents", files={"file": (path.name, fh, "text/plain")})
            assert r.status_code == 201, r.text
        yield c
