"""Plain records the trip planner reads and writes: no ORM, no Flask."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

from matching.geo import DEFAULT_CIRCUITY

Vehicle = Literal["bus", "car"]


@dataclass(frozen=True)
class Passenger:
    """A hired worker who needs a ride to a far-away job starting on ``start_date``."""

    referral_id: int
    worker_id: int
    township_code: str
    destination_city: str
    destination_province: str
    start_date: date


@dataclass(frozen=True)
class CollectionPoint:
    """Where a township's passengers board (集合点): usually the township centre."""

    township_code: str
    lat: float
    lon: float


@dataclass(frozen=True)
class DeparturePoint:
    """Where every bus sets out from: the district's bus station."""

    lat: float
    lon: float
    code: str = "departure"


# Wanzhou's long-distance bus station, approximately.
WANZHOU_DEPARTURE = DeparturePoint(lat=30.81, lon=108.41, code="wanzhou")


@dataclass(frozen=True)
class Destination:
    """A job city; ``travel_hours`` is the coach time from the district, estimated if None."""

    city: str
    province: str
    lat: float
    lon: float
    travel_hours: float | None = None


@dataclass(frozen=True)
class PlanRules:
    """The bureau's configurable rules for planning trips.

    ``load_share`` is the share of seats that may be filled: 0.5 under the transport ministry's
    notice of 11 Feb 2020, so a 45-seat coach carries 22. ``max_days_early`` bounds how many
    days before the latest workable departure a passenger may be asked to travel, which lets
    passengers with different start dates share a trip. ``merge_within_km`` is how close
    (road km) another destination must be for a 1–2 passenger group to ride along with it.
    """

    vehicle_seats: int = 45
    load_share: float = 0.5
    max_collection_minutes: int = 180
    average_speed_kmh: float = 40.0
    circuity: float = DEFAULT_CIRCUITY
    departure_time: time = time(7, 0)
    arrive_days_before_start: int = 1
    min_bus_passengers: int = 3
    car_seats: int = 4
    car_load_share: float = 1.0
    boarding_minutes_per_passenger: float = 1.0
    highway_speed_kmh: float = 60.0
    max_days_early: int = 6
    allow_merge: bool = True
    merge_within_km: float = 150.0
    solver_seconds: float = 2.0
    solver_no_improvement: int = 500
    seed: int = 1

    def __post_init__(self) -> None:
        """Reject rules that cannot plan anything, naming the field."""
        checks = {
            "vehicle_seats": self.vehicle_seats >= 1,
            "load_share": 0 < self.load_share <= 1,
            "car_seats": self.car_seats >= 1,
            "car_load_share": 0 < self.car_load_share <= 1,
            "max_collection_minutes": self.max_collection_minutes > 0,
            "average_speed_kmh": self.average_speed_kmh > 0,
            "highway_speed_kmh": self.highway_speed_kmh > 0,
            "circuity": self.circuity >= 1,
            "arrive_days_before_start": self.arrive_days_before_start >= 0,
            "min_bus_passengers": self.min_bus_passengers >= 1,
            "boarding_minutes_per_passenger": self.boarding_minutes_per_passenger >= 0,
            "max_days_early": self.max_days_early >= 0,
            "merge_within_km": self.merge_within_km >= 0,
            "solver_seconds": self.solver_seconds > 0,
        }
        for name, ok in checks.items():
            if not ok:
                raise ValueError(f"PlanRules.{name} has an impossible value")
        for vehicle in ("bus", "car"):
            if self.allowed_load(vehicle) < 1:
                raise ValueError(f"PlanRules: a {vehicle} may carry nobody under its load share")

    def seats(self, vehicle: Vehicle) -> int:
        """Seats of the vehicle kind."""
        return self.vehicle_seats if vehicle == "bus" else self.car_seats

    def allowed_load(self, vehicle: Vehicle) -> int:
        """Passengers the vehicle may carry: floor(seats × share), e.g. 45 × 0.5 → 22."""
        share = self.load_share if vehicle == "bus" else self.car_load_share
        return math.floor(self.seats(vehicle) * share + 1e-9)


@dataclass(frozen=True)
class PlannedStop:
    """A collection stop: when the vehicle arrives and who boards there."""

    township_code: str
    time: datetime
    boarding: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class PlannedPassenger:
    """A passenger's place on a trip; ``destination_city`` differs when riding along."""

    referral_id: int
    worker_id: int
    township_code: str
    seat: int
    destination_city: str
    start_date: date


@dataclass(frozen=True)
class PlannedTrip:
    """One vehicle's departure: its stops in order, its passengers and its seats.

    ``capacity`` is the allowed load (passengers it may carry), ``seats`` the vehicle's seats.
    ``travel_hours`` is the long-haul time from the last stop to the destination, and
    ``distance_km`` runs from the departure point through the stops to the destination.
    """

    destination_city: str
    destination_province: str
    departure: datetime
    vehicle: Vehicle
    seats: int
    capacity: int
    stops: list[PlannedStop]
    passengers: list[PlannedPassenger]
    distance_km: float
    travel_hours: float
    arrival: datetime
