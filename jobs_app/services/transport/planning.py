"""Planning trips for hired far placements: drafts replaced on every re-plan.

A re-plan of a window replaces the drafts (status ``planned``) of its destinations whose
passengers all start within the window; confirmed trips are kept, and nobody already holding
a seat on a kept trip is planned again. Seats of placements that ended meanwhile are freed
first, so a freed seat never travels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.errors import Conflict, InvalidInput
from jobs_app.models import (
    Opening,
    Referral,
    ReferralStatus,
    Role,
    TransportLine,
    Trip,
    TripPassenger,
    TripStatus,
)
from jobs_app.services import audit
from jobs_app.services.access import Actor, require
from jobs_app.services.transport import records
from jobs_app.services.transport.destinations import canonical_city, destinations
from jobs_app.services.transport.seats import release_ended_placements
from matching.transport.planner import (
    Passenger,
    PlanRules,
    plan_trips,
    unreachable_passengers,
)
from matching.transport.records import WANZHOU_DEPARTURE

DEFAULT_LOAD_SHARE = 0.5  # the transport ministry's notice of 11 Feb 2020


def rules_for(load_share: float = DEFAULT_LOAD_SHARE, **overrides) -> PlanRules:
    """The planner's rules with the configured load share; a bad value names its field."""
    try:
        return PlanRules(load_share=load_share, **overrides)
    except ValueError as error:
        raise InvalidInput.field("rules", str(error)) from None


@dataclass(frozen=True)
class Unplanned:
    """A far placement in the window that got no seat, and why."""

    referral_id: int
    worker_id: int
    reason: str  # unknown_destination, no_collection_point, cannot_arrive_in_time


@dataclass
class PlanOutcome:
    trips: list[Trip] = field(default_factory=list)
    unplanned: list[Unplanned] = field(default_factory=list)


@dataclass(frozen=True)
class _Scope:
    """Which destination cities a plan covers: only ``include`` if given, never ``exclude``."""

    include: frozenset[str] | None = None
    exclude: frozenset[str] = frozenset()

    def covers(self, city: str) -> bool:
        return (self.include is None or city in self.include) and city not in self.exclude

    def where(self, column):
        clauses = [column.not_in(self.exclude)] if self.exclude else []
        if self.include is not None:
            clauses.append(column.in_(self.include))
        return clauses


def plan(
    session: Session,
    *,
    actor: Actor,
    from_date: date,
    to_date: date,
    destination_city: str | None = None,
    rules: PlanRules,
) -> PlanOutcome:
    """Draft the trips for hired far placements starting from ``from_date`` to ``to_date``."""
    require(actor, Role.bureau)
    if from_date > to_date:
        raise InvalidInput.field("to_date", "The window ends before it starts.")
    city = canonical_city(destination_city) if destination_city else None
    scope = _Scope(include=frozenset({city}) if city else None)
    outcome = _plan_scope(session, actor, from_date, to_date, scope, rules)
    detail = {"from_date": from_date.isoformat(), "to_date": to_date.isoformat(),
              "destination_city": city, "trips": [t.id for t in outcome.trips]}  # fmt: skip
    audit.record(session, actor=actor, action="plan", entity="trip", detail=detail)
    return outcome


def draft_coming_week(session: Session, *, rules: PlanRules, today: date | None = None):
    """The Friday job: draft the trips of the coming Monday–Sunday.

    Placements starting from tomorrow to the coming Sunday are planned, so Monday's starters
    can still travel at the weekend. Each active line with a departure pattern is planned
    with its own vehicle seats and departure time; every other destination with the given
    rules. Returns the outcome; the caller commits.
    """
    actor = Actor.system()
    today = today or clock.today()
    monday = today + timedelta(days=7 - today.weekday())
    from_date, to_date = today + timedelta(days=1), monday + timedelta(days=6)
    release_ended_placements(session, actor=actor)
    outcome = PlanOutcome()
    patterned = [line for line in _active_lines(session) if not line.on_demand]
    for line in patterned:
        departs = line.departure_time or rules.departure_time
        line_rules = replace(rules, vehicle_seats=line.vehicle_seats, departure_time=departs)
        scope = _Scope(include=frozenset({line.destination_city}))
        _merge(outcome, _plan_scope(session, actor, from_date, to_date, scope, line_rules))
    rest = _Scope(exclude=frozenset(line.destination_city for line in patterned))
    _merge(outcome, _plan_scope(session, actor, from_date, to_date, rest, rules))
    audit.record(session, actor=actor, action="draft_week", entity="trip",
                 detail={"from_date": from_date.isoformat(), "to_date": to_date.isoformat(),
                         "trips": [t.id for t in outcome.trips]})  # fmt: skip
    return outcome


