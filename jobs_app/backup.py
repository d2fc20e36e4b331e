"""Backups: SQLite's online backup API, or ``pg_dump`` for PostgreSQL.

Both copy a consistent snapshot while the service keeps running. Restore: for SQLite, stop
the service and put the copy in place of ``instance/jobs.db``; for PostgreSQL,
``pg_restore --clean --if-exists -d DATABASE FILE``.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import Engine, make_url


class BackupFailed(RuntimeError):
    pass


def backup(engine: Engine, target: Path) -> Path:
    """Write a backup of the database behind ``engine`` to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if engine.dialect.name == "sqlite":
        return _sqlite(engine, target)
    if engine.dialect.name == "postgresql":
        return _postgres(engine, target)
    raise BackupFailed(f"no backup method for {engine.dialect.name}")


def _sqlite(engine: Engine, target: Path) -> Path:
    source = sqlite3.connect(make_url(engine.url).database)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def _postgres(engine: Engine, target: Path) -> Path:
    """``pg_dump`` in its custom format; the schema in the search path when one is set."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupFailed("pg_dump is not installed (Debian: apt-get install postgresql-client)")
    url = make_url(engine.url).set(drivername="postgresql")
    command = [pg_dump, "--format=custom", f"--file={target}"]
    schema = _search_path(engine)
    if schema:
        command.append(f"--schema={schema}")
    command.append(url.render_as_string(hide_password=False))
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupFailed(done.stderr.strip() or "pg_dump failed")
    return target


def _search_path(engine: Engine) -> str | None:
    with engine.connect() as connection:
        schema = connection.exec_driver_sql("SELECT current_schema()").scalar()
    return None if schema == "public" else schema
