"""Fixtures of the reliability suite: the store engines to run against and the hypothesis
profile CI uses."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from relsupport import CHROMA_URL, PG_URL, Store
from sqlalchemy import delete

from core.settings import Settings
from store.db import session_factory
from store.models import ChangeRow, DocumentRow

# CI runs the fuzz tests reproducibly: HYPOTHESIS_PROFILE=ci (or --hypothesis-profile=ci).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])


def _empty_database(url: str) -> None:
    sessions = session_factory(Settings(database_url=url))
    with sessions.begin() as s:  # sections and items go with their document (ON DELETE CASCADE)
        s.execute(delete(DocumentRow))
        s.execute(delete(ChangeRow))  # a fresh data dir would replay the earlier tests' log
    sessions.kw["bind"].dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh store on SQLite, and on PostgreSQL when CI provides one (rows dropped first)."""
    if request.param == "sqlite":
        yield Store(tmp_path / "data")
        return
    if not PG_URL:
        pytest.skip("VANBAN_TEST_PG_URL not set (.ci/run starts PostgreSQL and sets it)")
    _empty_database(PG_URL)
    yield Store(tmp_path / "data", PG_URL)
    _empty_database(PG_URL)


@pytest.fixture(params=["sqlite+embedded-chroma", "postgresql+chroma-server"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The two deployments: everything in the data dir, or PostgreSQL and a Chroma server
    (both emptied first; CI starts them with .ci/postgres.sh and .ci/chroma.sh)."""
    if request.param.startswith("sqlite"):
        yield Store(tmp_path / "data")
        return
    if not (PG_URL and CHROMA_URL):
        pytest.skip("VANBAN_TEST_PG_URL and VANBAN_TEST_CHROMA_URL not both set")
    from search.engine import SearchEngine

    _empty_database(PG_URL)
    store = Store(tmp_path / "data", PG_URL, chroma_url=CHROMA_URL)
    SearchEngine(store.settings).reset_vectors()  # what an earlier test left on the server
    yield store
    _empty_database(PG_URL)
