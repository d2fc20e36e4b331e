"""The schema comes only from migrations, and they match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from jobs_app.extensions import db


def test_migrations_leave_nothing_for_autogenerate_to_add(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True})
        assert compare_metadata(context, db.metadata) == []


def test_townships_are_reference_data_from_the_migration(app):
    with app.app_context():
        count = db.session.scalar(db.text("SELECT count(*) FROM township"))
        assert count == 52
