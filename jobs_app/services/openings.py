"""Openings: posted by employers (or the bureau for them), seen by the whole district."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from jobs_app.errors import InvalidInput, NotFound
from jobs_app.models import Employer, Opening, OpeningStatus, Role
from jobs_app.services import audit, employers, places, townships
from jobs_app.services.access import Actor, require
from jobs_app.services.paging import Page, paginate

# An opening as answers show it: its employer's name and kind, not the employer's township.
SHOWN = (joinedload(Opening.employer).lazyload(Employer.township),)


def get(session: Session, *, actor: Actor, opening_id: int) -> Opening:
    """Any opening for desks and the bureau; an employer sees only its own."""
    require(actor, Role.desk, Role.bureau, Role.employer)
    opening = session.get(Opening, opening_id, options=SHOWN)
    if opening is None:
        raise NotFound()
    if actor.role == Role.employer and opening.employer_id != actor.employer_id:
        raise NotFound()
    return opening


def get_all(
    session: Session,
    *,
    actor: Actor,
    page: int,
    per_page: int,
    status: str | None = None,
    kind: str | None = None,
    province: str | None = None,
    employer_id: int | None = None,
    township_code: str | None = None,
    q: str | None = None,
) -> Page:
    require(actor, Role.desk, Role.bureau, Role.employer)
    statement = select(Opening).options(*SHOWN).order_by(Opening.id)
    if actor.role == Role.employer:
        statement = statement.where(Opening.employer_id == actor.employer_id)
    if status:
        statement = statement.where(Opening.status == status)
    if kind:
        statement = statement.where(Opening.employer.has(Employer.kind == kind))
    if province:
        statement = statement.where(Opening.province == province)
    if employer_id:
        statement = statement.where(Opening.employer_id == employer_id)
    if township_code:
        township_id = townships.get_by_code(session, township_code).id
        statement = statement.where(Opening.township_id == township_id)
    if q:
        statement = statement.where(Opening.title.contains(q.strip()))
    return paginate(session, statement, page=page, per_page=per_page)


def create(
    session: Session,
    *,
    actor: Actor,
    employer_id: int,
    province: str,
    city: str,
    township_code: str | None = None,
    **fields: Any,
) -> Opening:
    require(actor, Role.bureau, Role.employer)
    employer = _employer_for(session, actor, employer_id)
    place = places.resolve(session, province=province, city=city, township_code=township_code)
    opening = Opening(
        employer_id=employer.id, province=place.province, city=place.city,
        township_id=place.township_id, status=OpeningStatus.open, hired_count=0, **fields,
    )  # fmt: skip
    _check_ranges(opening)
    session.add(opening)
    session.flush()
    audit.record(session, actor=actor, action="create", entity="opening", entity_id=opening.id)
    return opening


def update(session: Session, *, actor: Actor, opening_id: int, **changes: Any) -> Opening:
    require(actor, Role.bureau, Role.employer)
    opening = get(session, actor=actor, opening_id=opening_id)
    if {"province", "city", "township_code"} & changes.keys():
        place = places.resolve(
            session,
            province=changes.pop("province", opening.province),
            city=changes.pop("city", opening.city),
            township_code=changes.pop("township_code", None),
        )
        opening.province, opening.city = place.province, place.city
        opening.township_id = place.township_id
    for name, value in changes.items():
        setattr(opening, name, value)
    _check_ranges(opening)
    _settle_status(opening, explicit="status" in changes)
    session.flush()
    audit.record(session, actor=actor, action="update", entity="opening", entity_id=opening.id)
    return opening


def _employer_for(session: Session, actor: Actor, employer_id: int) -> Employer:
    """An employer posts only for itself; naming another is an unknown employer."""
    try:
        return employers.get(session, actor=actor, employer_id=employer_id)
    except NotFound:
        raise InvalidInput.field("employer_id", "Unknown employer.") from None


def _check_ranges(opening: Opening) -> None:
    """Ranges that span two fields, checked again after a partial change."""
    if opening.wage_min > opening.wage_max:
        raise InvalidInput.field("wage_min", "Minimum must not exceed maximum.")
    if opening.age_min > opening.age_max:
        raise InvalidInput.field("age_min", "Minimum must not exceed maximum.")
    if opening.headcount < (opening.hired_count or 0):
        raise InvalidInput.field(
            "headcount", "Headcount cannot be below the workers already hired."
        )


def _settle_status(opening: Opening, *, explicit: bool) -> None:
    """A full opening is filled; one that gained headcount reopens unless closed on purpose."""
    if opening.status == OpeningStatus.closed:
        return
    full = opening.hired_count >= opening.headcount
    if full:
        opening.status = OpeningStatus.filled
    elif opening.status == OpeningStatus.filled and not explicit:
        opening.status = OpeningStatus.open
