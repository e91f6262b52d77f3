"""Migration 0002 (legal status) on a store written by 0001: keys and dates are backfilled."""

import pytest
from alembic import command
from sqlalchemy import text

from store.db import alembic_config, make_engine, migrate


@pytest.fixture
def engine(store_settings):
    url = store_settings.db_url
    eng = make_engine(url)
    with eng.begin() as conn:
        for table in ("items", "sections", "documents", "originals", "ingest_jobs", "alembic_version"):
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
