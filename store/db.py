"""Engine set-up and schema migration, the same code for SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from core.errors import StoreError, one_line
from core.settings import Settings

if TYPE_CHECKING:  # alembic costs ~0.1 s to import; only a store below head needs it
    from alembic.config import Config

_MIGRATIONS = Path(__file__).parent / "migrations"
# pg_advisory_xact_lock key held while the schema is migrated: b"vanban" as a number
MIGRATION_LOCK = int.from_bytes(b"vanban", "big")


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets readers (search, the web page) run while an ingest writes; busy_timeout makes a
    # second writer wait instead of failing at once; foreign keys make deletes cascade.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.attributes["connection_engine"] = engine
    return cfg


def serialize_migrations(connection: Connection) -> None:
    """One migrating process at a time per PostgreSQL database, until ``connection``'s
    transaction ends (SQLite serializes writers by itself: its migration takes the write lock)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is there already)."""
    try:
        insp = inspect(engine)
        if "alembic_version" in insp.get_table_names():
            with engine.connect() as conn:
                current = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            if current == HEAD_REVISION:
                return
        from alembic import command

        command.upgrade(alembic_config(engine), "head")
    except Exception as err:  # any driver error: say which database failed, keep the cause
        raise StoreError(f"cannot open or migrate the database: {one_line(err)}") from err


def session_factory(settings: Settings) -> sessionmaker[Session]:
    engine = make_engine(settings.db_url)
    migrate(engine)
    return sessionmaker(engine, expire_on_commit=False)


HEAD_REVISION = "0004"
