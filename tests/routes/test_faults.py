"""Faults: the database gone, connections killed, a recount dying half-way, SQLite busy."""

import os
import secrets
import sqlite3

import pytest
import sqlalchemy as sa
import time_machine

from jobs_app import create_app
from jobs_app.extensions import db
from jobs_app.models import Recount, RecountEntry
from jobs_app.services import audit, recounts
from tests import factories

ON_SQLITE = not os.environ.get("TEST_DATABASE_URL")


def test_with_the_database_down_requests_fail_cleanly_with_503(tmp_path):
    gone = create_app({
        "TESTING": True, "SECRET_KEY": secrets.token_hex(32),
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://postgres@127.0.0.1:9/none",
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 1}},
    })  # fmt: skip
    client = gone.test_client()
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json["database"] == "unavailable"
    login = client.post("/api/v1/auth/login", json={"username": "a", "password": "b"})
    assert login.status_code == 503
    assert login.json["message"] == "数据库暂时不可用，请稍后重试"
    assert login.headers["Retry-After"]


def _victim(app, another_instance, token, **config):
    """A second instance whose connections can be told apart, and its client."""
    tagged = {**app.config["SQLALCHEMY_ENGINE_OPTIONS"]}
    tagged["connect_args"] = {**tagged["connect_args"], "application_name": "jobs-app-victim"}
    victim = another_instance(SQLALCHEMY_ENGINE_OPTIONS=tagged, **config)
    client = victim.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def _kill_victims_connections(app) -> None:
    with app.app_context():
        killed = db.session.execute(sa.text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = 'jobs-app-victim'")).scalar()  # fmt: skip
        db.session.commit()
    assert killed >= 1


@pytest.mark.skipif(ON_SQLITE, reason="PostgreSQL connections only (the PostgreSQL pass)")
def test_a_reader_on_a_killed_connection_is_answered_from_a_fresh_one(app, world, another_instance):
    client = _victim(app, another_instance, world.tokens["desk"])
    assert client.get("/api/v1/workers").status_code == 200
    _kill_victims_connections(app)  # the connection was used a moment ago: no ping
    assert client.get("/api/v1/workers").status_code == 200  # retried on a fresh connection


@pytest.mark.skipif(ON_SQLITE, reason="PostgreSQL connections only (the PostgreSQL pass)")
def test_a_change_on_a_killed_connection_is_a_503_and_the_next_one_works(
    app, world, another_instance
):
    client = _victim(app, another_instance, world.tokens["bureau"])
    factory = {"name": "新厂", "kind": "enterprise", "province": "广东省", "city": "东莞市"}
    assert client.get("/api/v1/workers").status_code == 200
    _kill_victims_connections(app)
    refused = client.post("/api/v1/employers", json=factory)  # not repeated: it is no read
    assert refused.status_code == 503 and refused.headers["Retry-After"]
    assert refused.json["message"] == "数据库暂时不可用，请稍后重试"
    assert client.post("/api/v1/employers", json=factory).status_code == 201


@pytest.mark.skipif(ON_SQLITE, reason="PostgreSQL connections only (the PostgreSQL pass)")
def test_an_idle_connection_found_dead_is_replaced_before_use(app, world, another_instance):
    client = _victim(app, another_instance, world.tokens["bureau"], DATABASE_PING_AFTER_IDLE=0)
    factory = {"name": "新厂", "kind": "enterprise", "province": "广东省", "city": "东莞市"}
    assert client.get("/api/v1/workers").status_code == 200
    _kill_victims_connections(app)
    assert client.post("/api/v1/employers", json=factory).status_code == 201  # pinged first


@pytest.mark.skipif(ON_SQLITE, reason="PostgreSQL connections only (the PostgreSQL pass)")
def test_reads_run_without_a_transaction_and_writes_in_one_on_the_same_connection(
    app, world, another_instance
):
    """A GET saves the BEGIN and ROLLBACK round trips; the pooled connection it leaves
    behind is a transactional one again for the next request's writes."""
    single = {**app.config["SQLALCHEMY_ENGINE_OPTIONS"], "pool_size": 1, "max_overflow": 0}
    instance = another_instance(SQLALCHEMY_ENGINE_OPTIONS=single)
    bearer = {"Authorization": f"Bearer {world.tokens['desk']}"}

    def connection_for(method: str):
        with instance.test_request_context("/api/v1/referrals", method=method, headers=bearer):
            instance.preprocess_request()
            driver = db.session.connection().connection.driver_connection
            return driver, driver.autocommit

    read, read_autocommits = connection_for("GET")
    write, write_autocommits = connection_for("POST")
    assert read is write
    assert read_autocommits and not write_autocommits


@pytest.mark.skipif(ON_SQLITE, reason="PostgreSQL connections only (the PostgreSQL pass)")
def test_a_read_inside_a_callers_transaction_stays_in_it(app, world):
    """A script or benchmark sending requests inside its own app context shares its session."""
    bearer = {"Authorization": f"Bearer {world.tokens['desk']}"}
    with app.app_context():
        db.session.execute(sa.text("SELECT 1"))
        assert app.test_client().get("/api/v1/workers", headers=bearer).status_code == 200
        assert not db.session.connection().connection.driver_connection.autocommit


def test_a_recount_dying_half_way_leaves_the_month_as_it_was(app, monkeypatch):
    with app.app_context(), time_machine.travel("2020-06-20 10:00 +0800", tick=False):
        factories.worker(db.session)
        factories.worker(db.session)
        recounts.run(db.session, actor=factories.BUREAU, period="2020-06")
        db.session.commit()
        first = db.session.scalar(sa.select(Recount.run_at))

        def killed(*args, **kwargs):
            raise RuntimeError("scheduler process killed")

        monkeypatch.setattr(audit, "record", killed)  # after the snapshot's INSERT … SELECT
        with pytest.raises(RuntimeError):
            recounts.run(db.session, actor=factories.BUREAU, period="2020-06")
        db.session.rollback()
        assert db.session.scalar(sa.select(Recount.run_at)) == first
        assert db.session.scalar(sa.select(sa.func.count()).select_from(RecountEntry)) == 2
        monkeypatch.undo()
        recounts.run(db.session, actor=factories.BUREAU, period="2020-06")
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(RecountEntry)) == 2


@pytest.mark.skipif(not ON_SQLITE, reason="SQLite's own locking (the SQLite pass)")
def test_sqlite_busy_is_a_503_to_retry_not_a_500(app, world, another_instance):
    busy = another_instance(SQLITE_BUSY_TIMEOUT_MS=100)
    client = busy.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens['bureau']}"
    path = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        factory = {"name": "新厂", "kind": "enterprise", "province": "广东省", "city": "东莞市"}
        answer = client.post("/api/v1/employers", json=factory)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert answer.status_code == 503
    assert answer.json["message"] == "数据库繁忙，请稍后重试" and answer.headers["Retry-After"]
