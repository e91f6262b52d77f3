"""Migrations on a store written by an older revision: 0002 (legal status) backfills keys and
dates, 0003 (the change log) logs every stored document as a put."""

import os

import pytest
from alembic import command
from sqlalchemy import text

from store.changelog import content_hash
from store.db import alembic_config, make_engine, migrate
from store.models import Base


@pytest.fixture
def engine(store_settings):
    url = store_settings.db_url
    eng = make_engine(url)
    with eng.begin() as conn:  # every table the migrations create, whoever used the database last
        Base.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
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


def _first_open(url: str, barrier, failures) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(url)
    try:
        barrier.wait()
        migrate(engine)
    except Exception as err:  # reported to the test through the queue, not swallowed
        failures.put(repr(err))
    finally:
        engine.dispose()


def test_first_migrations_of_a_new_postgresql_database_do_not_race():
    """Issue 15: two first ingests into a new PostgreSQL database both created the schema and one
    died on UniqueViolation (alembic_version). Four processes at once now wait for each other
    (processes, as in production: alembic's context is one per process)."""
    import multiprocessing
    import uuid

    import psycopg

    from core.settings import Settings
    from store.db import HEAD_REVISION

    pg_url = os.environ.get("VANBAN_TEST_PG_URL")
    if not pg_url:
        pytest.skip("VANBAN_TEST_PG_URL not set (.ci/run starts PostgreSQL and sets it)")
    name = f"vanban_migrate_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = Settings(database_url=f"{pg_url.rsplit('/', 1)[0]}/{name}").db_url
    ctx = multiprocessing.get_context("fork")
    barrier, failures = ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_first_open, args=(url, barrier, failures)) for _ in range(4)]
    try:
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
        errors = [failures.get() for _ in range(failures.qsize())]
        assert errors == []
        assert [p.exitcode for p in procs] == [0] * 4
        with make_engine(url).connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        assert versions == [HEAD_REVISION]
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
