"""The trip planner: who rides which vehicle, where it collects them, when, and in which seat.

``plan_trips`` groups passengers by destination and departure day (see ``schedule``), then
routes each group with PyVRP (see ``routing``). ``add_late_passenger`` and
``remove_passenger`` change a planned trip without moving anybody already on it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime

from matching.transport.network import RoadNetwork
from matching.transport.records import (
    CollectionPoint,
    DeparturePoint,
    Destination,
    Passenger,
    PlannedPassenger,
    PlannedStop,
    PlannedTrip,
    PlanRules,
)
from matching.transport.routing import (
    collection_fits,
    plan_group,
    seat_plan,
    timed_stops,
    tour_km,
)
from matching.transport.schedule import departure_groups, settle_small_groups

__all__ = [
    "CollectionPoint",
    "DeparturePoint",
    "Destination",
    "Passenger",
    "PlanRules",
    "PlannedPassenger",
    "PlannedStop",
    "PlannedTrip",
    "add_late_passenger",
    "plan_trips",
    "remove_passenger",
    "unreachable_passengers",
]

RoadKm = Mapping[tuple[str, str], float]


def _in_window(
    network: RoadNetwork, passengers: Iterable[Passenger], from_date: date, to_date: date
) -> list[Passenger]:
    """Check every passenger's township and destination; keep those starting in the window."""
    if from_date > to_date:
        raise ValueError("from_date must not be after to_date")
    chosen = []
    for passenger in passengers:
        network.township(passenger.township_code)
        network.destination_of(passenger)
        if from_date <= passenger.start_date <= to_date:
            chosen.append(passenger)
    repeated = [rid for rid, n in Counter(p.referral_id for p in chosen).items() if n > 1]
    if repeated:
        raise ValueError(f"referral_id {repeated[0]} is listed more than once")
    return chosen


def plan_trips(
    passengers: Iterable[Passenger],
    points: Iterable[CollectionPoint],
    departure_point: DeparturePoint,
    destinations: Iterable[Destination],
    rules: PlanRules,
    from_date: date,
    to_date: date,
    road_km_override: RoadKm | None = None,
) -> list[PlannedTrip]:
    """Plan the trips for passengers whose jobs start from ``from_date`` to ``to_date``.

    No trip leaves before ``from_date``. Passengers who cannot arrive in time whatever day
    they leave are left out; :func:`unreachable_passengers` names them.
    """
    network = RoadNetwork(departure_point, points, destinations, rules, road_km_override)
    chosen = _in_window(network, passengers, from_date, to_date)
    groups, _ = departure_groups(network, chosen, from_date)
    trips = []
    for group in settle_small_groups(network, groups, from_date):
        trips.extend(plan_group(network, group))
    return trips


def unreachable_passengers(
    passengers: Iterable[Passenger],
    points: Iterable[CollectionPoint],
    departure_point: DeparturePoint,
    destinations: Iterable[Destination],
    rules: PlanRules,
    from_date: date,
    to_date: date,
    road_km_override: RoadKm | None = None,
) -> list[Passenger]:
    """Passengers in the window who cannot reach their job in time even leaving on
    ``from_date``: :func:`plan_trips` leaves them out."""
    network = RoadNetwork(departure_point, points, destinations, rules, road_km_override)
    chosen = _in_window(network, passengers, from_date, to_date)
    return departure_groups(network, chosen, from_date)[1]


def _free_seat(trip: PlannedTrip) -> int | None:
    """The first seat of the trip's seat plan nobody holds."""
    taken = {p.seat for p in trip.passengers}
    return next((s for s in seat_plan(trip.seats, trip.capacity) if s not in taken), None)


def _stop_options(trip: PlannedTrip, passenger: Passenger) -> list[list[tuple[str, list[int]]]]:
    """Stop lists with the passenger added: at the existing stop, or a new stop anywhere."""
    stops = [(s.township_code, list(s.boarding)) for s in trip.stops]
    for stop in stops:
        if stop[0] == passenger.township_code:
            stop[1].append(passenger.referral_id)
            return [stops]
    new_stop = (passenger.township_code, [passenger.referral_id])
    return [[*stops[:i], new_stop, *stops[i:]] for i in range(len(stops) + 1)]


