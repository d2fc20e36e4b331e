"""Employers: registered by the bureau, each seen and edited by its own staff."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app.errors import Forbidden, NotFound
from jobs_app.models import Employer, Role
from jobs_app.services import audit, places
from jobs_app.services.access import Actor, may_see_employer, require
from jobs_app.services.paging import Page, paginate


def get(session: Session, *, actor: Actor, employer_id: int) -> Employer:
    require(actor, Role.desk, Role.bureau, Role.employer)
    employer = session.get(Employer, employer_id)
    if employer is None or not may_see_employer(actor, employer):
        raise NotFound()
    return employer


def get_all(
    session: Session, *, actor: Actor, page: int, per_page: int, kind: str | None = None,
    province: str | None = None, q: str | None = None,
) -> Page:  # fmt: skip
    require(actor, Role.desk, Role.bureau, Role.employer)
    statement = select(Employer).order_by(Employer.id)
    if actor.role == Role.employer:
        statement = statement.where(Employer.id == actor.employer_id)
    if kind:
        statement = statement.where(Employer.kind == kind)
    if province:
        statement = statement.where(Employer.province == province)
    if q:
        statement = statement.where(Employer.name.contains(q.strip()))
    return paginate(session, statement, page=page, per_page=per_page)


def create(
    session: Session,
    *,
    actor: Actor,
    province: str,
    city: str,
    township_code: str | None = None,
    **fields: Any,
) -> Employer:
    require(actor, Role.bureau)
    place = places.resolve(session, province=province, city=city, township_code=township_code)
    employer = Employer(
        province=place.province, city=place.city, township_id=place.township_id, **fields
    )
    session.add(employer)
    session.flush()
    audit.record(session, actor=actor, action="create", entity="employer", entity_id=employer.id)
    return employer


def update(session: Session, *, actor: Actor, employer_id: int, **changes: Any) -> Employer:
    """The bureau edits any employer; an employer its own contact details and address."""
    require(actor, Role.bureau, Role.employer)
    employer = get(session, actor=actor, employer_id=employer_id)
    if actor.role == Role.employer:
        changes = _own_editable(changes)
    if {"province", "city", "township_code"} & changes.keys():
        place = places.resolve(
            session,
            province=changes.pop("province", employer.province),
            city=changes.pop("city", employer.city),
            township_code=changes.pop("township_code", None),
        )
        employer.province, employer.city = place.province, place.city
        employer.township_id = place.township_id
    for name, value in changes.items():
        setattr(employer, name, value)
    session.flush()
    audit.record(session, actor=actor, action="update", entity="employer", entity_id=employer.id)
    return employer


def _own_editable(changes: dict[str, Any]) -> dict[str, Any]:
    """Kind, certification and the leading-enterprise flag are the bureau's to set."""
    reserved = {"kind", "is_leading", "workshop_certified", "workshop_certified_on", "name"}
    if reserved & changes.keys():
        raise Forbidden()
    return changes
