"""The trip planner's promises, property-tested, and its special cases."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.transport.planner import (
    Passenger,
    PlannedTrip,
    PlanRules,
    plan_trips,
    unreachable_passengers,
)
from tests.matching.transport.world import (
    DEPARTURE,
    DESTINATIONS,
    DONGGUAN,
    FAST,
    FROM,
    GUANGZHOU,
    JINING,
    POINTS,
    TO,
    passenger,
)

PLANNER_SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def plan(passengers: list[Passenger], rules: PlanRules = FAST) -> list[PlannedTrip]:
    """Plan in the test world."""
    return plan_trips(passengers, POINTS, DEPARTURE, DESTINATIONS, rules, FROM, TO)


def deadline(start: date, rules: PlanRules) -> datetime:
    """End of the day the passenger must arrive by."""
    last_day = start - timedelta(days=rules.arrive_days_before_start)
    return datetime.combine(last_day + timedelta(days=1), datetime.min.time())


@st.composite
def passenger_lists(draw: st.DrawFn, max_size: int = 50) -> list[Passenger]:
    """Passengers from the six townships to the four destinations, starting in the window."""
    size = draw(st.integers(min_value=1, max_value=max_size))
    people = []
    for referral_id in range(1, size + 1):
        township = draw(st.sampled_from(POINTS)).township_code
        destination = draw(st.sampled_from(DESTINATIONS))
        start = FROM + timedelta(days=draw(st.integers(min_value=0, max_value=(TO - FROM).days)))
        people.append(passenger(referral_id, township, destination, start))
    return people


rule_sets = st.builds(
    replace,
    st.just(FAST),
    vehicle_seats=st.sampled_from([7, 12, 45]),
    load_share=st.sampled_from([0.5, 1.0]),
    max_days_early=st.integers(min_value=0, max_value=7),
    allow_merge=st.booleans(),
)


def assert_promises(trips: list[PlannedTrip], expected: list[Passenger], rules: PlanRules):
    """Capacity, everyone exactly once, in time, consistent stops and seats."""
    carried = Counter(p.referral_id for trip in trips for p in trip.passengers)
    assert carried == Counter(p.referral_id for p in expected)
    starts = {p.referral_id: p.start_date for p in expected}
    for trip in trips:
        assert 1 <= len(trip.passengers) <= trip.capacity == rules.allowed_load(trip.vehicle)
        assert trip.departure.date() >= FROM
        assert all(trip.arrival <= deadline(starts[p.referral_id], rules) for p in trip.passengers)
        boarding = [rid for stop in trip.stops for rid in stop.boarding]
        assert sorted(boarding) == sorted(p.referral_id for p in trip.passengers)
        seats = [p.seat for p in trip.passengers]
        assert len(set(seats)) == len(seats) and all(1 <= s <= trip.seats for s in seats)
        last = trip.stops[-1]
        collected = last.time + timedelta(minutes=len(last.boarding) * 1.0)
        assert collected - trip.departure <= timedelta(minutes=rules.max_collection_minutes)
        times = [stop.time for stop in trip.stops]
        assert times == sorted(times) and times[0] >= trip.departure


@PLANNER_SETTINGS
@given(passengers=passenger_lists(), rules=rule_sets)
def test_plan_keeps_its_promises(passengers: list[Passenger], rules: PlanRules):
    trips = plan(passengers, rules)
    late = unreachable_passengers(passengers, POINTS, DEPARTURE, DESTINATIONS, rules, FROM, TO)
    expected = [p for p in passengers if p not in late]
    assert_promises(trips, expected, rules)


def bus_groups(trips: list[PlannedTrip]) -> dict[tuple[str, date], list[PlannedTrip]]:
    """Bus trips by destination and departure day."""
    groups = defaultdict(list)
    for trip in trips:
        if trip.vehicle == "bus":
            groups[(trip.destination_city, trip.departure.date())].append(trip)
    return groups


@PLANNER_SETTINGS
@given(passengers=passenger_lists(max_size=60), seats=st.sampled_from([7, 12, 45]))
def test_fewest_buses_when_collection_time_does_not_bind(passengers: list[Passenger], seats):
    rules = replace(FAST, vehicle_seats=seats, max_collection_minutes=24 * 60)
    for trips in bus_groups(plan(passengers, rules)).values():
        riders = sum(len(trip.passengers) for trip in trips)
        assert len(trips) == math.ceil(riders / rules.allowed_load("bus"))


@PLANNER_SETTINGS
@given(count=st.integers(min_value=23, max_value=70))
def test_a_township_that_overflows_a_bus_is_split(count: int):
    start = FROM + timedelta(days=10)
    passengers = [passenger(i, "T2", GUANGZHOU, start) for i in range(1, count + 1)]
    trips = plan(passengers)
    assert len(trips) == math.ceil(count / 22)
    assert all(len(t.passengers) <= 22 and t.stops[0].township_code == "T2" for t in trips)
    assert_promises(trips, passengers, FAST)


def test_everyone_arrives_the_day_before_starting():
    start = date(2020, 2, 20)
    trips = plan([passenger(i, f"T{i}", JINING, start) for i in range(1, 7)])
    # 16.5 h to Jining plus up to 3 h of collection: leave on the 18th, arrive on the 19th.
    assert {trip.departure for trip in trips} == {datetime(2020, 2, 18, 7, 0)}
    assert {trip.arrival.date() for trip in trips} == {date(2020, 2, 19)}


def test_different_start_dates_share_the_latest_workable_day():
    passengers = [
        passenger(1, "T1", JINING, date(2020, 2, 20)),
        passenger(2, "T2", JINING, date(2020, 2, 22)),
        passenger(3, "T3", JINING, date(2020, 2, 25)),
    ]
    (trip,) = plan(passengers)
    assert trip.departure.date() == date(2020, 2, 18)


def test_one_or_two_passengers_get_a_car():
    start = date(2020, 2, 25)
    (trip,) = plan([passenger(1, "T1", JINING, start), passenger(2, "T4", JINING, start)])
    assert trip.vehicle == "car"
    assert trip.capacity == 4 and trip.seats == 4
    assert [p.seat for p in trip.passengers] == [1, 2]


def test_a_small_group_rides_along_to_a_near_destination():
    start = date(2020, 2, 25)
    bus = [passenger(i, "T1", GUANGZHOU, start) for i in range(1, 11)]
    guests = [passenger(11, "T3", DONGGUAN, start), passenger(12, "T3", DONGGUAN, start)]
    (trip,) = plan(bus + guests)
    assert trip.vehicle == "bus" and trip.destination_city == "广州"
    assert {p.destination_city for p in trip.passengers if p.referral_id > 10} == {"东莞"}
    assert_promises([trip], bus + guests, FAST)
    alone = plan(bus + guests, replace(FAST, allow_merge=False))
    assert sorted(t.vehicle for t in alone) == ["bus", "car"]


def test_passengers_who_cannot_arrive_in_time_are_left_out_and_named():
    on_time = passenger(1, "T1", JINING, FROM + timedelta(days=9))
    too_soon = passenger(2, "T1", JINING, FROM + timedelta(days=1))
    trips = plan([on_time, too_soon])
    assert [p.referral_id for t in trips for p in t.passengers] == [1]
    late = unreachable_passengers(
        [on_time, too_soon], POINTS, DEPARTURE, DESTINATIONS, FAST, FROM, TO
    )
    assert late == [too_soon]


def test_nothing_to_carry_no_trip():
    assert plan([]) == []
    outside = passenger(1, "T1", JINING, TO + timedelta(days=3))
    assert plan([outside]) == []


def test_bad_input_names_the_field():
    start = FROM + timedelta(days=9)
    with pytest.raises(ValueError, match="township_code 'T9'"):
        plan([passenger(1, "T9", JINING, start)])
    with pytest.raises(ValueError, match="destination_city"):
        plan([replace(passenger(1, "T1", JINING, start), destination_city="拉萨")])
    with pytest.raises(ValueError, match="referral_id 1"):
        plan([passenger(1, "T1", JINING, start), passenger(1, "T2", JINING, start)])
    with pytest.raises(ValueError, match="load_share"):
        PlanRules(load_share=0)


def test_a_township_too_far_to_collect_in_time_is_an_error():
    rules = replace(FAST, max_collection_minutes=10)
    with pytest.raises(ValueError, match="max_collection_minutes"):
        plan([passenger(1, "T4", JINING, FROM + timedelta(days=9))], rules)


def test_the_bureaus_distance_matrix_overrides_the_estimate():
    start = FROM + timedelta(days=9)
    people = [passenger(i, "T1", JINING, start) for i in range(1, 4)]
    (estimated,) = plan(people)
    override = {(DEPARTURE.code, "T1"): 50.0}
    (imported,) = plan_trips(people, POINTS, DEPARTURE, DESTINATIONS, FAST, FROM, TO, override)
    assert imported.stops[0].time - imported.departure == timedelta(minutes=75)
    assert imported.distance_km > estimated.distance_km