def _merge(into: PlanOutcome, more: PlanOutcome) -> None:
    into.trips.extend(more.trips)
    into.unplanned.extend(more.unplanned)


def _plan_scope(session, actor, from_date, to_date, scope: _Scope, rules) -> PlanOutcome:
    release_ended_placements(session, actor=actor)
    riding_along = _drop_drafts(session, from_date, to_date, scope)
    if scope.include is not None:
        scope = replace(scope, include=scope.include | riding_along)
    referrals = {r.id: r for r in _far_placements(session, from_date, to_date, scope)}
    if not referrals:
        return PlanOutcome()
    townships = records.townships_by_code(session)
    lines = _active_lines(session)
    outcome = PlanOutcome()
    inputs = _inputs(referrals, townships, lines, outcome)
    planned = _run_planner(inputs, rules, from_date, to_date, outcome)
    line_of = {line.destination_city: line for line in reversed(lines)}
    for trip in planned:
        stored = records.new_trip(trip, townships, referrals, line_of.get(trip.destination_city))
        session.add(stored)
        outcome.trips.append(stored)
    try:
        session.flush()
    except IntegrityError:
        # A seat's partial unique index: another plan seated someone meanwhile.
        raise Conflict("Another plan changed these trips; plan again.") from None
    return outcome


@dataclass(frozen=True)
class _Inputs:
    passengers: list[Passenger]
    points: list
    destinations: list


def _inputs(referrals, townships, lines, outcome: PlanOutcome) -> _Inputs:
    """The planner's records; placements it could not route are listed as unplanned."""
    points = records.collection_points(townships.values())
    point_codes = {p.township_code for p in points}
    known = destinations(lines)
    places = {(d.city, d.province) for d in known}
    passengers = []
    for referral in referrals.values():
        rider = records.passenger(referral)
        if (rider.destination_city, rider.destination_province) not in places:
            outcome.unplanned.append(Unplanned(rider.referral_id, rider.worker_id,
                                               "unknown_destination"))  # fmt: skip
        elif rider.township_code not in point_codes:
            outcome.unplanned.append(Unplanned(rider.referral_id, rider.worker_id,
                                               "no_collection_point"))  # fmt: skip
        else:
            passengers.append(rider)
    return _Inputs(passengers, points, known)


def _run_planner(inputs: _Inputs, rules, from_date, to_date, outcome: PlanOutcome):
    arguments = (inputs.points, WANZHOU_DEPARTURE, inputs.destinations, rules, from_date, to_date)
    try:
        late = unreachable_passengers(inputs.passengers, *arguments)
        trips = plan_trips(inputs.passengers, *arguments)
    except ValueError as error:
        raise Conflict("The trips cannot be planned within the rules.",
                       {"rules": [str(error)]}) from None  # fmt: skip
    outcome.unplanned.extend(
        Unplanned(p.referral_id, p.worker_id, "cannot_arrive_in_time") for p in late
    )
    return trips


def _active_lines(session: Session) -> list[TransportLine]:
    return list(
        session.scalars(
            select(TransportLine).where(TransportLine.active).order_by(TransportLine.id)
        )
    )


def _far_placements(session, from_date, to_date, scope: _Scope) -> Sequence[Referral]:
    """Hired placements outside Wanzhou starting in the window, holding no seat yet."""
    seated = exists().where(TripPassenger.referral_id == Referral.id, TripPassenger.active)
    statement = (
        select(Referral)
        .join(Opening, Opening.id == Referral.opening_id)
        .where(
            Referral.status == ReferralStatus.hired,
            Opening.township_id.is_(None),
            Referral.hired_on >= from_date,
            Referral.hired_on <= to_date,
            ~seated,
            *scope.where(Opening.city),
        )
        .order_by(Referral.id)
    )
    return session.scalars(statement).unique().all()


def _drop_drafts(session: Session, from_date: date, to_date: date, scope: _Scope) -> frozenset:
    """Delete the drafts this plan replaces: every rider starts within the window. Returns
    the riders' cities, so riders along to a near destination are planned again too."""
    last = datetime.combine(to_date, time.max)
    drafts = session.scalars(
        select(Trip).where(
            Trip.status == TripStatus.planned,
            Trip.departure <= last,
            *scope.where(Trip.destination_city),
        )
    ).unique()
    cities = set()
    for trip in drafts:
        if all(from_date <= p.start_date <= to_date for p in trip.riders):
            cities.update(p.referral.opening.city for p in trip.riders)
            session.delete(trip)
    session.flush()
    return frozenset(cities)
