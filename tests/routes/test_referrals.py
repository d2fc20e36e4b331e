"""Referred → hired → left, and the rules that hold along the way."""

from datetime import date, timedelta

import pytest

from jobs_app import clock
from jobs_app.extensions import db
from jobs_app.models import AuditEntry, Opening, Worker, WorkerStatusChange
from tests import factories

START = (clock.today() + timedelta(days=14)).isoformat()


@pytest.fixture
def workshop_job(app, world):
    """A seeking 龙沙镇 worker and an opening at the town's workshop (world's employer A)."""
    with app.app_context():
        worker = factories.worker(db.session)
        opening = factories.opening(db.session, employer_id=world.employer_a, headcount=2)
        db.session.commit()
        return worker.id, opening.id


def refer(client, worker_id, opening_id):
    answer = client.post(
        "/api/v1/referrals", json={"worker_id": worker_id, "opening_id": opening_id}
    )
    assert answer.status_code == 201, answer.json
    return answer.json["id"]


def state(app, worker_id, opening_id):
    with app.app_context():
        worker = db.session.get(Worker, worker_id)
        opening = db.session.get(Opening, opening_id)
        return worker.status.value, opening.hired_count, opening.status.value


def test_desk_refers_employer_hires_and_worker_is_employed_locally(app, as_role, workshop_job):
    worker_id, opening_id = workshop_job
    referral_id = refer(as_role("desk"), worker_id, opening_id)
    hired = as_role("employer").post(
        f"/api/v1/referrals/{referral_id}/hire", json={"start_date": START, "wage": 2600}
    )
    assert hired.status_code == 200, hired.json
    assert hired.json["status"] == "hired" and hired.json["wage"] == 2600
    assert state(app, worker_id, opening_id) == ("employed_local", 1, "open")


def test_leaving_frees_the_place_and_the_worker_seeks_again(app, as_role, workshop_job):
    worker_id, opening_id = workshop_job
    desk = as_role("desk")
    referral_id = refer(desk, worker_id, opening_id)
    desk.post(f"/api/v1/referrals/{referral_id}/hire", json={"start_date": START, "wage": 2600})
    left_on = (clock.today() + timedelta(days=60)).isoformat()
    left = as_role("employer").post(
        f"/api/v1/referrals/{referral_id}/leave", json={"date": left_on, "reason": "家中老人生病"}
    )
    assert left.status_code == 200, left.json
    assert left.json["end_reason"] == "家中老人生病"
    assert state(app, worker_id, opening_id) == ("seeking", 0, "open")
    with app.app_context():
        worker = db.session.get(Worker, worker_id)
        assert worker.status_since.isoformat() == left_on
        history = db.session.scalars(
            db.select(WorkerStatusChange.status).where(WorkerStatusChange.worker_id == worker_id)
        ).all()
        assert [s.value for s in history] == ["seeking", "employed_local", "seeking"]


def test_full_opening_becomes_filled_and_refuses_the_next_hire(app, as_role, world):
    with app.app_context():
        opening = factories.opening(db.session, employer_id=world.employer_a, headcount=1)
        first, second = factories.worker(db.session), factories.worker(db.session)
        db.session.commit()
        ids = opening.id, first.id, second.id
    opening_id, first_id, second_id = ids
    desk = as_role("desk")
    first_ref, second_ref = refer(desk, first_id, opening_id), refer(desk, second_id, opening_id)
    hire = {"start_date": START, "wage": 2500}
    assert desk.post(f"/api/v1/referrals/{first_ref}/hire", json=hire).status_code == 200
    assert state(app, first_id, opening_id)[1:] == (1, "filled")
    refused = desk.post(f"/api/v1/referrals/{second_ref}/hire", json=hire)
    assert refused.status_code == 409
    assert refused.json["message"] == "该岗位已招满"
    assert state(app, second_id, opening_id)[0] == "seeking"


