"""The store's tests run on a real SQLite file, and on PostgreSQL when CI provides one
(``VANBAN_TEST_PG_URL``, started by ``.ci/run``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.settings import Settings

PG_URL = os.environ.get("VANBAN_TEST_PG_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "sqlite":
        return Settings(data_dir=tmp_path)
    if not PG_URL:
        pytest.skip("VANBAN_TEST_PG_URL not set (.ci/run starts PostgreSQL and sets it)")
    return Settings(data_dir=tmp_path, database_url=PG_URL)
