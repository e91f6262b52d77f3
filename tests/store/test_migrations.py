"""Migrations on a store written by an older revision: 0002 (legal status) backfills keys and
dates, 0003 (the change log) logs every stored document as a put."""

import pytest
from alembic import command
from sqlalchemy import text

from store.changelog import content_hash
from store.db import alembic_config, make_engine, migrate


@pytest.fixture
def engine(store_settings):
    url = store_settings.db_url
    eng = make_engine(url)
    with eng.begin() as conn:
        for table in ("changes", "items", "sections", "documents", "alembic_version"):
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


def test_0003_logs_stored_documents_as_puts_oldest_first(engine):
    command.upgrade(alembic_config(engine), "0002")
    with engine.begin() as conn:
        for doc_id, text_, at in (("b2", "hai", "2024-01-02"), ("a1", "một", "2024-01-01")):
            conn.execute(text(
                "INSERT INTO documents (id, source, source_key, kind, text, record, created_at) VALUES "
                "(:id, 's', :id, 'decision', :t, '{}', :at)"), {"id": doc_id, "t": text_, "at": at})
    migrate(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT document_id, op, content_hash FROM changes ORDER BY seq")).all()
    assert [tuple(r) for r in rows] == [("a1", "put", content_hash("một")),
                                        ("b2", "put", content_hash("hai"))]