def test_a_worker_holds_one_placement_only(app, as_role, world, workshop_job):
    worker_id, opening_id = workshop_job
    with app.app_context():
        other = factories.opening(db.session, employer_id=world.employer_a, title="包装工").id
        db.session.commit()
    desk = as_role("desk")
    first, second = refer(desk, worker_id, opening_id), refer(desk, worker_id, other)
    hire = {"start_date": START, "wage": 2500}
    assert desk.post(f"/api/v1/referrals/{first}/hire", json=hire).status_code == 200
    again = desk.post(f"/api/v1/referrals/{second}/hire", json=hire)
    assert again.status_code == 409
    assert again.json["message"] == "该劳动力已有在岗记录"
    assert state(app, worker_id, other)[1] == 0


def test_hiring_twice_is_refused(as_role, workshop_job):
    desk = as_role("desk")
    referral_id = refer(desk, *workshop_job)
    hire = {"start_date": START, "wage": 2500}
    assert desk.post(f"/api/v1/referrals/{referral_id}/hire", json=hire).status_code == 200
    assert desk.post(f"/api/v1/referrals/{referral_id}/hire", json=hire).status_code == 409


@pytest.mark.parametrize(
    ("province", "city", "township", "status"),
    [
        ("山东省", "济宁市", None, "employed_out"),
        ("重庆市", "渝北区", None, "employed_province"),
        ("重庆市", "万州区", factories.LONGSHA, "employed_local"),
    ],
)
def test_hire_sets_status_from_where_the_job_is(app, as_role, world, province, city, township,
                                                status):  # fmt: skip
    with app.app_context():
        worker = factories.worker(db.session)
        opening = factories.opening(db.session, employer_id=world.employer_a, province=province,
                                    city=city, township_code=township)  # fmt: skip
        db.session.commit()
        ids = worker.id, opening.id
    desk = as_role("desk")
    referral_id = refer(desk, *ids)
    desk.post(f"/api/v1/referrals/{referral_id}/hire", json={"start_date": START, "wage": 4000})
    assert state(app, *ids)[0] == status


def test_decline_and_no_show_close_the_referral(as_role, world, app):
    with app.app_context():
        worker = factories.worker(db.session)
        opening = factories.opening(db.session, employer_id=world.employer_a)
        db.session.commit()
        ids = worker.id, opening.id
    desk = as_role("desk")
    declined = as_role("employer").post(f"/api/v1/referrals/{refer(desk, *ids)}/decline",
                                        json={"reason": "岗位要求夜班"})  # fmt: skip
    assert declined.json["status"] == "declined"
    absent = desk.post(f"/api/v1/referrals/{refer(desk, *ids)}/no-show")
    assert absent.status_code == 200 and absent.json["status"] == "no_show"


def test_no_show_after_a_hire_frees_the_headcount(app, as_role, workshop_job):
    desk = as_role("desk")
    referral_id = refer(desk, *workshop_job)
    desk.post(f"/api/v1/referrals/{referral_id}/hire", json={"start_date": START, "wage": 2500})
    assert desk.post(f"/api/v1/referrals/{referral_id}/no-show", json={}).status_code == 200
    assert state(app, *workshop_job) == ("seeking", 0, "open")


def test_only_seeking_workers_of_age_are_referred(app, as_role, world):
    with app.app_context():
        employed = factories.worker(db.session, status="self_employed").id
        old = factories.worker(db.session, id_number=factories.id_number(date(1960, 1, 1))).id
        unable = factories.worker(db.session, ability="none").id
        opening = factories.opening(db.session, employer_id=world.employer_a, age_max=50).id
        db.session.commit()
    desk = as_role("desk")
    for worker_id, problem in ((employed, "该劳动力当前不在求职状态"),
                               (old, "劳动力年龄不在岗位要求范围内"),
                               (unable, "无劳动能力者不予推荐")):  # fmt: skip
        answer = desk.post(
            "/api/v1/referrals", json={"worker_id": worker_id, "opening_id": opening}
        )
        assert answer.status_code == 422
        assert answer.json["errors"]["worker_id"] == [problem]


def test_wishes_are_limits_for_referrals(app, as_role, world):
    with app.app_context():
        near_home = factories.worker(db.session, wishes={"scope": "local"}).id
        far = factories.opening(db.session, employer_id=world.employer_b, province="山东省",
                                city="济宁市", township_code=None).id  # fmt: skip
        db.session.commit()
    answer = as_role("desk").post("/api/v1/referrals", json={"worker_id": near_home,
                                                             "opening_id": far})  # fmt: skip
    assert answer.status_code == 422
    assert answer.json["errors"]["opening_id"] == ["该劳动力只愿就近就业"]


