"""The zero-clearing list, follow-ups, visits due, retention and subsidies over HTTP."""

from datetime import date, timedelta

import pytest
import time_machine

from jobs_app import clock
from jobs_app.extensions import db
from jobs_app.services import referrals
from tests import factories
from tests.factories import LONGJU


@pytest.fixture
def district(app, world):
    """Two seeking workers in 龙沙镇, one in 龙驹镇; a far placement hired 100 days ago."""
    today = clock.today()
    referred_on = today - timedelta(days=110)
    with app.app_context(), time_machine.travel(f"{referred_on} 10:00 +0800", tick=False):
        ours = factories.worker(db.session, name="甲", skills=["缝纫"])
        factories.worker(db.session, name="乙")
        theirs = factories.worker(db.session, name="丙", township_code=LONGJU)
        placed = factories.worker(db.session, name="丁")
        far = factories.opening(
            db.session,
            employer_id=world.employer_b,
            province="山东省",
            city="济宁市",
            township_code=None,
            start_date=today - timedelta(days=100),
        )
        factories.opening(
            db.session,
            employer_id=world.employer_a,
            title="缝纫工",
            skills=["缝纫"],
            start_date=today + timedelta(days=30),
        )
        referral = factories.referral(db.session, worker_id=placed.id, opening_id=far.id)
        referrals.hire(
            db.session,
            actor=factories.BUREAU,
            referral_id=referral.id,
            start_date=today - timedelta(days=100),
            wage=5200,
        )
        db.session.commit()
        return {"ours": ours.id, "theirs": theirs.id, "referral": referral.id}


def period() -> str:
    return clock.today().strftime("%Y-%m")


def test_bureau_runs_a_recount_and_desks_read_it(as_role, district):
    made = as_role("bureau").post("/api/v1/recounts", json={"period": period()})
    assert made.status_code == 201, made.json
    assert made.json["summary"]["seeking"] == 3
    assert as_role("desk").post("/api/v1/recounts", json={"period": period()}).status_code == 403
    desk_view = as_role("desk").get(f"/api/v1/recounts/{period()}").json
    assert [row["township_code"] for row in desk_view["by_township"]] == [factories.LONGSHA]
    assert as_role("employer").get(f"/api/v1/recounts/{period()}").status_code == 403
    months = as_role("desk").get("/api/v1/recounts").json["items"]
    assert [m["period"] for m in months] == [period()]


def test_desk_sees_its_townships_zero_clearing_list_with_suggestions(as_role, district):
    as_role("bureau").post("/api/v1/recounts", json={"period": period()})
    listed = as_role("desk").get(f"/api/v1/recounts/{period()}/seeking").json
    assert {item["name"] for item in listed["items"]} == {"甲", "乙"}
    first = next(item for item in listed["items"] if item["name"] == "甲")
    assert first["days_seeking"] == 110 and first["township_code"] == factories.LONGSHA
    assert first["suggestions"] and first["suggestions"][0]["title"] == "缝纫工"
    assert len(first["suggestions"]) <= 3
    assert all(reason["text"] for reason in first["suggestions"][0]["reasons"])
    other = as_role("other_desk").get(f"/api/v1/recounts/{period()}/seeking").json
    assert [item["name"] for item in other["items"]] == ["丙"]


def test_unknown_month_is_404_and_bad_month_422(as_role):
    assert as_role("bureau").get("/api/v1/recounts/2019-01").status_code == 404
    bad = as_role("bureau").post("/api/v1/recounts", json={"period": "2019-13"})
    assert bad.status_code == 422 and "period" in bad.json["errors"]


def test_follow_up_no_longer_seeking_takes_the_worker_off_the_list(as_role, district):
    desk = as_role("desk")
    answer = desk.post(
        f"/api/v1/workers/{district['ours']}/follow-ups",
        json={"kind": "no_longer_seeking", "note": "回校读书"},
    )
    assert answer.status_code == 201, answer.json
    assert desk.get(f"/api/v1/workers/{district['ours']}").json["status"] == "not_seeking"
    history = desk.get(f"/api/v1/workers/{district['ours']}/follow-ups").json["items"]
    assert [h["kind"] for h in history] == ["no_longer_seeking"]
    missing_note = desk.post(
        f"/api/v1/workers/{district['ours']}/follow-ups", json={"kind": "no_longer_seeking"}
    )
    assert missing_note.status_code == 422
    foreign = desk.post(
        f"/api/v1/workers/{district['theirs']}/follow-ups", json={"kind": "contacted"}
    )
    assert foreign.status_code == 404


