"""Between the tables and the planner's plain records: trips in, trips out."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app.models import (
    Referral,
    Township,
    TransportLine,
    Trip,
    TripPassenger,
    TripStatus,
    TripStop,
    VehicleKind,
)
from matching.transport.planner import (
    CollectionPoint,
    Passenger,
    PlannedPassenger,
    PlannedStop,
    PlannedTrip,
)


def passenger(referral: Referral) -> Passenger:
    """A hired far placement as the planner sees it; the job's start date is the hire date."""
    return Passenger(
        referral_id=referral.id,
        worker_id=referral.worker_id,
        township_code=referral.worker.township.code,
        destination_city=referral.opening.city,
        destination_province=referral.opening.province,
        start_date=referral.hired_on,
    )


def townships_by_code(session: Session) -> dict[str, Township]:
    return {t.code: t for t in session.scalars(select(Township))}


def collection_points(townships: Iterable[Township]) -> list[CollectionPoint]:
    """Every township centre with coordinates is a collection point (集合点)."""
    return [
        CollectionPoint(t.code, t.lat, t.lon)
        for t in townships
        if t.lat is not None and t.lon is not None
    ]


def planned_trip(trip: Trip) -> PlannedTrip:
    """A stored trip as the planner's record, its riders only."""
    riders = trip.riders
    stops = [
        PlannedStop(stop.township.code, stop.planned_time,
                    [p.referral_id for p in riders if p.stop_township_id == stop.township_id])
        for stop in trip.stops
    ]  # fmt: skip
    return PlannedTrip(
        destination_city=trip.destination_city,
        destination_province=trip.destination_province,
        departure=trip.departure,
        vehicle=trip.vehicle.value,
        seats=trip.seats,
        capacity=trip.capacity,
        stops=stops,
        passengers=[
            PlannedPassenger(
                p.referral_id,
                p.referral.worker_id,
                p.stop_township.code,
                p.seat,
                p.referral.opening.city,
                p.start_date,
            )
            for p in riders
        ],
        distance_km=trip.distance_km,
        travel_hours=trip.travel_hours,
        arrival=trip.arrival,
    )


def new_trip(
    planned: PlannedTrip,
    townships: dict[str, Township],
    referrals: dict[int, Referral],
    line: TransportLine | None,
) -> Trip:
    """A draft trip (status planned) from the planner's record."""
    trip = Trip(
        line=line,
        destination_city=planned.destination_city,
        destination_province=planned.destination_province,
        departure=planned.departure,
        arrival=planned.arrival,
        vehicle=VehicleKind(planned.vehicle),
        seats=planned.seats,
        capacity=planned.capacity,
        travel_hours=planned.travel_hours,
        distance_km=planned.distance_km,
        status=TripStatus.planned,
    )
    trip.stops = stops(planned, townships)
    trip.passengers = [seat(rider, townships, referrals[rider.referral_id]) for rider in
                       planned.passengers]  # fmt: skip
    return trip


def stops(planned: PlannedTrip, townships: dict[str, Township]) -> list[TripStop]:
    return [
        TripStop(position=n, township=townships[stop.township_code], planned_time=stop.time)
        for n, stop in enumerate(planned.stops, start=1)
    ]


def seat(rider: PlannedPassenger, townships: dict[str, Township], referral: Referral):
    return TripPassenger(
        referral=referral,
        stop_township=townships[rider.township_code],
        seat=rider.seat,
        start_date=rider.start_date,
        active=True,
    )


def apply(session: Session, trip: Trip, planned: PlannedTrip, townships: dict[str, Township]):
    """Bring a stored trip's stops, distance and arrival in line with a changed plan.

    Old stops go first (flushed), so the new ones may take the same positions.
    """
    trip.stops.clear()
    session.flush()
    trip.stops = stops(planned, townships)
    trip.distance_km = planned.distance_km
    trip.arrival = planned.arrival
