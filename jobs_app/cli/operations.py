"""``jobs-app recount …`` and ``jobs-app scheduler``."""

from __future__ import annotations

import logging
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from jobs_app import backup as backups
from jobs_app import clock, jobs
from jobs_app import scheduler as scheduler_module
from jobs_app.cli.common import one_transaction
from jobs_app.extensions import db
from jobs_app.services import allocations, matching, recount_figures, recounts
from jobs_app.services.access import Actor


@click.group()
def recount() -> None:
    """The monthly recount (月度排查)."""


@recount.command("run")
@click.option("--period", required=True, help="The month, YYYY-MM.")
@with_appcontext
def run_recount(period: str) -> None:
    """Recount PERIOD; running a month again replaces its figures."""
    with one_transaction():
        done = recounts.run(db.session, actor=Actor.system(), period=period, trigger="cli")
    summary = recount_figures.figures(db.session, done)["summary"]
    click.echo(
        f"recount {period} as of {done.as_of}: {done.workers} workers, "
        f"{summary['employed']} employed, {summary['seeking']} seeking"
    )


@click.command("scheduler")
@with_appcontext
def scheduler() -> None:
    """Run the periodic jobs (one process per deployment; others stand by)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    for job in scheduler_module.schedule():
        click.echo(f"{job.id}: {job.description}")
    scheduler_module.serve(current_app._get_current_object())


@click.group("matching")
def matching_group() -> None:
    """Matching: learn from outcomes, allocate in batch."""


@matching_group.command("train")
@with_appcontext
def train() -> None:
    """Train the ranking on known outcomes; it is used only if it beats the transparent score."""
    models_dir = Path(current_app.instance_path) / "models"
    with one_transaction():
        model = matching.retrain(db.session, models_dir=models_dir)
    metrics = ", ".join(f"{k}={v:.3f}" for k, v in model.metrics.items() if v is not None)
    verdict = "active" if model.active else "not used (transparent score is as good)"
    click.echo(f"model {model.version}: {model.n_rows} outcomes; {metrics}; {verdict}")


@matching_group.command("allocate")
@with_appcontext
def allocate() -> None:
    """Run the batch allocation now and print its totals (review and accept in the API)."""
    with one_transaction():
        run = allocations.start(db.session, actor=Actor.system())
    jobs.run_allocation(current_app._get_current_object(), run.id)
    db.session.refresh(run)
    click.echo(
        f"allocation #{run.id} {run.status.value}: {run.proposals} proposals for "
        f"{run.workers} workers and {run.openings} openings; total {run.total_score:.2f}"
        f" (greedy {run.greedy_total or 0:.2f}) {run.message or ''}"
    )


@click.command("backup")
@click.option(
    "--output",
    type=click.Path(dir_okay=False),
    help="Backup file (default instance/backups/jobs-<time>.{db,dump}).",
)
@with_appcontext
def backup(output: str | None) -> None:
    """Back up the database while the service runs (SQLite online backup or pg_dump)."""
    engine = db.engine
    suffix = "db" if engine.dialect.name == "sqlite" else "dump"
    default = (
        Path(current_app.instance_path) / "backups" / f"jobs-{clock.now():%Y%m%d-%H%M%S}.{suffix}"
    )
    try:
        written = backups.backup(engine, Path(output) if output else default)
    except backups.BackupFailed as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"backup written to {written} ({written.stat().st_size:,} bytes)")
