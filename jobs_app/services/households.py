"""Households: registered by a township's desk."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app.errors import InvalidInput, NotFound
from jobs_app.models import Household, Role, Worker
from jobs_app.services import audit, townships
from jobs_app.services.access import Actor, require
from jobs_app.services.paging import Page, paginate


def _scoped(actor: Actor):
    require(actor, Role.desk, Role.bureau)
    statement = select(Household).order_by(Household.id)
    if actor.role == Role.desk:
        statement = statement.where(Household.township_id == actor.township_id)
    return statement


def get(session: Session, *, actor: Actor, household_id: int) -> Household:
    household = session.scalar(_scoped(actor).where(Household.id == household_id))
    if household is None:
        raise NotFound()
    return household


def members(session: Session, *, actor: Actor, household_id: int) -> list[Worker]:
    """The workers of a household the actor may see, the head first."""
    household = get(session, actor=actor, household_id=household_id)
    statement = (
        select(Worker)
        .where(Worker.household_id == household.id)
        .order_by(Worker.is_household_head.desc(), Worker.id)
    )
    return list(session.scalars(statement))


def get_all(
    session: Session,
    *,
    actor: Actor,
    page: int,
    per_page: int,
    township_code: str | None = None,
    category: str | None = None,
) -> Page:
    statement = _scoped(actor)
    if township_code:
        statement = statement.where(
            Household.township_id == townships.get_by_code(session, township_code).id
        )
    if category:
        statement = statement.where(Household.category == category)
    return paginate(session, statement, page=page, per_page=per_page)


def create(session: Session, *, actor: Actor, township_code: str, **fields: Any) -> Household:
    require(actor, Role.desk, Role.bureau)
    township = townships.get_by_code(session, township_code)
    _check_own_township(actor, township.id)
    household = Household(township_id=township.id, **fields)
    session.add(household)
    session.flush()
    audit.record(session, actor=actor, action="create", entity="household", entity_id=household.id)
    return household


def update(session: Session, *, actor: Actor, household_id: int, **changes: Any) -> Household:
    household = get(session, actor=actor, household_id=household_id)
    if "township_code" in changes:
        township = townships.get_by_code(session, changes.pop("township_code"))
        _check_own_township(actor, township.id)
        household.township_id = township.id
    for name, value in changes.items():
        setattr(household, name, value)
    session.flush()
    audit.record(
        session, actor=actor, action="update", entity="household", entity_id=household.id,
        detail={"fields": sorted(changes)},
    )  # fmt: skip
    return household


def _check_own_township(actor: Actor, township_id: int) -> None:
    """A desk registers only in its own township."""
    if actor.role == Role.desk and township_id != actor.township_id:
        raise InvalidInput.field("township_code", "Your role may not do this.")
