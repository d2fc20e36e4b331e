"""The monthly recount: once per month whatever happens, set-wise, as of the right day."""

import threading
from datetime import date

import pytest
import time_machine

from jobs_app.errors import InvalidInput
from jobs_app.extensions import db
from jobs_app.models import Recount, RecountEntry
from jobs_app.services import recount_figures, recounts, referrals, zero_clearing
from jobs_app.services.access import Actor
from tests import factories

BUREAU = Actor.system()
MID_JUNE = date(2020, 6, 15)


def travel(day: date):
    return time_machine.travel(f"{day.isoformat()} 10:00 +0800", tick=False)


@pytest.fixture
def june_2020(app):
    """Three workers registered in May 2020; one is hired on 9 June and leaves in July."""
    with app.app_context(), travel(date(2020, 5, 10)):
        seeking = factories.worker(db.session, name="甲")
        hired = factories.worker(db.session, name="乙")
        factories.worker(db.session, name="丙", status="self_employed")
        employer = factories.employer(db.session)
        opening = factories.opening(
            db.session, employer_id=employer.id, start_date=date(2020, 6, 9)
        )
        referral = factories.referral(db.session, worker_id=hired.id, opening_id=opening.id)
        db.session.commit()
        ids = seeking.id, hired.id, referral.id
    with app.app_context(), travel(date(2020, 6, 8)):
        referrals.hire(
            db.session, actor=BUREAU, referral_id=ids[2], start_date=date(2020, 6, 9), wage=2600
        )
        db.session.commit()
    with app.app_context(), travel(date(2020, 7, 20)):
        referrals.leave(
            db.session, actor=BUREAU, referral_id=ids[2], date=date(2020, 7, 20), reason="合同期满"
        )
        db.session.commit()
    return ids


def run(app, period: str, today: date):
    with app.app_context(), travel(today):
        recount = recounts.run(db.session, actor=BUREAU, period=period)
        figures = recount_figures.figures(db.session, recount)  # as the route reads them
        db.session.commit()
        return figures


def test_a_past_month_is_counted_as_of_its_last_day(app, june_2020):
    figures = run(app, "2020-06", date(2020, 9, 1))
    assert figures["as_of"] == date(2020, 6, 30)
    summary = figures["summary"]
    assert (summary["workers"], summary["seeking"], summary["employed"]) == (3, 1, 2)
    assert summary["employed_local"] == 1 and summary["self_employed"] == 1
    july = run(app, "2020-07", date(2020, 9, 1))["summary"]
    assert (july["seeking"], july["employed_local"]) == (2, 0)
    assert july["newly_unemployed"] == 1 and july["newly_seeking"] == 1


def test_the_current_month_is_counted_as_of_today(app, june_2020):
    figures = run(app, "2020-06", MID_JUNE)
    assert figures["as_of"] == MID_JUNE
    assert figures["summary"]["employed_local"] == 1


def test_running_a_month_again_replaces_it_and_never_doubles(app, june_2020):
    run(app, "2020-06", date(2020, 9, 1))
    again = run(app, "2020-06", date(2020, 9, 2))
    assert again["summary"]["workers"] == 3
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Recount)) == 1
        assert db.session.scalar(db.select(db.func.count()).select_from(RecountEntry)) == 3


def test_workers_registered_later_are_not_in_an_earlier_month(app, june_2020):
    with app.app_context(), travel(date(2020, 8, 3)):
        factories.worker(db.session, name="丁")
        db.session.commit()
    assert run(app, "2020-07", date(2020, 9, 1))["summary"]["workers"] == 3
    assert run(app, "2020-08", date(2020, 9, 1))["summary"]["workers"] == 4


def test_figures_compare_with_last_month_and_last_year(app, june_2020):
    run(app, "2019-07", date(2020, 9, 1))
    run(app, "2020-06", date(2020, 9, 1))
    july = run(app, "2020-07", date(2020, 9, 1))
    assert july["previous_period"] == "2020-06" and july["previous"]["employed"] == 2
    assert july["last_year_period"] == "2019-07" and july["last_year"]["workers"] == 0
    township = july["by_township"][0]
    assert township["township_code"] == factories.LONGSHA
    assert township["previous"]["seeking"] == 1 and township["seeking"] == 2
    categories = {row["category"]: row for row in july["by_category"]}
    assert categories["registered_poor"]["workers"] == 3


def test_a_month_not_begun_and_a_bad_period_are_refused(app):
    with app.app_context(), travel(MID_JUNE):
        for period in ("2020-07", "2020-6", "June"):
            with pytest.raises(InvalidInput):
                recounts.run(db.session, actor=BUREAU, period=period)


def test_missed_months_are_found_for_catch_up(app, june_2020):
    run(app, "2020-06", date(2020, 9, 1))
    with app.app_context():
        missing = recounts.missing_periods(db.session, up_to="2020-08")
        assert missing == ["2020-05", "2020-07", "2020-08"]


def test_two_recounts_of_one_month_at_once_leave_one_result(app, june_2020, is_postgres):
    errors = []

    def recount():
        try:
            run(app, "2020-06", date(2020, 9, 1))
        except Exception as error:  # SQLite may report the other writer as busy
            errors.append(error)

    threads = [threading.Thread(target=recount) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if is_postgres:
        assert errors == []
    assert len(errors) < 4
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Recount)) == 1
        assert db.session.scalar(db.select(db.func.count()).select_from(RecountEntry)) == 3


def test_recount_is_set_wise_one_insert(app, june_2020):
    """The snapshot is one INSERT … SELECT, not one statement per worker."""
    with app.app_context(), travel(date(2020, 9, 1)):
        statements = []
        engine = db.engine

        def count(conn, cursor, statement, *args):
            statements.append(statement)

        db.event.listen(engine, "before_cursor_execute", count)
        try:
            recounts.run(db.session, actor=BUREAU, period="2020-06")
            db.session.commit()
        finally:
            db.event.remove(engine, "before_cursor_execute", count)
    inserts = [s for s in statements if s.lstrip().upper().startswith("INSERT INTO RECOUNT_ENTRY")]
    assert len(inserts) == 1 and "SELECT" in inserts[0].upper()


def test_zero_clearing_list_counts_days_seeking_to_the_recount_day(app, june_2020):
    run(app, "2020-06", date(2020, 9, 1))
    with app.app_context():
        page = zero_clearing.seeking(
            db.session, actor=BUREAU, period="2020-06", page=1, per_page=10
        )
        assert page.total == 1
        assert page.items[0].days_seeking == (date(2020, 6, 30) - date(2020, 5, 10)).days
        assert page.items[0].seeking_since == date(2020, 5, 10)
