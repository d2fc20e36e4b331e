"""Trips after planning: read, confirm, cancel, check passengers in, add a late one."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.errors import Conflict, InvalidInput, NotFound
from jobs_app.models import (
    Referral,
    ReferralStatus,
    Role,
    TransportLine,
    Trip,
    TripPassenger,
    TripStatus,
)
from jobs_app.services import audit, referrals
from jobs_app.services.access import Actor, require
from jobs_app.services.paging import Page, paginate
from jobs_app.services.transport import records
from jobs_app.services.transport.destinations import canonical_city, destinations
from jobs_app.services.transport.seats import OPEN_STATUSES
from matching.transport.planner import PlanRules, add_late_passenger
from matching.transport.records import WANZHOU_DEPARTURE

BAD_STATE = "The trip is not in a state that allows this."


def get(session: Session, *, actor: Actor, trip_id: int) -> Trip:
    """One trip with its stops and passengers: the bureau's to see."""
    require(actor, Role.bureau)
    trip = session.get(Trip, trip_id)
    if trip is None:
        raise NotFound()
    return trip


def get_all(
    session: Session,
    *,
    actor: Actor,
    page: int = 1,
    per_page: int = 20,
    status: TripStatus | None = None,
    from_date: date | None = None,
    to_date: date | None = None,
    destination_city: str | None = None,
) -> Page:
    """Trips by departure, filtered by status, departure day and destination."""
    require(actor, Role.bureau)
    statement = select(Trip).order_by(Trip.departure, Trip.id)
    if status:
        statement = statement.where(Trip.status == status)
    if from_date:
        statement = statement.where(Trip.departure >= datetime.combine(from_date, time.min))
    if to_date:
        statement = statement.where(Trip.departure <= datetime.combine(to_date, time.max))
    if destination_city:
        statement = statement.where(Trip.destination_city == canonical_city(destination_city))
    return paginate(session, statement, page=page, per_page=per_page)


def confirm(
    session: Session,
    *,
    actor: Actor,
    trip_id: int,
    escort_name: str | None = None,
    escort_phone: str | None = None,
) -> Trip:
    """Confirm a draft, naming the bureau's escort; a re-plan keeps it from now on."""
    trip = _in_state(session, actor, trip_id, TripStatus.planned)
    trip.status = TripStatus.confirmed
    trip.escort_name = escort_name or trip.escort_name
    trip.escort_phone = escort_phone or trip.escort_phone
    _audit(session, actor, "confirm", trip)
    return trip


def cancel(session: Session, *, actor: Actor, trip_id: int) -> Trip:
    """Cancel a trip that has not left: every seat is freed for the next plan."""
    trip = _in_state(session, actor, trip_id, *OPEN_STATUSES)
    trip.status = TripStatus.cancelled
    for rider in trip.riders:
        rider.active = False
    _audit(session, actor, "cancel", trip)
    return trip


def check_in(
    session: Session, *, actor: Actor, trip_id: int, referral_id: int, boarded: bool
) -> Trip:
    """Mark on the day whether a passenger boarded. One who did not is a no-show: the
    placement ends, its headcount is freed and the worker is seeking again."""
    trip = _in_state(session, actor, trip_id, TripStatus.confirmed, TripStatus.departed)
    rider = next((p for p in trip.riders if p.referral_id == referral_id), None)
    if rider is None:
        raise NotFound("The worker is not a passenger of this trip.")
    if rider.boarded is not None:
        raise Conflict("The passenger has already been checked in.")
    rider.boarded, rider.no_show, rider.checked_at = boarded, not boarded, clock.now()
    session.flush()
    if not boarded:
        referrals.no_show(session, actor=actor, referral_id=referral_id,
                          reason=f"未按时乘车（车次 {trip.id}）")  # fmt: skip
    _audit(session, actor, "check_in", trip, referral_id=referral_id, boarded=boarded)
    return session.get(Trip, trip_id)


def add_late(
    session: Session, *, actor: Actor, trip_id: int, referral_id: int, rules: PlanRules
) -> Trip:
    """Seat a placement hired after planning on an open trip, moving nobody already on it."""
    trip = _in_state(session, actor, trip_id, *OPEN_STATUSES)
    referral = _needing_transport(session, referral_id)
    townships = records.townships_by_code(session)
    lines = session.scalars(select(TransportLine).where(TransportLine.active)).all()
    try:
        changed = add_late_passenger(
            records.planned_trip(trip), records.passenger(referral),
            records.collection_points(townships.values()), WANZHOU_DEPARTURE,
            destinations(lines), rules,
        )  # fmt: skip
    except ValueError:
        changed = None
    if changed is None:
        raise Conflict("The passenger does not fit on this trip.")
    rider = next(p for p in changed.passengers if p.referral_id == referral_id)
    trip.passengers.append(records.seat(rider, townships, referral))
    records.apply(session, trip, changed, townships)
    _audit(session, actor, "add_late", trip, referral_id=referral_id, seat=rider.seat)
    return trip


def _needing_transport(session: Session, referral_id: int) -> Referral:
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise InvalidInput.field("referral_id", "Unknown referral.")
    if referral.status != ReferralStatus.hired or referral.opening.township_id is not None:
        raise InvalidInput.field("referral_id", "The placement does not need transport.")
    seated = select(TripPassenger.id).where(
        TripPassenger.referral_id == referral_id, TripPassenger.active
    )
    if session.scalar(seated) is not None:
        raise Conflict("The worker already has a seat on a trip.")
    return referral


def _in_state(session: Session, actor: Actor, trip_id: int, *states: TripStatus) -> Trip:
    trip = get(session, actor=actor, trip_id=trip_id)
    if trip.status not in states:
        raise Conflict(BAD_STATE)
    return trip


def _audit(session: Session, actor: Actor, action: str, trip: Trip, **detail) -> None:
    audit.record(session, actor=actor, action=action, entity="trip", entity_id=trip.id,
                 detail={"status": trip.status.value, **detail})  # fmt: skip
