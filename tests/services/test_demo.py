"""The demo data obeys the registry's own rules, and loads once."""

from datetime import date

import pytest

from jobs_app import clock
from jobs_app.extensions import db
from jobs_app.identity import parse_id_number
from jobs_app.models import Employer, Opening, Recount, Referral, ReferralStatus, Worker
from jobs_app.services import demo


@pytest.fixture
def seeded(app):
    with app.app_context():
        accounts = demo.seed(db.session, today=clock.today(), households=150)
        db.session.commit()
        yield accounts


def count(model, *where):
    return db.session.scalar(db.select(db.func.count()).select_from(model).where(*where))


def test_demo_accounts_cover_every_role(seeded):
    assert {a.role for a in seeded} == {"admin", "bureau", "desk", "employer"}
    assert all(len(a.password) >= 10 for a in seeded)


def test_headcount_and_single_placement_hold_in_the_demo(app, seeded):
    with app.app_context():
        for opening in db.session.scalars(db.select(Opening)):
            hired = count(Referral, Referral.opening_id == opening.id,
                          Referral.status == ReferralStatus.hired)  # fmt: skip
            assert hired == opening.hired_count <= opening.headcount
        placed = db.session.execute(
            db.select(Referral.worker_id, db.func.count())
            .where(Referral.status == ReferralStatus.hired)
            .group_by(Referral.worker_id)
        ).all()
        assert all(n == 1 for _, n in placed)


def test_demo_workers_have_valid_ids_agreeing_with_sex_and_birth(app, seeded):
    with app.app_context():
        for worker in db.session.scalars(db.select(Worker)):
            facts = parse_id_number(worker.id_number, clock.today())
            assert (facts.sex, facts.birth_date) == (worker.sex, worker.birth_date)


def test_demo_has_a_present_to_work_on(app, seeded):
    with app.app_context():
        assert count(Worker, Worker.status == "seeking") > 20
        assert count(Opening, Opening.status == "open", Opening.start_date > clock.today()) > 20
        assert count(Employer, Employer.name == "龙沙玩具扶贫车间") == 1
        assert count(Referral, Referral.referred_on < date.fromordinal(
            clock.today().toordinal() - 365)) > 0  # fmt: skip


def test_seed_demo_command_loads_once(app, runner):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "desk_longsha" in first.output and "Recounted" in first.output
    with app.app_context():
        assert count(Recount) >= 13  # two years of history, up to this month
    with app.app_context():
        workers = count(Worker)
    second = runner.invoke(args=["seed-demo"])
    assert "already loaded" in second.output and "desk_longsha" in second.output
    with app.app_context():
        assert count(Worker) == workers > 2500
