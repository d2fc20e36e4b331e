"""``jobs-app seed-demo``: load the demo once and print its accounts."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from jobs_app import clock
from jobs_app.cli.common import one_transaction
from jobs_app.extensions import db
from jobs_app.services import demo, periods, recounts
from jobs_app.services.access import Actor

ACCOUNTS_FILE = "demo-accounts.txt"


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Load the Wanzhou demo data unless it is already there; print the demo accounts."""
    accounts_file = Path(current_app.instance_path) / ACCOUNTS_FILE
    if demo.is_loaded(db.session):
        click.echo("Demo data is already loaded; nothing added.")
    else:
        with one_transaction():
            accounts = demo.seed(db.session, today=clock.today())
        _write_accounts(accounts_file, accounts)
        _recount_history()
        click.echo(f"Demo data loaded: {demo.summary(db.session)}")
    if accounts_file.exists():
        click.echo(accounts_file.read_text(encoding="utf-8"))


def _recount_history() -> None:
    """Recount the demo's months, as a scheduler running all along would have, so the
    dashboard has a trend to show from the first start."""
    this_month = periods.of(clock.today())
    missing = recounts.missing_periods(db.session, up_to=periods.shift(this_month, -1))
    for period in [*missing, this_month]:
        with one_transaction():
            recounts.run(db.session, actor=Actor.system(), period=period, trigger="demo")
    click.echo(
        f"Recounted {len(missing) + 1} months ({missing[0] if missing else this_month} "
        f"to {this_month})."
    )


def _write_accounts(path: Path, accounts) -> None:
    lines = ["Demo accounts (username / password / role / scope):"]
    lines += [f"  {a.username:18} {a.password:14} {a.role:9} {a.scope}" for a in accounts]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