def test_employer_sees_masked_id_of_referred_worker_and_no_poverty_facts(
    app, as_role, workshop_job
):
    referral_id = refer(as_role("desk"), *workshop_job)
    seen = as_role("employer").get(f"/api/v1/referrals/{referral_id}").json["worker"]
    assert "*" in seen["id_number"] and seen["id_number"].startswith("500101")
    assert seen["phone"] == "139****5678"
    assert "category" not in seen and "health" not in seen and "dibao" not in seen


def test_desk_reads_the_referral_unmasked_and_it_is_audited(app, as_role, workshop_job):
    referral_id = refer(as_role("desk"), *workshop_job)
    seen = as_role("desk").get(f"/api/v1/referrals/{referral_id}").json["worker"]
    assert "*" not in seen["id_number"]
    with app.app_context():
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "read_unmasked"))
        assert entry.entity == "worker" and entry.detail == {"referral_id": referral_id}


def test_a_referral_is_answered_as_written_without_reading_it_back(as_role, workshop_job, sql_sent):
    desk = as_role("desk")
    desk.get("/api/v1/referrals")  # the bearer token is looked up and remembered
    worker_id, opening_id = workshop_job
    with sql_sent() as statements:
        answer = desk.post(
            "/api/v1/referrals", json={"worker_id": worker_id, "opening_id": opening_id}
        )
    assert answer.status_code == 201
    assert answer.json["worker"]["township_name"] and answer.json["opening"]["employer_name"]
    written = next(i for i, s in enumerate(statements) if s.startswith("INSERT INTO referral"))
    assert not [s for s in statements[written:] if s.startswith("SELECT")]


def test_the_referral_list_reads_what_it_shows_in_one_query(as_role, workshop_job, sql_sent):
    refer(as_role("desk"), *workshop_job)
    employer = as_role("employer")
    employer.get("/api/v1/referrals")  # the bearer token is looked up and remembered
    with sql_sent() as statements:
        listed = employer.get("/api/v1/referrals").json["items"]
    assert listed[0]["worker"]["township_name"] and listed[0]["opening"]["employer_name"]
    [page] = statements  # one page, not full: no count, and no query per referral
    assert "JOIN household" not in page and page.count("JOIN township") == 1


def test_employer_cannot_see_or_act_on_another_employers_referrals(as_role, workshop_job):
    referral_id = refer(as_role("desk"), *workshop_job)
    other = as_role("other_employer")
    assert other.get(f"/api/v1/referrals/{referral_id}").status_code == 404
    hire = {"start_date": START, "wage": 2500}
    assert other.post(f"/api/v1/referrals/{referral_id}/hire", json=hire).status_code == 404
    assert other.get("/api/v1/referrals").json["total"] == 0


def test_hire_needs_a_start_date_and_a_sane_wage(as_role, workshop_job):
    referral_id = refer(as_role("desk"), *workshop_job)
    answer = as_role("desk").post(f"/api/v1/referrals/{referral_id}/hire", json={"wage": -1})
    assert answer.status_code == 422
    assert set(answer.json["errors"]) == {"start_date", "wage"}


def test_visits_are_recorded_for_placed_workers(as_role, workshop_job):
    desk = as_role("desk")
    referral_id = refer(desk, *workshop_job)
    early = desk.post("/api/v1/visits", json={"referral_id": referral_id, "visited_on": START,
                                              "still_employed": True})  # fmt: skip
    assert early.status_code == 422
    desk.post(f"/api/v1/referrals/{referral_id}/hire", json={"start_date": START, "wage": 2500})
    visit = desk.post("/api/v1/visits", json={"referral_id": referral_id, "visited_on": START,
                                              "still_employed": True, "month_mark": 1})  # fmt: skip
    assert visit.status_code == 201, visit.json
    listed = desk.get("/api/v1/visits", query_string={"referral_id": referral_id}).json
    assert listed["total"] == 1
    assert as_role("other_desk").get(f"/api/v1/visits/{visit.json['id']}").status_code == 404
