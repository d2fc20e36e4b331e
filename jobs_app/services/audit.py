"""Writing the audit log."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app.clock import DISTRICT_TZ
from jobs_app.models import AuditEntry, Role, User
from jobs_app.services.access import Actor, require
from jobs_app.services.paging import Page, paginate


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add one entry; it is written in the caller's transaction, so it lands with the change."""
    session.add(
        AuditEntry(
            user_id=actor.user_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=detail or {},
        )
    )


def get_all(
    session: Session,
    *,
    actor: Actor,
    page: int,
    per_page: int,
    entity: str | None = None,
    entity_id: int | None = None,
    action: str | None = None,
    user_id: int | None = None,
    by_system: bool = False,
    since: date | None = None,
    until: date | None = None,
) -> Page:
    """The audit log, newest first: the bureau's to read. ``since`` and ``until`` are days of
    the district's calendar, both included; ``by_system`` keeps what no user did."""
    require(actor, Role.bureau)
    statement = select(AuditEntry).order_by(AuditEntry.id.desc())
    if user_id:
        statement = statement.where(AuditEntry.user_id == user_id)
    if by_system:
        statement = statement.where(AuditEntry.user_id.is_(None))
    if since:
        statement = statement.where(AuditEntry.at >= _district_midnight(since))
    if until:
        statement = statement.where(AuditEntry.at < _district_midnight(until + timedelta(days=1)))
    if entity:
        statement = statement.where(AuditEntry.entity == entity)
    if entity_id:
        statement = statement.where(AuditEntry.entity_id == entity_id)
    if action:
        statement = statement.where(AuditEntry.action == action)
    return paginate(session, statement, page=page, per_page=per_page)


def actions(session: Session, *, actor: Actor) -> list[str]:
    """Every action the log holds, for a filter's choices."""
    require(actor, Role.bureau)
    return list(session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def usernames(session: Session, *, actor: Actor) -> dict[int, str]:
    """User id → username of every user: who the log names, and a filter's choices."""
    require(actor, Role.bureau)
    statement = select(User.id, User.username).order_by(User.username)
    return {user_id: username for user_id, username in session.execute(statement)}


def _district_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, DISTRICT_TZ).astimezone(UTC)
