"""Engine settings per backend, and mapping an unreachable database to a clear 503."""

from __future__ import annotations

from flask import Flask, jsonify
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, OperationalError
from werkzeug.routing import IntegerConverter

from jobs_app.errors import error_body
from jobs_app.extensions import db


def _sqlite_pragmas(busy_timeout_ms: int):
    def on_connect(dbapi_connection, _record) -> None:
        """WAL lets desks read while one writes; a writer waits this long for another before
        the request is answered 503 (retry); foreign keys are off in SQLite unless asked."""
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return on_connect


def _database_unavailable(error: OperationalError):
    db.session.rollback()
    busy = "locked" in str(error.orig).lower() or "busy" in str(error.orig).lower()
    message = (
        "The database is busy; try again shortly."
        if busy
        else "The database is unavailable; try again shortly."
    )
    response = jsonify(error_body(503, message))
    response.status_code = 503
    response.headers["Retry-After"] = "2"
    return response


class DatabaseId(IntegerConverter):
    """``<int:…>`` in routes: ids beyond what the databases store match no route (404)
    instead of overflowing a driver."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def _number_out_of_range(error: Exception):
    """A number in a body or query that no column can hold is the client's mistake."""
    db.session.rollback()
    response = jsonify(error_body(422, "A number is out of range."))
    response.status_code = 422
    return response


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseId
    app.register_error_handler(OverflowError, _number_out_of_range)
    app.register_error_handler(DataError, _number_out_of_range)
    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite":
            busy = app.config.get("SQLITE_BUSY_TIMEOUT_MS", 10_000)
            event.listen(engine, "connect", _sqlite_pragmas(busy))
    app.register_error_handler(OperationalError, _database_unavailable)
