"""Alembic environment: runs against the engine vanban hands over (store.db.migrate), or the
URL from VANBAN_DATABASE_URL / the default SQLite file when run as `alembic upgrade head`."""

from __future__ import annotations

from alembic import context

from core.settings import get_settings
from store.db import serialize_migrations
from store.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    engine = config.attributes.get("connection_engine")
    if engine is None:
        from store.db import make_engine

        engine = make_engine(get_settings().db_url)
    with engine.begin() as connection:
        # Two first ingests into a new PostgreSQL database (two workers starting at once) both
        # found no schema and both created it: UniqueViolation on alembic_version. The second
        # now waits here, then reads the version the first committed and has nothing to do.
        serialize_migrations(connection)
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        context.run_migrations()


run()
