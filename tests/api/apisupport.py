"""Paths and helpers the API tests import by name (conftest.py only holds fixtures, and a test
module cannot import a conftest: three folders have one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from api.service import Service
from core.settings import Settings

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / ".." / "shared"
SAMPLES = SHARED / "samples"
NGHEAN = SAMPLES / "qd_nghean_example.txt"
HATINH_NEWS = SAMPLES / "news_hatinh_2021.txt"
SCRIPT_DOC = HERE / "fixtures" / "qd_hatinh_script.txt"


def require_samples() -> None:
    if not NGHEAN.is_file():
        pytest.skip("../shared samples not present")


def make_client(data_dir: Path, **overrides: object) -> TestClient:
    settings = Settings(data_dir=data_dir, **overrides)  # type: ignore[arg-type]
    return TestClient(create_app(settings), raise_server_exceptions=False)


def index_samples(data_dir: Path) -> Path:
    """Store and index the two small decisions into ``data_dir`` through the Service (the
    CLI's ``ingest`` path), for tests that start their own server process on it."""
    summary = Service(Settings(data_dir=data_dir)).ingest_paths([NGHEAN, SCRIPT_DOC])
    assert summary.count("failed") == 0, summary.outcomes
    return data_dir
