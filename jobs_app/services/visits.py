"""Follow-up visits (回访) to placed workers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app.errors import InvalidInput, NotFound
from jobs_app.models import Referral, ReferralStatus, Role, Visit
from jobs_app.services import audit, referrals
from jobs_app.services.access import Actor, require, scope_referrals
from jobs_app.services.paging import Page, paginate


def create(
    session: Session,
    *,
    actor: Actor,
    referral_id: int,
    visited_on: date,
    still_employed: bool,
    month_mark: int | None = None,
    note: str | None = None,
) -> Visit:
    require(actor, Role.desk, Role.bureau)
    try:
        referral = referrals.get(session, actor=actor, referral_id=referral_id)
    except NotFound:
        raise InvalidInput.field("referral_id", "Not found.") from None
    if referral.status not in (ReferralStatus.hired, ReferralStatus.left):
        raise InvalidInput.field("referral_id", "A visit needs a hired or departed placement.")
    if referral.hired_on and visited_on < referral.hired_on:
        raise InvalidInput.field("visited_on", "A date cannot be before the referral.")
    visit = Visit(
        referral_id=referral.id, visited_on=visited_on, still_employed=still_employed,
        month_mark=month_mark, note=note, visitor_id=actor.user_id,
    )  # fmt: skip
    session.add(visit)
    session.flush()
    audit.record(session, actor=actor, action="create", entity="visit", entity_id=visit.id,
                 detail={"referral_id": referral.id})  # fmt: skip
    return visit


def get(session: Session, *, actor: Actor, visit_id: int) -> Visit:
    require(actor, Role.desk, Role.bureau)
    visit = session.scalar(_scoped(actor).where(Visit.id == visit_id))
    if visit is None:
        raise NotFound()
    return visit


def get_all(
    session: Session, *, actor: Actor, page: int, per_page: int, referral_id: int | None = None
) -> Page:
    require(actor, Role.desk, Role.bureau)
    statement = _scoped(actor).order_by(Visit.id.desc())
    if referral_id:
        statement = statement.where(Visit.referral_id == referral_id)
    return paginate(session, statement, page=page, per_page=per_page)


def _scoped(actor: Actor):
    visible = scope_referrals(select(Referral.id), actor)
    return select(Visit).where(Visit.referral_id.in_(visible))
