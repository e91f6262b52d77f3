"""Is the SQL store itself sound? ``vanban check`` asks before trusting what it reads.

SQLite: ``PRAGMA quick_check`` (a zeroed or garbled page shows here; before this, ``check``
passed and ``export`` crashed with a traceback). Repair copies every readable row into a new
file that then replaces the old one (the damaged file is kept beside it as ``.damaged``).
PostgreSQL checks its own pages; a connection that answers is all we verify there.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from core.errors import StoreError
from store.db import make_engine, migrate


def sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1]
    return Path(path) if path and path != ":memory:" else None


def problem(url: str) -> str | None:
    """One line saying what is wrong with the store, or None when it is sound."""
    path = sqlite_path(url)
    if path is None:
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError as err:
            return f"the database does not answer ({type(err).__name__})"
        finally:
            engine.dispose()
        return None
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(path, timeout=30)
        try:
            rows = [r[0] for r in con.execute("PRAGMA quick_check(5)")]
        finally:
            con.close()
    except sqlite3.Error as err:
        return f"SQLite file {path} is unreadable ({err})"
    if rows != ["ok"]:
        return f"SQLite file {path} is damaged ({'; '.join(rows)[:200]})"
    return None


def recover(url: str) -> int:
    """Rebuild a damaged SQLite file from its readable rows; returns how many rows were lost.

    A new file gets the schema by migration, then every table's rows are copied one rowid at a
    time (a seek per row reaches the leaves around a damaged page, where a scan stops at it).
    The damaged file is kept beside the new one as ``.damaged``. Documents whose rows were on
    the damaged page are gone from the store; ``check`` then lists them as indexed but not stored.
    """
    path = sqlite_path(url)
    if path is None:
        raise StoreError("the PostgreSQL store reports damage: repair it with PostgreSQL's own tools")
    fresh = path.with_name(path.name + ".recovered")
    fresh.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{fresh}")
    migrate(engine)
    engine.dispose()
    lost = 0
    src = sqlite3.connect(path, timeout=30)
    dst = sqlite3.connect(fresh)
    try:
        tables = [r[0] for r in dst.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            lost += _copy_rows(src, dst, table)
        dst.commit()
    finally:
        src.close()
        dst.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(path, path.with_name(path.name + ".damaged"))
    os.replace(fresh, path)
    return lost


_MAX_GAP = 10_000  # consecutive missing rowids after which a table with no readable max ends


def _copy_rows(src: sqlite3.Connection, dst: sqlite3.Connection, table: str) -> int:
    cols = [r[1] for r in dst.execute(f'PRAGMA table_info("{table}")')]
    names = ", ".join(f'"{c}"' for c in cols)
    insert = f'INSERT OR IGNORE INTO "{table}" ({names}) VALUES ({", ".join("?" * len(cols))})'
    try:
        top = src.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0
    except sqlite3.Error:
        top = None
    lost = gap = 0
    rowid = 0
    while top is None or rowid < top:
        rowid += 1
        try:
            row = src.execute(f'SELECT {names} FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
        except sqlite3.Error:
            lost += 1
            row = None
        if row is None:
            gap += 1
            if top is None and gap > _MAX_GAP:
                break
            continue
        gap = 0
        dst.execute(insert, row)
    return lost