def _with_stops(
    network: RoadNetwork,
    trip: PlannedTrip,
    stops: list[tuple[str, list[int]]],
    rider: PlannedPassenger,
) -> tuple[PlannedTrip, datetime]:
    """The trip with the new stop list and rider; and when its collection ends.

    No stop moves earlier than planned: the vehicle waits instead.
    """
    planned = {s.township_code: s.time for s in trip.stops}
    timed, collected = timed_stops(network, trip.departure, stops, not_before=planned)
    destination = network.destination(trip.destination_city, trip.destination_province)
    end = network.place_of(destination)
    changed = replace(
        trip,
        stops=timed,
        passengers=[*trip.passengers, rider],
        distance_km=round(tour_km(network, [code for code, _ in stops], end), 1),
        arrival=collected + network.long_haul(trip.travel_hours),
    )
    return changed, collected


def _fits(network: RoadNetwork, trip: PlannedTrip, collected: datetime) -> bool:
    """Collection within the time limit, and everyone on board arriving in time."""
    if not collection_fits(network, trip.departure, collected):
        return False
    return all(trip.arrival <= network.deadline(p.start_date) for p in trip.passengers)


def _rides_to(trip: PlannedTrip, passenger: Passenger) -> bool:
    """Whether the trip goes where the passenger is going."""
    if passenger.destination_province != trip.destination_province:
        return False
    cities = {trip.destination_city, *(p.destination_city for p in trip.passengers)}
    return passenger.destination_city in cities


def add_late_passenger(
    trip: PlannedTrip,
    passenger: Passenger,
    points: Iterable[CollectionPoint],
    departure_point: DeparturePoint,
    destinations: Iterable[Destination],
    rules: PlanRules,
    road_km_override: RoadKm | None = None,
) -> PlannedTrip | None:
    """The trip with a late passenger in a free seat, or None if it does not fit.

    Everybody already on the trip keeps their stop, order and seat, and no stop is moved
    earlier. The passenger boards at their township's stop, or at a new stop put where it
    adds the fewest km. It does not fit when the trip goes elsewhere, is full, or the
    change would break the collection-time limit or make anyone (the newcomer included)
    arrive late.
    """
    if any(p.referral_id == passenger.referral_id for p in trip.passengers):
        raise ValueError(f"referral_id {passenger.referral_id} is already on this trip")
    network = RoadNetwork(departure_point, points, destinations, rules, road_km_override)
    network.township(passenger.township_code)
    seat = _free_seat(trip)
    if seat is None or not _rides_to(trip, passenger):
        return None
    rider = PlannedPassenger(
        passenger.referral_id,
        passenger.worker_id,
        passenger.township_code,
        seat,
        passenger.destination_city,
        passenger.start_date,
    )
    options = [_with_stops(network, trip, stops, rider) for stops in _stop_options(trip, passenger)]
    fitting = [changed for changed, collected in options if _fits(network, changed, collected)]
    return min(fitting, key=lambda t: t.distance_km, default=None)


def remove_passenger(trip: PlannedTrip, referral_id: int) -> PlannedTrip | None:
    """The trip without the passenger, their seat free; None when nobody is left to carry.

    Nobody else moves: stop times, the distance and the arrival stay as planned; a stop
    where nobody boards any more is dropped (the vehicle may pass it by).
    """
    if all(p.referral_id != referral_id for p in trip.passengers):
        raise ValueError(f"referral_id {referral_id} is not on this trip")
    riders = [p for p in trip.passengers if p.referral_id != referral_id]
    if not riders:
        return None
    stops = [
        replace(stop, boarding=[r for r in stop.boarding if r != referral_id])
        for stop in trip.stops
    ]
    return replace(trip, passengers=riders, stops=[s for s in stops if s.boarding])
