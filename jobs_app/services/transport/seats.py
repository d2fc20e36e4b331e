"""Freeing seats: a passenger leaves a trip without moving anybody else on it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app.models import Referral, ReferralStatus, Trip, TripPassenger, TripStatus
from jobs_app.services import audit
from jobs_app.services.access import Actor
from jobs_app.services.transport import records
from matching.transport.planner import remove_passenger

OPEN_STATUSES = (TripStatus.planned, TripStatus.confirmed)


def release_ended_placements(session: Session, *, actor: Actor) -> int:
    """Free the seats of placements that ended (left, no-show, …) before their trip left.

    Passengers already checked in keep their record. Returns how many seats were freed.
    """
    stale = session.scalars(
        select(TripPassenger)
        .join(Trip, Trip.id == TripPassenger.trip_id)
        .join(Referral, Referral.id == TripPassenger.referral_id)
        .where(
            TripPassenger.active,
            TripPassenger.boarded.is_(None),
            Trip.status.in_(OPEN_STATUSES),
            Referral.status != ReferralStatus.hired,
        )
    ).all()
    for rider in stale:
        release(session, actor=actor, rider=rider)
    return len(stale)


def release(session: Session, *, actor: Actor, rider: TripPassenger) -> None:
    """Take the rider off the trip; the others keep their stops, times and seats. A trip
    left with nobody is dropped (a draft) or cancelled (a confirmed one)."""
    trip = rider.trip
    changed = remove_passenger(records.planned_trip(trip), rider.referral_id)
    rider.active = False
    audit.record(session, actor=actor, action="release_seat", entity="trip", entity_id=trip.id,
                 detail={"referral_id": rider.referral_id, "seat": rider.seat})  # fmt: skip
    if changed is not None:
        records.apply(session, trip, changed, records.townships_by_code(session))
    elif trip.status == TripStatus.planned:
        session.delete(trip)
    else:
        trip.status = TripStatus.cancelled
    session.flush()
