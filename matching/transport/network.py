"""Road distances and times between the departure point, collection points and destinations."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from matching.geo import road_km
from matching.transport.records import (
    CollectionPoint,
    DeparturePoint,
    Destination,
    Passenger,
    PlanRules,
)


@dataclass(frozen=True)
class Place:
    """Anything a vehicle drives to, known by a code: township, departure point or city."""

    code: str
    lat: float
    lon: float


class RoadNetwork:
    """Road km between places: the bureau's imported matrix where it has the pair, else
    great-circle km times the circuity factor. Destinations are known by their city name."""

    def __init__(
        self,
        departure: DeparturePoint,
        points: Iterable[CollectionPoint],
        destinations: Iterable[Destination],
        rules: PlanRules,
        road_km_override: Mapping[tuple[str, str], float] | None = None,
    ) -> None:
        self.departure = Place(departure.code, departure.lat, departure.lon)
        self.rules = rules
        self.townships = {p.township_code: Place(p.township_code, p.lat, p.lon) for p in points}
        self.destinations = {(d.city, d.province): d for d in destinations}
        self._override = dict(road_km_override or {})

    def township(self, code: str) -> Place:
        """The collection point of a township; ValueError when there is none."""
        if code not in self.townships:
            raise ValueError(f"township_code {code!r} has no collection point")
        return self.townships[code]

    def destination(self, city: str, province: str) -> Destination:
        """The destination record; ValueError when it is unknown."""
        if (city, province) not in self.destinations:
            raise ValueError(f"destination_city {city!r} ({province}) is not a known destination")
        return self.destinations[(city, province)]

    def destination_of(self, passenger: Passenger) -> Destination:
        """Where the passenger is going."""
        return self.destination(passenger.destination_city, passenger.destination_province)

    @staticmethod
    def place_of(destination: Destination) -> Place:
        """A destination as a place."""
        return Place(destination.city, destination.lat, destination.lon)

    def km(self, a: Place, b: Place) -> float:
        """Road km from a to b."""
        if a.code == b.code:
            return 0.0
        for key in ((a.code, b.code), (b.code, a.code)):
            if key in self._override:
                return float(self._override[key])
        return road_km(a.lat, a.lon, b.lat, b.lon, self.rules.circuity)

    def drive_seconds(self, a: Place, b: Place) -> int:
        """Seconds to drive from a to b at the collection speed."""
        return round(self.km(a, b) / self.rules.average_speed_kmh * 3600)

    def boarding_seconds(self, passengers: int) -> int:
        """Seconds spent at a stop while ``passengers`` board (health form checked)."""
        return round(passengers * self.rules.boarding_minutes_per_passenger * 60)

    def travel_hours(self, destination: Destination) -> float:
        """Coach hours from the district to the destination: given, or km ÷ highway speed."""
        if destination.travel_hours is not None:
            return destination.travel_hours
        km = self.km(self.departure, self.place_of(destination))
        return km / self.rules.highway_speed_kmh

    @staticmethod
    def long_haul(hours: float) -> timedelta:
        """The long-haul drive as a duration, rounded up to the minute."""
        return timedelta(minutes=math.ceil(hours * 60 - 1e-9))

    def deadline(self, start_date: date) -> datetime:
        """The latest arrival for a job starting on ``start_date``: the end of the day that is
        ``arrive_days_before_start`` days before it."""
        last_day = start_date - timedelta(days=self.rules.arrive_days_before_start)
        return datetime.combine(last_day + timedelta(days=1), datetime.min.time())
