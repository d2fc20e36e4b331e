"""Changes after planning: a late passenger joins without moving anyone; a cancellation
frees its seat."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.transport.planner import (
    PlannedTrip,
    add_late_passenger,
    plan_trips,
    remove_passenger,
)
from tests.matching.transport.world import (
    DEPARTURE,
    DESTINATIONS,
    FAST,
    FROM,
    GUANGZHOU,
    JINING,
    POINTS,
    TO,
    passenger,
)

START = date(2020, 2, 25)


def one_trip(count: int, township: str = "T1") -> PlannedTrip:
    """A single bus to Guangzhou with ``count`` passengers from one township."""
    people = [passenger(i, township, GUANGZHOU, START) for i in range(1, count + 1)]
    (trip,) = plan_trips(people, POINTS, DEPARTURE, DESTINATIONS, FAST, FROM, TO)
    return trip


def add(trip: PlannedTrip, referral_id: int, township: str, start: date = START):
    """Add a late passenger to Guangzhou in the test world."""
    late = passenger(referral_id, township, GUANGZHOU, start)
    return add_late_passenger(trip, late, POINTS, DEPARTURE, DESTINATIONS, FAST)


@settings(max_examples=15, deadline=None)
@given(
    count=st.integers(min_value=3, max_value=21),
    township=st.sampled_from([p.township_code for p in POINTS]),
)
def test_late_passenger_moves_nobody(count: int, township: str):
    trip = one_trip(count)
    changed = add(trip, 100, township)
    if changed is None:
        return
    assert changed.passengers[: len(trip.passengers)] == trip.passengers
    assert len(changed.passengers) == count + 1 <= changed.capacity
    seats = [p.seat for p in changed.passengers]
    assert len(set(seats)) == len(seats)
    before = {stop.township_code: stop for stop in trip.stops}
    for stop in changed.stops:
        if stop.township_code in before:
            assert stop.time >= before[stop.township_code].time
            assert stop.boarding[: len(before[stop.township_code].boarding)] == (
                before[stop.township_code].boarding
            )
    # Arrive by the end of the day before the start date.
    assert changed.arrival <= datetime.combine(START, datetime.min.time())


def test_late_passenger_boards_at_an_existing_stop_or_a_new_one():
    trip = one_trip(5)
    same = add(trip, 100, "T1")
    assert same is not None and [s.township_code for s in same.stops] == ["T1"]
    assert same.stops[0].boarding[-1] == 100
    elsewhere = add(trip, 101, "T2")
    assert elsewhere is not None and {s.township_code for s in elsewhere.stops} == {"T1", "T2"}
    assert elsewhere.distance_km >= trip.distance_km


def test_full_trip_or_wrong_destination_or_too_late_does_not_fit():
    full = one_trip(22)
    assert add(full, 100, "T1") is None
    trip = one_trip(5)
    to_jining = passenger(100, "T1", JINING, START)
    assert add_late_passenger(trip, to_jining, POINTS, DEPARTURE, DESTINATIONS, FAST) is None
    assert add(trip, 101, "T1", start=trip.departure.date() + timedelta(days=1)) is None


def test_the_same_referral_cannot_board_twice():
    trip = one_trip(5)
    with pytest.raises(ValueError, match="already on this trip"):
        add(trip, 1, "T1")


def test_removing_a_passenger_frees_the_seat_and_moves_nobody():
    trip = one_trip(6)
    freed = trip.passengers[2].seat
    smaller = remove_passenger(trip, 3)
    assert smaller is not None
    assert [p.referral_id for p in smaller.passengers] == [1, 2, 4, 5, 6]
    assert [s.time for s in smaller.stops] == [s.time for s in trip.stops]
    again = add(smaller, 100, "T1")
    assert again is not None and again.passengers[-1].seat == freed


def test_a_stop_nobody_boards_at_is_dropped_and_an_empty_trip_vanishes():
    two_stops = add(one_trip(3), 100, "T2")
    assert two_stops is not None
    without = remove_passenger(two_stops, 100)
    assert without is not None and [s.township_code for s in without.stops] == ["T1"]
    trip = one_trip(3)
    for referral_id in (1, 2):
        trip = remove_passenger(trip, referral_id)
    assert remove_passenger(trip, 3) is None
    with pytest.raises(ValueError, match="not on this trip"):
        remove_passenger(trip, 42)
