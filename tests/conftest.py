"""Fixtures: one app and database per run (SQLite, or PostgreSQL in a schema of its own),
emptied between tests; a client per role; factories for the registry's nouns."""

from __future__ import annotations

import contextlib
import functools
import os
import secrets

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from jobs_app import create_app
from jobs_app.extensions import db, limiter
from jobs_app.services import users
from tests import factories

REFERENCE_TABLES = {"township", "subsidy_rule", "alembic_version"}


def _postgres_config(url: str) -> tuple[dict, str]:
    """A schema per run, so a second run never trips over the first's tables."""
    schema = f"test_{os.getpid()}_{secrets.token_hex(4)}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    options = {"connect_args": {"options": f"-csearch_path={schema}"}}
    return {"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": options}, schema


def _drop_schema(url: str, schema: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _hash_each_test_password_once():
    """scrypt takes 0.14 s by design, and every test's cast of six accounts shares one
    password: its (real, salted) scrypt hash is made once per run instead of six times a test,
    which took a third of the suite's time."""
    patch = pytest.MonkeyPatch()
    patch.setattr(users, "generate_password_hash", functools.lru_cache(maxsize=64)(
        users.generate_password_hash))  # fmt: skip
    yield
    patch.undo()


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL")
    instance = tmp_path_factory.mktemp("instance")
    # Matches see every change at once in tests; the index's max age has its own test.
    config = {"TESTING": True, "SECRET_KEY": secrets.token_hex(32), "MATCHING_INDEX_MAX_AGE": 0}
    schema = None
    if url:
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
        database, schema = _postgres_config(url)
        config.update(database)
    else:
        config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'test.db'}"
    os.environ.pop("DATABASE_URL", None)
    application = create_app(config)
    application.instance_path = str(instance)
    with application.app_context():
        upgrade()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()
    if schema:
        _drop_schema(url, schema)


@pytest.fixture(autouse=True)
def _clean_database(app):
    """Each test starts with the reference data only."""
    yield
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            present = set(sa.inspect(connection).get_table_names())
            tables = [t for t in reversed(db.metadata.sorted_tables)
                      if t.name in present and t.name not in REFERENCE_TABLES]  # fmt: skip
            if connection.dialect.name == "postgresql":
                names = ", ".join(t.name for t in tables)
                connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    connection.execute(table.delete())
        limiter.reset()


@pytest.fixture
def session(app):
    with app.app_context():
        yield db.session
        db.session.rollback()


@pytest.fixture
def sql_sent(app):
    """``with sql_sent() as statements:`` lists the SQL the app sent meanwhile."""
    with app.app_context():
        engine = db.engine

    @contextlib.contextmanager
    def recording():
        statements: list[str] = []

        def record(_connection, _cursor, statement, *_):
            statements.append(" ".join(statement.split()))

        sa.event.listen(engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            sa.event.remove(engine, "before_cursor_execute", record)

    return recording


@pytest.fixture
def is_postgres(app) -> bool:
    with app.app_context():
        return db.engine.dialect.name == "postgresql"


@pytest.fixture
def world(app):
    """Two townships' desks, two employers with staff, the bureau and an admin."""
    with app.app_context():
        built = factories.build_world(db.session)
        db.session.commit()
        return built


def _client_for(app, token: str):
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


@pytest.fixture
def as_role(app, world):
    """``as_role("desk")`` → a test client authenticated as that user of the world."""

    def client(name: str):
        return _client_for(app, world.tokens[name])

    return client


SHARED_CONFIG = ("SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_ENGINE_OPTIONS",
                 "MATCHING_INDEX_MAX_AGE")  # fmt: skip


@pytest.fixture
def another_instance(app):
    """``another_instance(**config)`` → a second app on the test database, as a second
    server behind the balancer would be; its connections are closed after the test."""
    made = []

    def make(**extra):
        shared = {key: app.config[key] for key in SHARED_CONFIG}
        instance = create_app({"TESTING": True, **shared, **extra})
        made.append(instance)
        return instance

    yield make
    for instance in made:
        with instance.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
