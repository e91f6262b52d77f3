"""Migration 0002 (legal status) on a store written by 0001: keys and dates are backfilled."""

import os

import pytest
from alembic import command
from sqlalchemy import text

from core.settings import Settings
from store.db import alembic_config, make_engine, migrate

PG_URL = os.environ.get("VANBAN_TEST_PG_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    if request.param == "sqlite":
        url = Settings(data_dir=tmp_path).db_url
    else:
        if not PG_URL:
            pytest.skip("VANBAN_TEST_PG_URL not set")
        url = PG_URL
    eng = make_engine(url)
    with eng.begin() as conn:
        for table in ("items", "sections", "documents", "alembic_version"):
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    return eng


def test_0002_backfills_number_key_and_effective_from(engine):
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO documents (id, source, source_key, kind, number, text, record) VALUES "
            "('a1', 'a.txt', 'a', 'decision', '512/QĐ-UBND', 't', :rec)"),
            {"rec": '{"effective_from": "2023-02-20"}'})
    migrate(engine)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT number_key, effective_from FROM documents WHERE id = 'a1'")).one()
    assert tuple(row) == ("512/qd-ubnd", "2023-02-20")
