"""``jobs-app backup`` while the service runs, and a restore that brings the data back."""

import secrets
import shutil
import sqlite3
import subprocess

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from jobs_app.extensions import db
from jobs_app.models import Worker
from tests import factories


def restored_postgres_names(app, dump) -> list[str]:
    """Restore the dump into a new database and read the workers back from it."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    scratch = f"restore_{secrets.token_hex(4)}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {scratch}")
    try:
        target = url.set(database=scratch)
        command = [shutil.which("pg_restore"), "--no-owner", "-d",
                   target.set(drivername="postgresql").render_as_string(hide_password=False),
                   str(dump)]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True)  # noqa: S603
        schema = app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["options"].split("=")[1]
        engine = sa.create_engine(target)
        with engine.connect() as connection:
            query = f"SELECT name FROM {schema}.worker"  # noqa: S608 - our own test schema
            names = connection.exec_driver_sql(query).scalars()
            found = list(names)
        engine.dispose()
        return found
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)")
        admin.dispose()


def test_backup_holds_the_data_and_restores(app, runner, tmp_path, is_postgres):
    with app.app_context():
        factories.worker(db.session, name="备份")
        db.session.commit()
    target = tmp_path / ("jobs.dump" if is_postgres else "jobs.db")
    done = runner.invoke(args=["backup", "--output", str(target)])
    assert done.exit_code == 0, done.output
    assert target.stat().st_size > 0
    if is_postgres:
        assert restored_postgres_names(app, target) == ["备份"]
        return
    restored = sqlite3.connect(target)
    try:
        names = [row[0] for row in restored.execute("SELECT name FROM worker")]
    finally:
        restored.close()
    assert names == ["备份"]
    with app.app_context():
        assert db.session.scalar(db.select(Worker.name)) == "备份"
