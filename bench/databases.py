"""Throwaway databases for the benchmarks: a SQLite file, or a PostgreSQL schema of its own.

Both are built with the migrations, like the test suite's; the schema is dropped afterwards.
"""

from __future__ import annotations

import logging
import os
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade

from jobs_app import create_app
from jobs_app.extensions import db
from tests.reachable import main as reachable

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_url(given: str | None = None) -> str | None:
    """The PostgreSQL to benchmark on, or None (with a message) when it does not answer."""
    url = given or os.environ.get("DATABASE_URL") or DEFAULT_POSTGRES
    if reachable(url) != 0:
        print(f"PostgreSQL at {url} unreachable: skipped")
        return None
    return url


@contextmanager
def bench_app(engine: str, url: str | None = None) -> Iterator[Flask]:
    """An app on a fresh, migrated database of the given engine, inside its app context."""
    with tempfile.TemporaryDirectory() as instance:
        config, schema = _database(engine, url, Path(instance))
        app = create_app({"TESTING": True, "SECRET_KEY": secrets.token_hex(32), **config})
        try:
            with app.app_context():
                logging.getLogger("alembic").setLevel(logging.WARNING)
                upgrade()
                yield app
                db.session.remove()
                db.engine.dispose()
        finally:
            if schema:
                with sa.create_engine(url).begin() as connection:
                    connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))


def _database(engine: str, url: str | None, instance: Path) -> tuple[dict, str | None]:
    if engine == "sqlite":
        return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'bench.db'}"}, None
    schema = f"bench_{secrets.token_hex(4)}"
    with sa.create_engine(url).begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    options = {"connect_args": {"options": f"-csearch_path={schema}"}}
    return {"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": options}, schema
