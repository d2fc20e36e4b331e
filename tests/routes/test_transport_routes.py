"""The transport API: the bureau plans, confirms, prints manifests and checks passengers in.

Desks, employers and admins get 403 on every trip path (trips carry workers of many
townships; desks read their workers' placements through referrals instead).
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
import time_machine
from openpyxl import load_workbook

from jobs_app.extensions import db
from jobs_app.identity import mask_id_number
from jobs_app.services import referrals
from jobs_app.services.access import Actor
from tests import factories
from tests.factories import LONGJU, LONGSHA

TODAY, START = date(2020, 2, 10), date(2020, 2, 20)
WINDOW = {"from_date": "2020-02-11", "to_date": "2020-02-25"}
OTHER_ROLES = ("desk", "other_desk", "employer", "other_employer", "admin")


@pytest.fixture(autouse=True)
def february_2020():
    with time_machine.travel(f"{TODAY.isoformat()} 09:00 +0800", tick=False):
        yield


@pytest.fixture
def hires(app, world):
    """Three workers (two of 龙沙镇, one of 龙驹镇) hired by the Jining partner from 20 Feb."""
    with app.app_context():
        opening = factories.opening(db.session, employer_id=world.employer_b, headcount=3,
                                    province="山东省", city="济宁市", township_code=None,
                                    start_date=START)  # fmt: skip
        made = []
        for township, name in ((LONGSHA, "王小红"), (LONGSHA, "李大山"), (LONGJU, "陈秀英")):
            worker = factories.worker(db.session, township_code=township, name=name)
            referral = factories.referral(db.session, worker_id=worker.id, opening_id=opening.id)
            referrals.hire(db.session, actor=Actor.system(), referral_id=referral.id,
                           start_date=START, wage=4800)  # fmt: skip
            made.append({"referral": referral.id, "worker": worker.id, "opening": opening.id,
                         "id_number": worker.id_number, "name": name})  # fmt: skip
        db.session.commit()
        return made


@pytest.fixture
def trip(as_role, hires):
    answer = as_role("bureau").post("/api/v1/trips/plan", json=WINDOW)
    assert answer.status_code == 200, answer.json
    (planned,) = answer.json["trips"]
    return planned


def test_planning_answers_the_draft_trips_with_stops_and_passengers(trip, hires):
    assert trip["status"] == "planned" and trip["destination_city"] == "济宁市"
    assert (trip["vehicle"], trip["seats"], trip["capacity"]) == ("bus", 45, 22)
    assert trip["departure"].startswith("2020-02-1") and trip["distance_km"] > 1000
    assert sorted(p["referral_id"] for p in trip["passengers"]) == [h["referral"] for h in hires]
    assert {p["name"] for p in trip["passengers"]} == {"王小红", "李大山", "陈秀英"}
    stops = {s["township_code"]: s for s in trip["stops"]}
    assert set(stops) == {LONGSHA, LONGJU} and stops[LONGSHA]["township_name"] == "龙沙镇"
    assert len(stops[LONGSHA]["passengers"]) == 2
    for rider in trip["passengers"]:
        assert rider["referral_id"] in stops[rider["stop_township_code"]]["passengers"]


def test_a_window_that_ends_before_it_starts_is_refused_in_chinese(as_role, world):
    backwards = {"from_date": "2020-03-01", "to_date": "2020-02-01"}
    answer = as_role("bureau").post("/api/v1/trips/plan", json=backwards)
    assert answer.status_code == 422
    assert answer.json["errors"] == {"to_date": ["结束日期早于开始日期"]}


def test_trips_are_listed_read_confirmed_and_cancelled(as_role, trip):
    bureau = as_role("bureau")
    listed = bureau.get("/api/v1/trips?status=planned").json
    assert listed["total"] == 1 and listed["items"][0]["id"] == trip["id"]
    assert bureau.get(f"/api/v1/trips/{trip['id']}").json["stops"] == trip["stops"]

    escort = {"escort_name": "李军", "escort_phone": "13800001111"}
    confirmed = bureau.post(f"/api/v1/trips/{trip['id']}/confirm", json=escort)
    assert confirmed.status_code == 200 and confirmed.json["status"] == "confirmed"
    assert bureau.post(f"/api/v1/trips/{trip['id']}/confirm", json={}).status_code == 409
    assert bureau.post("/api/v1/trips/plan", json=WINDOW).json["trips"] == []  # kept, not redone

    cancelled = bureau.post(f"/api/v1/trips/{trip['id']}/cancel")
    assert cancelled.json["status"] == "cancelled" and cancelled.json["passengers"] == []
    assert len(bureau.post("/api/v1/trips/plan", json=WINDOW).json["trips"]) == 1  # seats freed


def test_a_no_show_at_check_in_is_recorded_on_the_referral(as_role, trip, hires):
    bureau = as_role("bureau")
    bureau.post(f"/api/v1/trips/{trip['id']}/confirm", json={})
    missing = hires[0]["referral"]

    answer = bureau.post(f"/api/v1/trips/{trip['id']}/passengers/{missing}/check-in",
                         json={"boarded": False})  # fmt: skip

    assert answer.status_code == 200
    rider = next(p for p in answer.json["passengers"] if p["referral_id"] == missing)
    assert (rider["boarded"], rider["no_show"]) == (False, True)
    assert bureau.get(f"/api/v1/referrals/{missing}").json["status"] == "no_show"
    opening = bureau.get(f"/api/v1/openings/{hires[0]['opening']}").json
    assert opening["hired_count"] == 2 and opening["status"] == "open"
    again = bureau.post(f"/api/v1/trips/{trip['id']}/passengers/{missing}/check-in",
                        json={"boarded": True})  # fmt: skip
    assert again.status_code == 409


def test_check_in_needs_a_boolean(as_role, trip, hires):
    answer = as_role("bureau").post(
        f"/api/v1/trips/{trip['id']}/passengers/{hires[0]['referral']}/check-in", json={}
    )
    assert answer.status_code == 422 and "boarded" in answer.json["errors"]


def test_the_manifest_prints_in_chinese_with_masked_ids_and_is_not_cached(as_role, trip, hires):
    as_role("bureau").post(f"/api/v1/trips/{trip['id']}/confirm",
                           json={"escort_name": "李军", "escort_phone": "13800001111"})  # fmt: skip
    answer = as_role("bureau").get(f"/api/v1/trips/{trip['id']}/manifest")

    assert answer.status_code == 200 and answer.mimetype == "text/html"
    assert answer.headers["Cache-Control"] == "no-store"
    page = answer.get_data(as_text=True)
    assert "乘车名单" in page and "济宁市" in page and "李军" in page and "签字" in page
    for hire in hires:
        assert hire["name"] in page
        assert mask_id_number(hire["id_number"]) in page and hire["id_number"] not in page
    assert "13912345678" in page  # the escort calls passengers: phones in full
    assert "/static/css/print.css" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    stylesheet = as_role("bureau").get("/static/css/print.css")
    assert stylesheet.status_code == 200 and b"@page" in stylesheet.data
    stylesheet.close()


def test_the_manifest_workbook_reads_back(as_role, trip, hires):
    answer = as_role("bureau").get(f"/api/v1/trips/{trip['id']}/manifest.xlsx")

    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    assert "spreadsheetml" in answer.mimetype
    sheet = load_workbook(BytesIO(answer.data)).active
    assert sheet.freeze_panes == "A4" and sheet["A1"].value.startswith("乘车名单")
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert sorted(row[3] for row in rows) == sorted(mask_id_number(h["id_number"]) for h in hires)
    assert all(isinstance(row[3], str) for row in rows)


def test_reading_a_manifest_is_audited(as_role, trip):
    as_role("bureau").get(f"/api/v1/trips/{trip['id']}/manifest")
    log = as_role("bureau").get("/api/v1/audit?entity=trip&action=print_manifest").json
    assert log["total"] == 1


def test_an_unknown_trip_is_not_found(as_role, world):
    assert as_role("bureau").get("/api/v1/trips/999").status_code == 404
    assert as_role("bureau").get("/api/v1/trips/999/manifest").status_code == 404


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_only_the_bureau_may_use_trips(as_role, trip, hires, role):
    client, trip_id = as_role(role), trip["id"]
    calls = [
        client.post("/api/v1/trips/plan", json=WINDOW),
        client.get("/api/v1/trips"),
        client.get(f"/api/v1/trips/{trip_id}"),
        client.post(f"/api/v1/trips/{trip_id}/confirm", json={}),
        client.post(f"/api/v1/trips/{trip_id}/cancel"),
        client.get(f"/api/v1/trips/{trip_id}/manifest"),
        client.get(f"/api/v1/trips/{trip_id}/manifest.xlsx"),
        client.post(f"/api/v1/trips/{trip_id}/passengers/{hires[0]['referral']}/check-in",
                    json={"boarded": False}),
    ]  # fmt: skip
    assert [call.status_code for call in calls] == [403] * len(calls)
    assert as_role("bureau").get(f"/api/v1/trips/{trip_id}").json["status"] == "planned"


def test_the_pinned_paths_are_documented(app):
    paths = app.test_client().get("/api/v1/openapi.json").json["paths"]
    for path in ("/api/v1/trips/plan", "/api/v1/trips", "/api/v1/trips/{trip_id}",
                 "/api/v1/trips/{trip_id}/confirm", "/api/v1/trips/{trip_id}/cancel",
                 "/api/v1/trips/{trip_id}/manifest", "/api/v1/trips/{trip_id}/manifest.xlsx",
                 "/api/v1/trips/{trip_id}/passengers/{referral_id}/check-in"):  # fmt: skip
        assert path in paths, path
