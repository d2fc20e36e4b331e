"""How transactions end on PostgreSQL: one that wrote nothing commits, so psycopg keeps the
statements it has prepared; one that wrote, or failed, rolls back as ever."""

import pytest
import sqlalchemy as sa

from jobs_app.extensions import db
from jobs_app.models import AuditEntry, Township

PREPARED = sa.text("SELECT count(*) FROM pg_prepared_statements")


@pytest.fixture
def connection(app, is_postgres):
    if not is_postgres:
        pytest.skip("prepared statements and transaction ids are PostgreSQL's")
    with app.app_context(), db.engine.connect() as connection:
        yield connection


def _prepare_a_lookup(connection) -> None:
    """psycopg prepares a statement on its sixth run on one connection."""
    for _ in range(6):
        connection.execute(sa.select(Township.id).where(Township.code == "x"))
    connection.commit()


def test_a_refused_write_keeps_the_connections_prepared_statements(connection):
    _prepare_a_lookup(connection)
    assert connection.scalar(PREPARED) > 0
    connection.commit()

    connection.execute(sa.select(Township.id).where(Township.code == "x"))  # a check that read
    connection.rollback()  # ... and refused

    assert connection.scalar(PREPARED) > 0


def test_a_rollback_still_undoes_what_was_written(connection):
    _prepare_a_lookup(connection)

    connection.execute(sa.insert(AuditEntry).values(action="read", entity="worker"))
    connection.rollback()

    assert connection.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0
    assert connection.scalar(PREPARED) == 0  # psycopg's own ROLLBACK, which forgets them


def test_a_failed_transaction_still_rolls_back(connection):
    _prepare_a_lookup(connection)
    with pytest.raises(sa.exc.DataError):
        connection.execute(sa.text("SELECT 1 / 0"))
    connection.rollback()

    assert connection.scalar(sa.text("SELECT 1")) == 1
