"""Is the SQL store itself sound? ``vanban check`` asks before trusting what it reads.

SQLite: ``PRAGMA quick_check`` (a zeroed or garbled page shows here; before this, ``check``
passed and ``export`` crashed with a traceback). Repair goes through the ``sqlite3`` shell's
``.recover``, which copies every readable row into a new file that then replaces the old
one (the damaged file is kept beside it as ``.damaged``). PostgreSQL checks its own pages; a
connection that answers is all we verify there.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from core.errors import StoreError
from store.db import make_engine


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


def recover(url: str) -> None:
    """Rebuild a damaged SQLite file from its readable rows (``sqlite3 .recover``)."""
    path = sqlite_path(url)
    if path is None:
        raise StoreError("the PostgreSQL store reports damage: repair it with PostgreSQL's own tools")
    shell = shutil.which("sqlite3")
    if shell is None:
        raise StoreError("repairing a damaged SQLite file needs the sqlite3 shell: apt-get install sqlite3")
    fresh = path.with_name(path.name + ".recovered")
    fresh.unlink(missing_ok=True)
    dump = subprocess.run([shell, str(path), ".recover"], capture_output=True, timeout=3600)
    if dump.returncode != 0 or not dump.stdout:
        raise StoreError(f"sqlite3 .recover failed: {dump.stderr.decode(errors='replace')[:200]}")
    load = subprocess.run([shell, str(fresh)], input=dump.stdout, capture_output=True, timeout=3600)
    if load.returncode != 0:
        raise StoreError(f"loading the recovered rows failed: {load.stderr.decode(errors='replace')[:200]}")
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(path, path.with_name(path.name + ".damaged"))
    os.replace(fresh, path)
