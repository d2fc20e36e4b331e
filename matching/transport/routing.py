"""Route one trip group with PyVRP: fewest vehicles, then the shortest collection tours.

Model: every passenger is a client of demand 1 at the township's collection point, so a
township with more passengers than a bus may carry is split over buses (split demand), and
a fleet of ceil(n ÷ allowed load) vehicles always has room. Vehicles start at the departure
point and END AT THE DESTINATION: the last leg from the final stop "out toward the
destination" is costed by its road distance, so tours finish at townships that lie on the
way. That leg takes no time in the model: the collection-time limit (PyVRP's shift
duration) covers driving between stops plus boarding, and the long-haul hours are added
afterwards. When the time limit makes the minimum fleet infeasible, one more vehicle is
added until the plan fits.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import groupby, pairwise

import numpy as np
from pyvrp.stop import StoppingCriterion

from matching.transport.network import Place, RoadNetwork
from matching.transport.records import (
    Passenger,
    PlannedPassenger,
    PlannedStop,
    PlannedTrip,
    PlanRules,
)
from matching.transport.schedule import TripGroup
from matching.transport.solver import RoutingProblem, SolvedRoutes, solve_routes, stopping_rule


def seat_plan(seats: int, capacity: int) -> list[int]:
    """Seat numbers a trip fills, spread evenly over the vehicle (45 seats, 22 → 1, 3, 5…)."""
    return [1 + (i * seats) // capacity for i in range(capacity)]


def timed_stops(
    network: RoadNetwork,
    departure: datetime,
    stops: list[tuple[str, list[int]]],
    not_before: dict[str, datetime] | None = None,
) -> tuple[list[PlannedStop], datetime]:
    """Arrival time at each stop, and when boarding at the last stop ends.

    A stop listed in ``not_before`` is never reached earlier than that: the vehicle waits.
    """
    clock, here, timed = departure, network.departure, []
    for code, boarding in stops:
        there = network.township(code)
        clock += timedelta(seconds=network.drive_seconds(here, there))
        clock = max(clock, (not_before or {}).get(code, clock))
        timed.append(PlannedStop(code, clock, list(boarding)))
        clock += timedelta(seconds=network.boarding_seconds(len(boarding)))
        here = there
    return timed, clock


def tour_km(network: RoadNetwork, codes: list[str], end: Place) -> float:
    """Road km from the departure point through the stops to ``end``."""
    places = [network.departure, *(network.township(code) for code in codes), end]
    return sum(network.km(a, b) for a, b in pairwise(places))


def collection_fits(network: RoadNetwork, departure: datetime, end: datetime) -> bool:
    """Whether collection ends within the maximum collection time."""
    return end - departure <= timedelta(minutes=network.rules.max_collection_minutes)


def _places(network: RoadNetwork, group: TripGroup) -> tuple[list[Place], dict[str, int]]:
    """Departure point, the group's collection points, destination; and township indices."""
    codes = sorted({p.township_code for p in group.passengers})
    places = [network.departure, *(network.township(c) for c in codes)]
    places.append(network.place_of(group.destination))
    return places, {code: i + 1 for i, code in enumerate(codes)}


def _matrices(network: RoadNetwork, places: list[Place]) -> tuple[np.ndarray, np.ndarray]:
    """Distances in units of 100 m and seconds between places; driving into the destination
    takes no time. (The 100 m unit keeps a vehicle's long haul, ~18,000 units to Shanghai,
    below PyVRP's largest penalty for an overloaded seat, so overloading never pays.)"""
    size = len(places)
    hectometres = np.zeros((size, size), dtype=np.int64)
    seconds = np.zeros((size, size), dtype=np.int64)
    for i, a in enumerate(places):
        for j, b in enumerate(places):
            hectometres[i, j] = round(network.km(a, b) * 10)
            seconds[i, j] = 0 if j == size - 1 else network.drive_seconds(a, b)
    return hectometres, seconds


def _check_reachable(network: RoadNetwork, group: TripGroup, capacity: int) -> None:
    """ValueError for a township a vehicle cannot collect alone within the time limit."""
    for code in sorted({p.township_code for p in group.passengers}):
        count = min(capacity, sum(p.township_code == code for p in group.passengers))
        seconds = network.drive_seconds(network.departure, network.township(code))
        seconds += network.boarding_seconds(count)
        if seconds > network.rules.max_collection_minutes * 60:
            raise ValueError(
                f"township_code {code!r}: collecting there takes {seconds // 60} minutes, "
                f"over max_collection_minutes={network.rules.max_collection_minutes}"
            )