def test_overdue_visits_are_listed_for_the_desk(as_role, district):
    due = as_role("desk").get("/api/v1/visits/due", query_string={"overdue": "true"}).json
    assert {(item["month_mark"], item["referral_id"]) for item in due["items"]} == {
        (1, district["referral"]),
        (3, district["referral"]),
    }
    as_role("desk").post(
        "/api/v1/visits",
        json={
            "referral_id": district["referral"],
            "visited_on": clock.today().isoformat(),
            "still_employed": True,
            "month_mark": 1,
        },
    )
    after = as_role("desk").get("/api/v1/visits/due", query_string={"overdue": "true"}).json
    assert [item["month_mark"] for item in after["items"]] == [3]
    assert as_role("other_desk").get("/api/v1/visits/due").json["total"] == 0


def test_retention_counts_hires_old_enough(as_role, district):
    rows = (
        as_role("bureau")
        .get("/api/v1/placements/retention", query_string={"months": 3, "by": "province"})
        .json
    )
    assert rows["items"] == [{"group": "山东省", "hires": 1, "retained": 1, "rate": 1.0}]
    six = as_role("bureau").get("/api/v1/placements/retention", query_string={"months": 6}).json
    assert six["items"] == []
    assert as_role("desk").get("/api/v1/placements/retention").status_code == 403


def test_subsidies_due_follow_the_rule_table_and_are_decided_once(as_role, district):
    bureau = as_role("bureau")
    due = bureau.get("/api/v1/subsidies/due").json
    codes = {item["rule_code"] for item in due["items"]}
    assert codes == {"fare_out_of_chongqing", "away_three_months", "shandong_three_months"}
    assert due["amount"] == 200 + 500 + 3000
    paid = bureau.post(
        "/api/v1/subsidies",
        json={
            "referral_id": district["referral"],
            "rule_code": "shandong_three_months",
            "status": "paid",
        },
    )
    assert paid.status_code == 201 and paid.json["amount"] == 3000
    again = bureau.post(
        "/api/v1/subsidies",
        json={
            "referral_id": district["referral"],
            "rule_code": "shandong_three_months",
            "status": "refused",
        },
    )
    assert again.status_code == 409
    wrong = bureau.post(
        "/api/v1/subsidies",
        json={
            "referral_id": district["referral"],
            "rule_code": "fare_in_chongqing",
            "status": "paid",
        },
    )
    assert wrong.status_code == 422 and "rule_code" in wrong.json["errors"]
    left = {i["rule_code"] for i in bureau.get("/api/v1/subsidies/due").json["items"]}
    assert left == {"fare_out_of_chongqing", "away_three_months"}
    assert [c["status"] for c in bureau.get("/api/v1/subsidies").json["items"]] == ["paid"]
    assert as_role("desk").get("/api/v1/subsidies/due").status_code == 403


def test_a_dated_rule_pays_only_for_hires_in_its_years(app, as_role, world):
    with app.app_context(), time_machine.travel("2020-01-05 10:00 +0800", tick=False):
        worker = factories.worker(db.session)
        opening = factories.opening(
            db.session, employer_id=world.employer_a, start_date=date(2020, 1, 10)
        )
        referral = factories.referral(db.session, worker_id=worker.id, opening_id=opening.id)
        referrals.hire(
            db.session,
            actor=factories.BUREAU,
            referral_id=referral.id,
            start_date=date(2020, 1, 10),
            wage=2400,
        )
        db.session.commit()
    with time_machine.travel("2020-09-01 10:00 +0800", tick=False):
        due = as_role("bureau").get("/api/v1/subsidies/due").json["items"]
    assert [item["rule_code"] for item in due] == ["workshop_training_2020"]
    with time_machine.travel("2020-03-01 10:00 +0800", tick=False):
        assert as_role("bureau").get("/api/v1/subsidies/due").json["items"] == []
