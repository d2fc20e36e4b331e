"""Departure dates: group passengers by destination and the day they must leave.

Each passenger has a window of departure days: the latest day that still gets the trip to
the destination by the end of the day ``arrive_days_before_start`` days before the start
date (counting the full collection time and the long-haul hours), back to ``max_days_early``
days before that, and never before the planning window opens. Passengers of one destination
are grouped by stabbing these windows with as few days as possible, each day being the
latest one that still suits everybody on it. A group too small for a bus rides along with a
group bound for a near destination when the rules allow and a bus has room; otherwise it
gets a car.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from matching.transport.network import RoadNetwork
from matching.transport.records import Destination, Passenger, Vehicle


@dataclass(frozen=True)
class TripGroup:
    """Passengers who leave together for one destination on one day."""

    destination: Destination
    departure_date: date
    passengers: list[Passenger]
    travel_hours: float
    vehicle: Vehicle = "bus"


@dataclass(frozen=True)
class _Window:
    """The days a passenger may leave on."""

    passenger: Passenger
    earliest: date
    latest: date


def latest_departure(network: RoadNetwork, start_date: date, travel_hours: float) -> date:
    """The last day a trip may leave and still arrive in time for ``start_date``."""
    rules = network.rules
    clock = datetime.combine(date.min, rules.departure_time) - datetime.min
    lead = timedelta(minutes=rules.max_collection_minutes) + network.long_haul(travel_hours)
    return (network.deadline(start_date) - lead - clock).date()


def departure_window(
    network: RoadNetwork, passenger: Passenger, travel_hours: float, from_date: date
) -> tuple[date, date] | None:
    """(earliest, latest) departure day for the passenger, or None if no day works."""
    latest = latest_departure(network, passenger.start_date, travel_hours)
    if latest < from_date:
        return None
    earliest = max(from_date, latest - timedelta(days=network.rules.max_days_early))
    return earliest, latest


def _stab(windows: list[_Window]) -> list[tuple[date, list[Passenger]]]:
    """Cover the windows with the fewest days, each day as late as its group allows."""
    remaining = sorted(windows, key=lambda w: (w.latest, w.earliest, w.passenger.referral_id))
    days = []
    while remaining:
        day = remaining[0].latest
        days.append((day, [w.passenger for w in remaining if w.earliest <= day]))
        remaining = [w for w in remaining if w.earliest > day]
    return days


def _windows_by_destination(
    network: RoadNetwork, passengers: list[Passenger], from_date: date
) -> tuple[dict[Destination, list[_Window]], list[Passenger]]:
    """Each passenger's window, by destination; and the passengers no day can serve."""
    windows: dict[Destination, list[_Window]] = defaultdict(list)
    unreachable = []
    for passenger in passengers:
        destination = network.destination_of(passenger)
        hours = network.travel_hours(destination)
        window = departure_window(network, passenger, hours, from_date)
        if window is None:
            unreachable.append(passenger)
        else:
            windows[destination].append(_Window(passenger, *window))
    return windows, unreachable


def departure_groups(
    network: RoadNetwork, passengers: list[Passenger], from_date: date
) -> tuple[list[TripGroup], list[Passenger]]:
    """Group passengers by destination and departure day; return the groups and the
    passengers who cannot arrive in time whatever day they leave."""
    windows, unreachable = _windows_by_destination(network, passengers, from_date)
    groups = []
    for destination, destination_windows in windows.items():
        hours = network.travel_hours(destination)
        for day, members in _stab(destination_windows):
            groups.append(TripGroup(destination, day, members, hours))
    return sorted(groups, key=_group_key), unreachable


def _group_key(group: TripGroup) -> tuple[date, str, str]:
    """Stable order: by day, then destination."""
    return group.departure_date, group.destination.province, group.destination.city


def _spare_seats(network: RoadNetwork, group: TripGroup) -> int:
    """Empty places on the fewest buses that carry the group."""
    load = network.rules.allowed_load("bus")
    return math.ceil(len(group.passengers) / load) * load - len(group.passengers)


def _joint_hours(network: RoadNetwork, host: TripGroup, guest: TripGroup) -> float:
    """Long-haul hours for a bus calling at both destinations, worst order."""
    between = network.km(network.place_of(host.destination), network.place_of(guest.destination))
    return max(host.travel_hours, guest.travel_hours) + between / network.rules.highway_speed_kmh


def _can_host(network: RoadNetwork, host: TripGroup, guest: TripGroup, from_date: date) -> bool:
    """Whether the guest group may ride on the host's buses without anyone arriving late."""
    if _spare_seats(network, host) < len(guest.passengers):
        return False
    hours = _joint_hours(network, host, guest)
    for passenger in host.passengers + guest.passengers:
        window = departure_window(network, passenger, hours, from_date)
        if window is None or not window[0] <= host.departure_date <= window[1]:
            return False
    return True


def _host_for(
    network: RoadNetwork, guest: TripGroup, hosts: list[TripGroup], from_date: date
) -> int | None:
    """Index of the nearest bus group that can take the guest group along, if any."""
    guest_place = network.place_of(guest.destination)
    candidates = []
    for index, host in enumerate(hosts):
        km = network.km(network.place_of(host.destination), guest_place)
        if km <= network.rules.merge_within_km and _can_host(network, host, guest, from_date):
            candidates.append((km, index))
    return min(candidates)[1] if candidates else None


def settle_small_groups(
    network: RoadNetwork, groups: list[TripGroup], from_date: date
) -> list[TripGroup]:
    """Groups below ``min_bus_passengers`` join a near destination's bus, or get a car."""
    rules = network.rules
    hosts = [g for g in groups if len(g.passengers) >= rules.min_bus_passengers]
    cars = []
    for guest in (g for g in groups if len(g.passengers) < rules.min_bus_passengers):
        index = _host_for(network, guest, hosts, from_date) if rules.allow_merge else None
        if index is None:
            cars.append(replace(guest, vehicle="car"))
            continue
        host = hosts[index]
        hosts[index] = replace(
            host,
            passengers=host.passengers + guest.passengers,
            travel_hours=_joint_hours(network, host, guest),
        )
    return sorted(hosts + cars, key=_group_key)