def _solve(network: RoadNetwork, group: TripGroup, riders: list[Passenger]) -> SolvedRoutes:
    """The fewest vehicles that fit the time limit, with the shortest tours PyVRP finds."""
    rules = network.rules
    capacity = rules.allowed_load(group.vehicle)
    places, index = _places(network, group)
    hectometres, seconds = _matrices(network, places)
    problem = RoutingProblem(
        distances=hectometres,
        durations=seconds,
        client_locations=[index[p.township_code] for p in riders],
        demands=[1] * len(riders),
        capacity=capacity,
        num_vehicles=math.ceil(len(riders) / capacity),
        end=len(places) - 1,
        service_seconds=[network.boarding_seconds(1)] * len(riders),
        shift_seconds=rules.max_collection_minutes * 60,
    )
    # A short search first tells whether the minimum fleet fits the time limit; if it does,
    # the full search (same seed, so the same path, only longer) shortens the tours.
    quick = stopping_rule(rules.solver_seconds, max(1, rules.solver_no_improvement // 5))
    solved = solve_routes(problem, quick, seed=rules.seed)
    if solved.feasible and len(solved.routes) == 1:
        return solved
    if solved.feasible:
        return solve_routes(problem, _stop(rules), seed=rules.seed)
    # The time limit binds: offer a vehicle per rider. Each vehicle used drives the long
    # haul to the destination, so PyVRP uses as few as fit and then shortens the tours.
    problem = replace(problem, num_vehicles=len(riders))
    return solve_routes(problem, _stop(rules), seed=rules.seed)


def _stop(rules: PlanRules) -> StoppingCriterion:
    """The planner's stopping rule for one group."""
    return stopping_rule(rules.solver_seconds, rules.solver_no_improvement)


def boarding_order(riders: list[Passenger]) -> list[Passenger]:
    """Riders in route order, those boarding at one stop by referral id."""
    runs = groupby(riders, key=lambda p: p.township_code)
    return [p for _, run in runs for p in sorted(run, key=lambda p: p.referral_id)]


def _stops_in_order(riders: list[Passenger]) -> list[tuple[str, list[int]]]:
    """Consecutive riders from one township make one stop."""
    stops: list[tuple[str, list[int]]] = []
    for rider in riders:
        if stops and stops[-1][0] == rider.township_code:
            stops[-1][1].append(rider.referral_id)
        else:
            stops.append((rider.township_code, [rider.referral_id]))
    return stops


def build_trip(network: RoadNetwork, group: TripGroup, riders: list[Passenger]) -> PlannedTrip:
    """A planned trip for riders already in boarding order."""
    rules = network.rules
    departure = datetime.combine(group.departure_date, rules.departure_time)
    stops, collected = timed_stops(network, departure, _stops_in_order(riders))
    seats = seat_plan(rules.seats(group.vehicle), rules.allowed_load(group.vehicle))
    destination = network.place_of(group.destination)
    return PlannedTrip(
        destination_city=group.destination.city,
        destination_province=group.destination.province,
        departure=departure,
        vehicle=group.vehicle,
        seats=rules.seats(group.vehicle),
        capacity=rules.allowed_load(group.vehicle),
        stops=stops,
        passengers=[
            PlannedPassenger(
                p.referral_id, p.worker_id, p.township_code, seat, p.destination_city, p.start_date
            )
            for p, seat in zip(riders, seats, strict=False)
        ],
        distance_km=round(tour_km(network, [s.township_code for s in stops], destination), 1),
        travel_hours=group.travel_hours,
        arrival=collected + network.long_haul(group.travel_hours),
    )


def plan_group(network: RoadNetwork, group: TripGroup) -> list[PlannedTrip]:
    """Route one group: the vehicles it needs, their stops, times and seats."""
    _check_reachable(network, group, network.rules.allowed_load(group.vehicle))
    riders = sorted(group.passengers, key=lambda p: (p.township_code, p.referral_id))
    solved = _solve(network, group, riders)
    if not solved.feasible:
        raise ValueError("no plan keeps every vehicle within max_collection_minutes")
    routes = [boarding_order([riders[c] for c in route.clients]) for route in solved.routes]
    return [build_trip(network, group, route) for route in routes]
