"""The bureau's monthly batch allocation, and learning from outcomes."""

from datetime import date, timedelta

import pytest
import time_machine

from jobs_app import background, clock
from jobs_app.extensions import db
from jobs_app.models import AllocationRun, Referral
from jobs_app.services import demo, learning, referrals
from tests import factories


@pytest.fixture
def month(app, world):
    """Five seeking sewers and a workshop opening with three places."""
    with app.app_context():
        sewers = [factories.worker(db.session, name=f"缝纫{n}", skills=["缝纫"]) for n in range(5)]
        opening = factories.opening(db.session, employer_id=world.employer_a, headcount=3,
                                    skills=["缝纫"])  # fmt: skip
        db.session.commit()
        return {"workers": [w.id for w in sewers], "opening": opening.id}


def run_to_the_end(app, client) -> dict:
    started = client.post("/api/v1/allocations", json={})
    assert started.status_code == 202, started.json
    background.wait_all(app)
    return client.get(f"/api/v1/allocations/{started.json['id']}").json


def test_a_run_proposes_no_more_than_the_headcount(app, as_role, month):
    run = run_to_the_end(app, as_role("bureau"))
    assert run["status"] == "done" and run["progress"] == 1.0
    proposed = run["proposal_page"]["items"]
    assert len(proposed) == run["proposals"] == 3
    assert {p["opening_id"] for p in proposed} == {month["opening"]}
    assert len({p["worker_id"] for p in proposed}) == 3
    assert run["total_score"] >= run["greedy_total"]


def test_accepting_turns_proposals_into_referrals_and_skips_stale_ones(app, as_role, month):
    bureau = as_role("bureau")
    run = run_to_the_end(app, bureau)
    proposals = run["proposal_page"]["items"]
    stale = proposals[0]
    as_role("desk").patch(f"/api/v1/workers/{stale['worker_id']}",
                          json={"status": "self_employed"})  # fmt: skip
    accepted = bureau.post(f"/api/v1/allocations/{run['id']}/accept", json={})
    assert accepted.status_code == 200, accepted.json
    assert accepted.json["accepted"] == 2 and accepted.json["skipped"] == 1
    with app.app_context():
        made = db.session.scalars(db.select(Referral.worker_id)).all()
        assert sorted(made) == sorted(p["worker_id"] for p in proposals[1:])
    after = bureau.get(f"/api/v1/allocations/{run['id']}").json["proposal_page"]["items"]
    skipped = next(p for p in after if p["worker_id"] == stale["worker_id"])
    assert skipped["status"] == "skipped" and skipped["skip_reason"]


def test_some_proposals_can_be_accepted(app, as_role, month):
    bureau = as_role("bureau")
    run = run_to_the_end(app, bureau)
    first = run["proposal_page"]["items"][0]["id"]
    accepted = bureau.post(f"/api/v1/allocations/{run['id']}/accept",
                           json={"proposal_ids": [first]}).json  # fmt: skip
    assert accepted["accepted"] == 1 and len(accepted["referral_ids"]) == 1


def test_a_run_leaves_out_workers_referred_meanwhile(app, as_role, month):
    as_role("desk").post("/api/v1/referrals", json={"worker_id": month["workers"][0],
                                                    "opening_id": month["opening"]})  # fmt: skip
    run = run_to_the_end(app, as_role("bureau"))
    assert month["workers"][0] not in {p["worker_id"] for p in run["proposal_page"]["items"]}


def test_only_the_bureau_allocates(as_role, month):
    for role in ("desk", "employer", "admin"):
        assert as_role(role).post("/api/v1/allocations", json={}).status_code == 403
    assert as_role("desk").get("/api/v1/matching/models").status_code == 403


def test_outcomes_are_labelled_by_the_three_month_rule(app, world):
    start = date(2020, 1, 10)
    with app.app_context(), time_machine.travel("2020-01-05 10:00 +0800", tick=False):
        opening = factories.opening(db.session, employer_id=world.employer_a, headcount=10,
                                    start_date=start)  # fmt: skip
        made = {}
        for name in ("stayed", "left_early", "declined", "too_recent", "pending"):
            worker = factories.worker(db.session, name=name)
            made[name] = factories.referral(db.session, worker_id=worker.id,
                                            opening_id=opening.id).id  # fmt: skip
        for name in ("stayed", "left_early"):
            referrals.hire(db.session, actor=factories.BUREAU, referral_id=made[name],
                           start_date=start, wage=2500)  # fmt: skip
        referrals.decline(db.session, actor=factories.BUREAU, referral_id=made["declined"])
        referrals.leave(db.session, actor=factories.BUREAU, referral_id=made["left_early"],
                        date=start + timedelta(days=40), reason="不适应")  # fmt: skip
        db.session.commit()
    with app.app_context(), time_machine.travel("2020-02-20 10:00 +0800", tick=False):
        referrals.hire(db.session, actor=factories.BUREAU, referral_id=made["too_recent"],
                       start_date=date(2020, 2, 20), wage=2500)  # fmt: skip
        db.session.commit()
    with app.app_context():
        labels = {o.referral.id: o.label for o in learning.outcomes(db.session, date(2020, 5, 1))}
    assert labels == {made["stayed"]: 1, made["left_early"]: 0, made["declined"]: 0}


def test_training_records_the_model_and_uses_it_only_if_it_wins(app, runner):
    with app.app_context():
        demo.seed(db.session, today=clock.today(), households=400)
        db.session.commit()
    answer = runner.invoke(args=["matching", "train"])
    assert answer.exit_code == 0, answer.output
    assert "outcomes" in answer.output
    with app.app_context():
        (model,) = learning.get_all(db.session, actor=factories.BUREAU)
        assert model.n_rows > 100 and "model_auc" in model.metrics
        assert model.active == model.beats_transparent
        assert model.library_versions["scikit-learn"]
        assert db.session.scalar(db.select(db.func.count()).select_from(AllocationRun)) == 0
