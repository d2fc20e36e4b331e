"""``jobs-app import …`` and ``jobs-app export …``: the bureau's Excel ledgers (台账).

``export`` is a group so that each ledger the bureau keeps (recount, zero-clearing list,
visits, subsidies) is one more command under it.
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from jobs_app.cli.common import one_transaction
from jobs_app.extensions import db
from jobs_app.services import ledger
from jobs_app.services.access import Actor

# The progress bar is worth showing only when the wait is noticeable.
PROGRESS_FROM_ROWS = 5000
LANGUAGES = click.Choice(["zh", "en"])


@click.group("import")
def import_ledgers() -> None:
    """Import the bureau's Excel ledgers."""


@click.group("export")
def export_ledgers() -> None:
    """Export ledgers in the bureau's Excel layout."""


@import_ledgers.command("workers")
@click.argument("ledger_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
@click.option("--keep-good", is_flag=True, help="Write the good rows even when some are bad.")
@click.option("--errors-output", type=click.Path(dir_okay=False),
              help="With --keep-good: the bad rows and their problems, as .xlsx.")  # fmt: skip
@click.option("--lang", type=LANGUAGES, default="zh", show_default=True)
@with_appcontext
def import_workers(ledger_file, dry_run, keep_good, errors_output, lang) -> None:
    """Create or update workers from a ledger; exits non-zero when any row is bad."""
    if errors_output and not keep_good:
        raise click.UsageError("--errors-output goes with --keep-good")
    with _ProgressBar() as progress, one_transaction():
        report = ledger.import_workers(
            db.session, actor=Actor.system(), path_or_stream=ledger_file, dry_run=dry_run,
            keep_good=keep_good, progress=progress,
        )  # fmt: skip
    _print_report(report, lang)
    if errors_output and report.errors:
        report.write_error_sheet(errors_output, lang)
        click.echo(f"bad rows written to {errors_output}")
    if report.errors:
        raise SystemExit(1)


@export_ledgers.command("workers")
@click.option("--output", required=True, type=click.Path(dir_okay=False))
@click.option("--township", "township_code", help="Only this township (code or name).")
@with_appcontext
def export_workers(output, township_code) -> None:
    """The worker ledger in the bureau's layout."""
    with one_transaction():
        count = ledger.export_workers(
            db.session, actor=Actor.system(), target=output, township_code=township_code
        )
    click.echo(f"{count} workers written to {output}")


@export_ledgers.command("placements")
@click.option("--output", required=True, type=click.Path(dir_okay=False))
@with_appcontext
def export_placements(output) -> None:
    """Placements (hired and left) with employer, place, dates and wage."""
    with one_transaction():
        count = ledger.export_placements(db.session, actor=Actor.system(), target=output)
    click.echo(f"{count} placements written to {output}")


def _print_report(report: ledger.ImportReport, language: str) -> None:
    for problem in report.errors:
        click.echo(f"row {problem.row}, {problem.column}: {problem.text(language)}", err=True)
    for problem in report.warnings:
        click.echo(f"row {problem.row}, {problem.column}: {problem.text(language)}", err=True)
    outcome = "written" if report.written else "nothing written"
    if report.dry_run:
        outcome = "dry run, nothing written"
    click.echo(
        f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}, "
        f"bad rows {len(report.bad_rows)} ({outcome})"
    )


class _ProgressBar:
    """A click progress bar on stderr, started once the ledger turns out to be long."""

    def __init__(self):
        self.bar = None
        self.shown = 0

    def __enter__(self):
        return self

    def __call__(self, done: int, total: int | None) -> None:
        if self.bar is None and total and total >= PROGRESS_FROM_ROWS:
            stream = click.get_text_stream("stderr")
            self.bar = click.progressbar(length=total, label="rows", file=stream)
            self.bar.__enter__()
        if self.bar is not None:
            self.bar.update(done - self.shown)
            self.shown = done

    def __exit__(self, *exc_info) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc_info)


@export_ledgers.command("recount")
@click.option("--period", required=True, help="The month, YYYY-MM.")
@click.option("--output", required=True, type=click.Path(dir_okay=False))
@with_appcontext
def export_recount(period, output) -> None:
    """The recount ledger of a month, per township, against last month and last year."""
    with one_transaction():
        count = ledger.export_recount(db.session, actor=Actor.system(), period=period,
                                      target=output)  # fmt: skip
    click.echo(f"recount {period}: {count} rows written to {output}")


@export_ledgers.command("seeking")
@click.option("--period", required=True, help="The month, YYYY-MM.")
@click.option("--output", required=True, type=click.Path(dir_okay=False))
@click.option("--township", "township_code", help="Only this township (code or name).")
@with_appcontext
def export_seeking(period, output, township_code) -> None:
    """The zero-clearing list of a month."""
    with one_transaction():
        count = ledger.export_seeking(db.session, actor=Actor.system(), period=period,
                                      target=output, township_code=township_code)  # fmt: skip
    click.echo(f"zero-clearing list {period}: {count} workers written to {output}")


@export_ledgers.command("visits")
@click.option("--output", required=True, type=click.Path(dir_okay=False))
@with_appcontext
def export_visits(output) -> None:
    """Follow-up visits due this week or overdue."""
    with one_transaction():
        count = ledger.export_visits_due(db.session, actor=Actor.system(), target=output)
    click.echo(f"{count} visits due written to {output}")


@export_ledgers.command("subsidies")
@click.option("--output", required=True, type=click.Path(dir_okay=False))
@with_appcontext
def export_subsidies(output) -> None:
    """Subsidies due and not yet decided."""
    with one_transaction():
        count = ledger.export_subsidies_due(db.session, actor=Actor.system(), target=output)
    click.echo(f"{count} subsidies due written to {output}")
