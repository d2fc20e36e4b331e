"""The scheduler: the schedule as data, one leader, catch-up after downtime, own sessions.

Time is moved with time-machine; nothing sleeps.
"""

from datetime import date, datetime

import pytest
import time_machine
from apscheduler.schedulers.background import BackgroundScheduler

from jobs_app import clock, jobs, scheduler
from jobs_app.extensions import db
from jobs_app.models import Recount, Trip, Worker
from jobs_app.services import referrals
from tests import factories


def at(moment: str):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def registered_in_may_2020(app):
    with app.app_context(), at("2020-05-10 10:00 +0800"):
        factories.worker(db.session)
        db.session.commit()


def recounted(app) -> dict[str, str]:
    with app.app_context():
        rows = db.session.execute(db.select(Recount.period, Recount.trigger)).all()
        return dict(rows)


def test_schedule_has_stable_ids_in_district_time(app):
    jobs_by_id = {job.id: job for job in scheduler.schedule()}
    assert set(jobs_by_id) == {
        "monthly-recount",
        "monthly-matching-retrain",
        "daily-visit-reminders",
        "weekly-trip-drafts",
    }
    trigger = jobs_by_id["monthly-recount"].trigger
    after = datetime(2020, 6, 15, 12, 0, tzinfo=clock.DISTRICT_TZ)
    assert trigger.get_next_fire_time(None, after) == datetime(
        2020, 7, 1, 2, 0, tzinfo=clock.DISTRICT_TZ
    )


def test_built_scheduler_coalesces_and_forgives_long_misfires(app):
    with at("2020-06-15 12:00 +0800"):
        built = scheduler.build(app, scheduler_class=BackgroundScheduler)
        built.start(paused=True)
        try:
            recount_job = built.get_job("monthly-recount")
            assert recount_job.coalesce is True
            assert recount_job.misfire_grace_time >= 24 * 3600
            assert recount_job.next_run_time == datetime(2020, 7, 1, 2, 0, tzinfo=clock.DISTRICT_TZ)
        finally:
            built.shutdown(wait=False)


def test_the_first_of_the_month_recounts_the_month_that_ended(app, registered_in_may_2020):
    with at("2020-07-01 02:00 +0800"):
        jobs.monthly_recount(app)
    assert recounted(app) == {"2020-06": "schedule"}


def test_months_missed_while_down_are_caught_up_at_start(app, registered_in_may_2020):
    with at("2020-06-01 02:00 +0800"):
        jobs.monthly_recount(app)
    with at("2020-09-03 09:00 +0800"):
        caught_up = jobs.catch_up_recounts(app)
        assert jobs.catch_up_recounts(app) == []  # a second start finds nothing missing
    assert caught_up == ["2020-06", "2020-07", "2020-08"]
    assert recounted(app) == {
        "2020-05": "schedule",
        "2020-06": "catch_up",
        "2020-07": "catch_up",
        "2020-08": "catch_up",
    }


def test_only_one_scheduler_process_leads(app):
    first, second = scheduler.LeaderLock(app), scheduler.LeaderLock(app)
    assert first.try_acquire() is True
    try:
        assert second.try_acquire() is False
    finally:
        first.release()
    assert second.try_acquire() is True
    second.release()


def test_a_failing_job_rolls_back_and_says_so(app, caplog):
    def work(session):
        factories.worker(session, name="半途")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        jobs.in_own_session(app, "broken", work)
    assert "job broken failed and was rolled back" in caplog.text
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Worker)) == 0


def test_visit_reminders_count_what_is_due(app, world, caplog):
    with app.app_context(), at("2020-05-10 10:00 +0800"):
        worker = factories.worker(db.session)
        opening = factories.opening(
            db.session, employer_id=world.employer_a, start_date=date(2020, 5, 20)
        )
        referral = factories.referral(db.session, worker_id=worker.id, opening_id=opening.id)
        referrals.hire(
            db.session,
            actor=factories.BUREAU,
            referral_id=referral.id,
            start_date=date(2020, 5, 20),
            wage=2500,
        )
        db.session.commit()
    caplog.set_level("INFO", logger="jobs_app.jobs")
    with at("2020-06-25 07:30 +0800"):
        jobs.visit_reminders(app)
    assert "visits due or overdue: 1 (1 overdue)" in caplog.text


def test_fridays_draft_the_coming_weeks_buses(app, world):
    with app.app_context(), at("2020-06-01 10:00 +0800"):
        for name in ("甲", "乙", "丙"):
            worker = factories.worker(db.session, name=name)
            opening = factories.opening(
                db.session,
                employer_id=world.employer_b,
                province="山东省",
                city="济宁市",
                township_code=None,
                start_date=date(2020, 6, 15),
            )
            referral = factories.referral(db.session, worker_id=worker.id, opening_id=opening.id)
            referrals.hire(
                db.session,
                actor=factories.BUREAU,
                referral_id=referral.id,
                start_date=date(2020, 6, 15),
                wage=5000,
            )
        db.session.commit()
    with at("2020-06-12 09:00 +0800"):  # a Friday
        jobs.draft_weekly_trips(app)
    with app.app_context():
        trips = db.session.scalars(db.select(Trip)).all()
        assert [(t.status.value, len(t.passengers)) for t in trips] == [("planned", 3)]
