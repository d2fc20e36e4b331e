"""Engine settings per backend, and mapping an unreachable database to a clear 503.

A connection the database has closed (a restart, a killed backend) must not cost a user
more than a retry. Connections idle for a while are pinged before use; a busy one is trusted,
because pinging it on every request cost a round trip per request, an eighth of a worker
process's time under load. A busy connection found dead fails its request with a 503, which
also discards every other connection of the pool; a safe request (GET, HEAD) is then run once
more on a fresh connection, so a reader never sees the fault.
"""

from __future__ import annotations

import time

import psycopg
from flask import Flask, current_app, jsonify, request
from psycopg.pq import TransactionStatus
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, DisconnectionError, OperationalError
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


def _ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """Ping a pooled connection before use when it has been idle ``idle_seconds`` or more
    (SQLAlchemy's pessimistic-disconnect recipe, with a threshold)."""

    @event.listens_for(engine, "checkin")
    def returned(_dbapi_connection, record) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping(dbapi_connection, record, _proxy) -> None:
        returned_at = record.info.get("returned_at")  # none: a new connection
        if returned_at is None or time.monotonic() - returned_at < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise DisconnectionError() from error  # the pool connects afresh and tries again


def _commit_what_wrote_nothing(engine: Engine) -> None:
    """End a transaction that wrote nothing with COMMIT instead of ROLLBACK.

    psycopg forgets every statement it has prepared on a connection, and deallocates them on
    the server, at each ROLLBACK; PostgreSQL then parses and plans each statement afresh for
    several runs more. A write refused after its checks read (a worker already referred, an
    opening full) rolls back, so under load a connection lost its prepared statements every
    second or two, and planning cost PostgreSQL as much time as running the statements.
    A transaction without a transaction id wrote no row and locked none, so committing it
    leaves the database exactly as rolling it back would (this app sends no NOTIFY, the one
    thing a COMMIT would still deliver). Anything else, and a failed transaction, rolls back.
    """

    @event.listens_for(engine, "rollback")
    def before_rollback(connection) -> None:
        if connection.invalidated or connection.closed:
            return
        dbapi_connection = connection.connection.dbapi_connection
        if dbapi_connection.info.transaction_status != TransactionStatus.INTRANS:
            return  # idle: nothing to end; failed: only a rollback ends it
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT pg_current_xact_id_if_assigned()")
                (transaction_id,) = cursor.fetchone()
            if transaction_id is None:
                dbapi_connection.commit()  # the ROLLBACK that follows finds nothing to end
        except psycopg.Error:
            pass  # the rollback that follows ends the transaction, or meets the fault


RETRY = "jobs_app.retry_on_fresh_connection"
SAFE_METHODS = ("GET", "HEAD")


class RetrySafeRequests:
    """WSGI middleware: run a GET or HEAD once more when its connection turned out dead.

    Safe requests change nothing but the audit log of reads, and the failed attempt's
    transaction died with its connection; the answer is held until it is known whether the
    request is to be run again (Flask answers through the returned body, never ``write``).
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") not in SAFE_METHODS:
            return self.wsgi_app(environ, start_response)
        held = []
        body = self.wsgi_app(environ, lambda *answer: held.append(answer))
        if environ.pop(RETRY, False):
            getattr(body, "close", lambda: None)()
            environ[RETRY + ".done"] = True
            return self.wsgi_app(environ, start_response)
        start_response(*held[-1])
        return body


def needs_transaction(view):
    """Mark a safe view that must run in a transaction: its rows stream through a
    server-side cursor, which PostgreSQL keeps only inside one."""
    view.needs_transaction = True
    return view


def _read_without_transaction() -> None:
    """A safe request on PostgreSQL runs its statements in autocommit.

    At READ COMMITTED every statement sees a fresh snapshot, in a transaction or not, so one
    around a read bought nothing but two round trips (BEGIN, ROLLBACK): a quarter of a
    matches request's time under load. What a read writes is one audit entry, one INSERT
    committed by itself. The pool restores transactions when the connection comes back."""
    if request.method not in SAFE_METHODS or request.endpoint == "static":
        return
    if getattr(current_app.view_functions.get(request.endpoint), "needs_transaction", False):
        return
    if db.session().in_transaction():  # a request inside a caller's app context and session
        return
    try:
        db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    except OperationalError:
        db.session.rollback()  # the route meets the fault itself and answers it its own way


def _database_unavailable(error: OperationalError):
    db.session.rollback()
    if (
        error.connection_invalidated
        and request.method in SAFE_METHODS
        and not request.environ.get(RETRY + ".done")
    ):
        request.environ[RETRY] = True
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
        else:
            _ping_when_idle(engine, float(app.config["DATABASE_PING_AFTER_IDLE"]))
            if engine.dialect.driver == "psycopg":
                _commit_what_wrote_nothing(engine)
            app.before_request(_read_without_transaction)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.wsgi_app = RetrySafeRequests(app.wsgi_app)
