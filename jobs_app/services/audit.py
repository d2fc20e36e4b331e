"""Writing the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app.models import AuditEntry, Role
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
) -> Page:
    """The audit log, newest first: the bureau's to read."""
    require(actor, Role.bureau)
    statement = select(AuditEntry).order_by(AuditEntry.id.desc())
    if entity:
        statement = statement.where(AuditEntry.entity == entity)
    if entity_id:
        statement = statement.where(AuditEntry.entity_id == entity_id)
    if action:
        statement = statement.where(AuditEntry.action == action)
    return paginate(session, statement, page=page, per_page=per_page)
