"""The scheduler process (``jobs-app scheduler``): the periodic work, declared as data.

Exactly one runs per deployment: the process takes a lock first (a PostgreSQL session
advisory lock, or a file lock beside a SQLite database) and waits as a standby while
another holds it. The recount also locks its month, a second guard. On start, months that
downtime skipped are recounted; APScheduler's own misfire grace and coalescing cover a
process that was briefly stopped.
"""

from __future__ import annotations

import fcntl
import logging
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from flask import Flask
from sqlalchemy import text

from jobs_app import clock, jobs
from jobs_app.extensions import db

log = logging.getLogger("jobs_app.scheduler")
MISFIRE_GRACE = 7 * 24 * 3600  # a job missed by up to a week still runs once when possible
LOCK_KEY = zlib.crc32(b"jobs-app scheduler")


@dataclass(frozen=True)
class ScheduledJob:
    id: str
    run: Callable[[Flask], None]
    trigger: CronTrigger
    description: str


def schedule() -> list[ScheduledJob]:
    """The periodic work, with stable ids; times are the district's (Asia/Shanghai)."""
    zone = clock.DISTRICT_TZ
    return [
        ScheduledJob(
            "monthly-recount",
            jobs.monthly_recount,
            CronTrigger(day=1, hour=2, minute=0, timezone=zone),
            "02:00 on the 1st: recount the month that ended",
        ),
        ScheduledJob(
            "monthly-matching-retrain",
            jobs.monthly_retrain,
            CronTrigger(day=1, hour=4, minute=0, timezone=zone),
            "04:00 on the 1st, after the recount: retrain the ranking on known outcomes",
        ),
        ScheduledJob(
            "daily-visit-reminders",
            jobs.visit_reminders,
            CronTrigger(hour=7, minute=30, timezone=zone),
            "07:30 daily: follow-up visits due and overdue",
        ),
        ScheduledJob(
            "weekly-trip-drafts",
            jobs.draft_weekly_trips,
            CronTrigger(day_of_week="fri", hour=9, minute=0, timezone=zone),
            "09:00 Fridays: draft the coming week's dedicated buses",
        ),
    ]


def build(app: Flask, scheduler_class=BlockingScheduler):
    """A scheduler holding every job of ``schedule()``."""
    scheduler = scheduler_class(timezone=clock.DISTRICT_TZ)
    for job in schedule():
        scheduler.add_job(
            job.run,
            job.trigger,
            id=job.id,
            name=job.description,
            args=[app],
            misfire_grace_time=MISFIRE_GRACE,
            coalesce=True,
            max_instances=1,
            replace_existing=True,
        )
    return scheduler


class LeaderLock:
    """Held by the one scheduler process that may run jobs."""

    def __init__(self, app: Flask):
        self.app = app
        self._connection = None
        self._file = None

    def try_acquire(self) -> bool:
        with self.app.app_context():
            engine = db.engine
            if engine.dialect.name == "postgresql":
                self._connection = engine.connect()
                held = self._connection.execute(
                    text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}
                ).scalar()
                self._connection.commit()
                if not held:
                    self._connection.close()
                    self._connection = None
                return bool(held)
        return self._lock_file()

    def _lock_file(self) -> bool:
        path = Path(self.app.instance_path) / "scheduler.lock"
        self._file = path.open("a")
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._file.close()
            self._file = None
            return False
        return True

    def release(self) -> None:
        if self._connection is not None:
            # Pooled connections outlive close(); the session lock must be dropped explicitly.
            self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            self._connection.commit()
            self._connection.close()
            self._connection = None
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def serve(app: Flask, *, standby_seconds: float = 30) -> None:
    """Wait to be the leader, catch up missed months, then run the schedule until stopped."""
    lock = LeaderLock(app)
    while not lock.try_acquire():
        log.info("another scheduler holds the lock; standing by")
        time.sleep(standby_seconds)
    try:
        caught_up = jobs.catch_up_recounts(app)
        if caught_up:
            log.info("caught up recounts for %s", ", ".join(caught_up))
        build(app).start()
    finally:
        lock.release()
