"""The scheduled jobs. Each owns its session: it commits, or rolls back and logs."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from flask import Flask
from sqlalchemy import update
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.extensions import db
from jobs_app.models import AllocationRun, RunStatus
from jobs_app.services import allocations, matching, periods, placements, recounts, transport
from jobs_app.services.access import Actor
from jobs_app.services.ledger import runs

log = logging.getLogger("jobs_app.jobs")


def in_own_session(app: Flask, name: str, work) -> None:
    """Run ``work(session)`` in an app context and one transaction."""
    with app.app_context():
        try:
            work(db.session)
            db.session.commit()
            log.info("job %s done", name)
        except Exception:
            db.session.rollback()
            log.exception("job %s failed and was rolled back", name)
            raise
        finally:
            db.session.remove()


def monthly_recount(app: Flask) -> None:
    """On the 1st: recount the month that just ended, as of its last day."""
    period = periods.shift(periods.of(clock.today()), -1)
    in_own_session(
        app,
        f"recount {period}",
        lambda session: recounts.run(
            session, actor=Actor.system(), period=period, trigger="schedule"
        ),
    )


def catch_up_recounts(app: Flask) -> list[str]:
    """At start: recount every finished month that downtime left without one."""
    up_to = periods.shift(periods.of(clock.today()), -1)
    with app.app_context():
        missing = recounts.missing_periods(db.session, up_to=up_to)
        db.session.remove()
    for period in missing:
        in_own_session(
            app,
            f"catch-up recount {period}",
            lambda session, p=period: recounts.run(
                session, actor=Actor.system(), period=p, trigger="catch_up"
            ),
        )
    return missing


def visit_reminders(app: Flask) -> None:
    """Daily: count the follow-up visits due this week or overdue, per township, in the log
    that the desks' lists are read from (the lists themselves are computed live)."""

    def remind(session):
        due = placements.due_visits(session, actor=Actor.system())
        per_township = Counter(visit.township_code for visit in due)
        overdue = sum(1 for visit in due if visit.overdue_days > 0)
        log.info("visits due or overdue: %d (%d overdue) %s", len(due), overdue, dict(per_township))

    in_own_session(app, "visit reminders", remind)


def draft_weekly_trips(app: Flask) -> None:
    """Fridays: draft the coming week's buses for the bureau to confirm."""
    rules = transport.rules_for(app.config["TRANSPORT_LOAD_SHARE"])
    in_own_session(
        app, "weekly trip drafts", lambda session: transport.draft_coming_week(session, rules=rules)
    )


def run_allocation(app: Flask, run_id: int) -> None:
    """Execute a queued allocation run; progress is committed apart so readers see it."""

    def progress(share: float, stage: str) -> None:
        with Session(db.engine) as side:
            side.execute(
                update(AllocationRun)
                .where(AllocationRun.id == run_id)
                .values(status=RunStatus.running, progress=share, message=stage)
            )
            side.commit()

    try:
        in_own_session(
            app,
            f"allocation {run_id}",
            lambda session: allocations.execute(session, run_id=run_id, progress=progress),
        )
    except Exception as error:  # recorded on the run for the bureau, and logged above
        message = f"{error.__class__.__name__}: {error}"
        in_own_session(
            app,
            f"allocation {run_id} failure",
            lambda session: allocations.fail(session, run_id=run_id, message=message),
        )


def run_ledger_import(app: Flask, *, actor: Actor, uploads: runs.Uploads, token: str) -> None:
    """Check or import an uploaded ledger in one transaction; its state file shows how far
    it got, and is marked done only once the import is committed."""
    with app.app_context():
        try:
            report = runs.execute(db.session, actor=actor, uploads=uploads, token=token)
            db.session.commit()
        except Exception as error:  # recorded on the run for the bureau, and logged
            db.session.rollback()
            log.exception("ledger run %s failed and was rolled back", token)
            runs.fail(uploads, token, error)
            return
        finally:
            db.session.remove()
    runs.finish(uploads, token, report)
    log.info("ledger run %s done", token)


def monthly_retrain(app: Flask) -> None:
    """After the recount: retrain the ranking on the outcomes known so far."""
    models_dir = Path(app.instance_path) / "models"
    in_own_session(
        app, "matching retrain", lambda session: matching.retrain(session, models_dir=models_dir)
    )
