"""Dedicated transport: drafts from hired far placements, re-plans, seats freed, check-in."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, time, timedelta
from io import BytesIO

import pytest
import time_machine
from openpyxl import load_workbook
from sqlalchemy import func, select

from jobs_app.errors import Conflict, Forbidden
from jobs_app.models import (
    Opening,
    Referral,
    Role,
    TransportLine,
    Trip,
    TripPassenger,
    TripStatus,
    Worker,
)
from jobs_app.services import referrals, transport
from jobs_app.services.access import Actor
from tests import factories
from tests.factories import LONGJU, LONGSHA

BUREAU = Actor.system()
TODAY = date(2020, 2, 10)  # a Monday, a week before Wanzhou's first charter
START = date(2020, 2, 20)
RULES = transport.rules_for(0.5, solver_seconds=10, solver_no_improvement=150)
CVRP_FILE = "bench/data/cvrplib/A-n32-k5.vrp"


@pytest.fixture(autouse=True)
def february_2020():
    with time_machine.travel(f"{TODAY.isoformat()} 09:00 +0800", tick=False):
        yield


def far_opening(session, *, city="济宁市", province="山东省", headcount=40):
    employer = factories.employer(session, name=f"{city}协作企业", kind="east_west",
                                  province=province, city=city, township_code=None)  # fmt: skip
    return factories.opening(session, employer_id=employer.id, headcount=headcount,
                             province=province, city=city, township_code=None,
                             start_date=START)  # fmt: skip


def hire(session, opening, *, township=LONGSHA, start=START, name="张秀英"):
    """A worker of the township hired for the opening, starting on ``start``."""
    worker = factories.worker(session, township_code=township, name=name)
    referral = factories.referral(session, worker_id=worker.id, opening_id=opening.id)
    referrals.hire(session, actor=BUREAU, referral_id=referral.id, start_date=start, wage=4500)
    return referral.id


def plan(session, **window):
    window = {"from_date": TODAY + timedelta(days=1), "to_date": START + timedelta(days=5),
              **window}  # fmt: skip
    outcome = transport.plan(session, actor=BUREAU, rules=RULES, **window)
    session.commit()
    return outcome


def seats_of(session) -> Counter:
    """Active seats per referral, over every trip."""
    rows = session.scalars(select(TripPassenger.referral_id).where(TripPassenger.active))
    return Counter(rows)


def test_plan_stores_drafts_carrying_each_far_placement_once_within_capacity(session):
    jining = far_opening(session)
    kunming = far_opening(session, city="昆明市", province="云南省")
    local = factories.opening(session, employer_id=factories.employer(session).id)
    far = [hire(session, jining, township=LONGSHA if n % 2 else LONGJU) for n in range(30)]
    pair = [hire(session, kunming) for _ in range(2)]
    hire(session, local, start=START)
    session.commit()

    outcome = plan(session)

    assert seats_of(session) == Counter(far + pair)  # each once; the local job rides nothing
    assert outcome.unplanned == []
    for trip in outcome.trips:
        assert trip.status == TripStatus.planned
        assert 1 <= len(trip.riders) <= trip.capacity <= trip.seats
        assert len({p.seat for p in trip.riders}) == len(trip.riders)
        assert trip.departure.date() < START and trip.arrival.date() < START
    buses = [t for t in outcome.trips if t.destination_city == "济宁市"]
    assert [t.vehicle.value for t in buses] == ["bus", "bus"]  # 30 riders, 22 a bus at 50 %
    assert {t.capacity for t in buses} == {22}
    cars = [t for t in outcome.trips if t.destination_city == "昆明市"]
    assert [(t.vehicle.value, len(t.riders)) for t in cars] == [("car", 2)]


def test_nothing_to_carry_makes_no_trip(session):
    assert plan(session).trips == []
    assert session.scalar(select(func.count()).select_from(Trip)) == 0


def test_a_confirmed_trip_survives_a_replan_and_a_new_hire_joins_the_next_draft(session):
    opening = far_opening(session)
    first = [hire(session, opening) for _ in range(3)]
    session.commit()
    (trip,) = plan(session).trips
    transport.confirm(session, actor=BUREAU, trip_id=trip.id, escort_name="李军",
                      escort_phone="13800001111")  # fmt: skip
    late = hire(session, opening, township=LONGJU)
    session.commit()

    (draft,) = plan(session).trips

    kept = session.get(Trip, trip.id)
    assert kept.status == TripStatus.confirmed and kept.escort_name == "李军"
    assert sorted(p.referral_id for p in kept.riders) == sorted(first)
    assert [p.referral_id for p in draft.riders] == [late]
    assert seats_of(session) == Counter([*first, late])


def test_a_replan_replaces_drafts_and_drops_a_placement_that_ended(session):
    opening = far_opening(session)
    riders = [hire(session, opening) for _ in range(4)]
    session.commit()
    plan(session)
    referrals.no_show(session, actor=BUREAU, referral_id=riders[0], reason="另有安排")
    session.commit()

    (new,) = plan(session).trips

    assert session.scalar(select(func.count()).select_from(Trip)) == 1  # the old draft went
    assert sorted(p.referral_id for p in new.riders) == sorted(riders[1:])


def test_an_ended_placement_frees_its_seat_on_a_confirmed_trip_without_moving_others(session):
    opening = far_opening(session)
    riders = [hire(session, opening, township=t) for t in (LONGSHA, LONGSHA, LONGJU)]
    session.commit()
    (trip,) = plan(session).trips
    transport.confirm(session, actor=BUREAU, trip_id=trip.id)
    before = {p.referral_id: p.seat for p in trip.riders}
    longsha_time = next(s.planned_time for s in trip.stops if s.township.code == LONGSHA)
    referrals.no_show(session, actor=BUREAU, referral_id=riders[2], reason="不去了")
    session.commit()

    assert plan(session).trips == []

    trip = session.get(Trip, trip.id)
    assert {p.referral_id: p.seat for p in trip.riders} == {r: before[r] for r in riders[:2]}
    assert [(s.township.code, s.planned_time) for s in trip.stops] == [(LONGSHA, longsha_time)]


def test_cancelling_a_trip_frees_its_seats_for_the_next_plan(session):
    opening = far_opening(session)
    riders = [hire(session, opening) for _ in range(3)]
    session.commit()
    (trip,) = plan(session).trips
    transport.confirm(session, actor=BUREAU, trip_id=trip.id)

    transport.cancel(session, actor=BUREAU, trip_id=trip.id)
    session.commit()

    assert seats_of(session) == Counter()
    (again,) = plan(session).trips
    assert again.id != trip.id and sorted(p.referral_id for p in again.riders) == sorted(riders)
    with pytest.raises(Conflict):
        transport.cancel(session, actor=BUREAU, trip_id=trip.id)


def test_a_no_show_at_check_in_ends_the_placement_and_frees_the_headcount(session):
    opening = far_opening(session, headcount=3)
    riders = [hire(session, opening) for _ in range(3)]
    session.commit()
    (trip,) = plan(session).trips
    transport.confirm(session, actor=BUREAU, trip_id=trip.id)
    assert session.get(Opening, opening.id).status.value == "filled"

    transport.check_in(session, actor=BUREAU, trip_id=trip.id, referral_id=riders[0],
                       boarded=True)  # fmt: skip
    transport.check_in(session, actor=BUREAU, trip_id=trip.id, referral_id=riders[1],
                       boarded=False)  # fmt: skip
    session.commit()

    missing = session.get(Referral, riders[1])
    assert missing.status.value == "no_show"
    assert session.get(Worker, missing.worker_id).status.value == "seeking"
    refreshed = session.get(Opening, opening.id)
    assert (refreshed.hired_count, refreshed.status.value) == (2, "open")
    by_referral = {p.referral_id: p for p in session.get(Trip, trip.id).riders}
    assert (by_referral[riders[0]].boarded, by_referral[riders[0]].no_show) == (True, False)
    assert (by_referral[riders[1]].boarded, by_referral[riders[1]].no_show) == (False, True)
    with pytest.raises(Conflict):
        transport.check_in(session, actor=BUREAU, trip_id=trip.id, referral_id=riders[1],
                           boarded=True)  # fmt: skip


def test_check_in_waits_for_confirmation(session):
    opening = far_opening(session)
    rider = hire(session, opening)
    session.commit()
    (trip,) = plan(session).trips
    with pytest.raises(Conflict):
        transport.check_in(session, actor=BUREAU, trip_id=trip.id, referral_id=rider,
                           boarded=False)  # fmt: skip


def test_a_late_passenger_joins_a_confirmed_trip_without_moving_anyone(session):
    opening = far_opening(session)
    riders = [hire(session, opening) for _ in range(3)]
    session.commit()
    (trip,) = plan(session).trips
    transport.confirm(session, actor=BUREAU, trip_id=trip.id)
    before = {p.referral_id: p.seat for p in trip.riders}
    stop_time = trip.stops[0].planned_time
    late = hire(session, opening, township=LONGJU)
    session.commit()

    trip = transport.add_late(session, actor=BUREAU, trip_id=trip.id, referral_id=late,
                              rules=RULES)  # fmt: skip
    session.commit()

    seats = {p.referral_id: p.seat for p in trip.riders}
    assert {r: seats[r] for r in riders} == before and late in seats
    assert len(set(seats.values())) == 4
    longsha = next(s for s in trip.stops if s.township.code == LONGSHA)
    assert longsha.planned_time >= stop_time
    assert LONGJU in [s.township.code for s in trip.stops]
    with pytest.raises(Conflict):
        transport.add_late(session, actor=BUREAU, trip_id=trip.id, referral_id=late, rules=RULES)


def test_the_friday_draft_plans_the_coming_week_on_each_lines_pattern(session):
    line = TransportLine(name="万州—济宁专线", destination_city="济宁市",
                         destination_province="山东省", destination_lat=35.41,
                         destination_lon=116.59, vehicle_seats=53, departure_weekday=0,
                         departure_time=time(6, 30))  # fmt: skip
    session.add(line)
    jining, guangzhou = far_opening(session), far_opening(session, city="广州市",
                                                          province="广东省")  # fmt: skip
    friday = date(2020, 2, 14)
    carried = [hire(session, jining, start=date(2020, 2, 20)) for _ in range(3)]
    carried += [hire(session, guangzhou, start=date(2020, 2, 22)) for _ in range(3)]
    hire(session, jining, start=date(2020, 2, 27))  # the week after: next Friday's
    session.commit()

    outcome = transport.draft_coming_week(session, rules=RULES, today=friday)
    session.commit()

    assert seats_of(session) == Counter(carried)
    by_city = {t.destination_city: t for t in outcome.trips}
    assert by_city["济宁市"].line_id == line.id and by_city["济宁市"].seats == 53
    assert by_city["济宁市"].departure.time() == time(6, 30)
    assert by_city["广州市"].line_id is None and by_city["广州市"].seats == 45
    assert all(t.departure.date() > friday for t in outcome.trips)


def test_a_placement_with_an_unknown_destination_is_reported_not_planned(session):
    opening = far_opening(session, city="乌鲁木齐市", province="新疆维吾尔自治区")
    rider = hire(session, opening)
    session.commit()
    outcome = plan(session)
    assert outcome.trips == []
    assert [(u.referral_id, u.reason) for u in outcome.unplanned] == [
        (rider, "unknown_destination")
    ]


@pytest.mark.parametrize("role", [Role.desk, Role.employer, Role.admin])
def test_only_the_bureau_plans_and_reads_trips(session, role):
    actor = Actor(user_id=None, role=role, township_id=1, employer_id=1)
    with pytest.raises(Forbidden):
        transport.plan(session, actor=actor, from_date=TODAY, to_date=START, rules=RULES)
    with pytest.raises(Forbidden):
        transport.get_all(session, actor=actor)


def test_the_manifest_workbook_reads_back_with_masked_ids_as_text(session):
    opening = far_opening(session)
    rider = hire(session, opening, name="王小红")
    session.commit()
    (trip,) = plan(session).trips

    content = transport.xlsx(transport.manifest(session, actor=BUREAU, trip_id=trip.id))

    sheet = load_workbook(BytesIO(content)).active
    assert sheet.freeze_panes == "A4"
    assert sheet["A1"].value == f"乘车名单（车次 {trip.id}）"
    header = [cell.value for cell in sheet[3]]
    assert header[:4] == ["序号", "座位号", "姓名", "身份证号"] and header[-1] == "签字"
    row = [cell.value for cell in sheet[4]]
    id_number = session.get(Referral, rider).worker.id_number
    assert row[2] == "王小红" and row[3] == id_number[:6] + "********" + id_number[-4:]
    assert isinstance(row[3], str) and row[4] == "13912345678"


# The command line


def test_solve_cvrp_prints_the_json_of_a_near_best_solution(runner):
    result = runner.invoke(args=["transport", "solve-cvrp", CVRP_FILE, "--time-limit", "2"])
    assert result.exit_code == 0, result.output
    solved = json.loads(result.output)
    assert set(solved) == {"cost", "routes"}
    assert 784 <= solved["cost"] <= 784 * 1.01
    visited = [node for route in solved["routes"] for node in route]
    assert sorted(visited) == list(range(2, 33))  # node 1 is the depot


def test_plan_command_prints_the_trips_and_manifest_command_writes_xlsx(app, runner, tmp_path):
    with app.app_context():
        from jobs_app.extensions import db

        hire(db.session, far_opening(db.session))
        db.session.commit()
    result = runner.invoke(args=["transport", "plan", "--from", "2020-02-11",
                                 "--to", "2020-02-25", "--destination", "济宁"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "car to 济宁市, 1/4 passengers (4 seats)" in result.output  # one rider: a car
    trip_id = int(result.output.split()[1].rstrip(":"))
    output = tmp_path / "manifest.xlsx"
    written = runner.invoke(args=["transport", "manifest", str(trip_id), "--output", str(output)])
    assert written.exit_code == 0, written.output
    assert load_workbook(output).active["A1"].value == f"乘车名单（车次 {trip_id}）"
