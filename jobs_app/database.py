"""Engine settings per backend, and mapping an unreachable database to a clear 503."""

from __future__ import annotations

from flask import Flask, jsonify
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from jobs_app.errors import error_body
from jobs_app.extensions import db


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets desks read while one writes; foreign keys are off in SQLite unless asked."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


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


def init_app(app: Flask) -> None:
    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
    app.register_error_handler(OperationalError, _database_unavailable)
