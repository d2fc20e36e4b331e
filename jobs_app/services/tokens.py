"""A user's own login sessions and API tokens: listing, minting and revoking them.

Nobody learns whether a token id they may not touch exists: someone else's token is
``NotFound`` to everybody but the administrator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.errors import Forbidden, InvalidInput, NotFound
from jobs_app.models import AuthToken, Role, TokenKind, User
from jobs_app.services import audit, users
from jobs_app.services.access import Actor, require
from jobs_app.services.paging import Page, paginate


@dataclass(frozen=True)
class NewToken:
    """A freshly minted bearer token and its secret, shown to its owner this once."""

    token: AuthToken
    secret: str


def get_all(
    session: Session, *, actor: Actor, page: int, per_page: int, user_id: int | None = None
) -> Page:
    """The tokens of ``user_id`` (the administrator's question) or of the actor, newest first."""
    if user_id is None:
        user_id = _own_user_id(actor)
    else:
        require(actor, Role.admin)
        if session.get(User, user_id) is None:
            raise NotFound()
    statement = select(AuthToken).where(AuthToken.user_id == user_id).order_by(AuthToken.id.desc())
    return paginate(session, statement, page=page, per_page=per_page)


def create(
    session: Session, *, actor: Actor, label: str, expires_at: datetime | None = None
) -> NewToken:
    """A bearer token for the actor's own account, labelled so they can tell it apart later."""
    user_id = _own_user_id(actor)
    if expires_at is not None:
        if expires_at <= clock.now():
            raise InvalidInput.field("expires_at", "The expiry must lie in the future.")
        expires_at = expires_at.astimezone(UTC)  # answered in UTC, like every stored time
    token, secret = users.new_token(
        session, user_id=user_id, kind=TokenKind.bearer, label=label, expires_at=expires_at
    )
    _record(session, actor, "create", token)
    return NewToken(token=token, secret=secret)


def delete(session: Session, *, actor: Actor, token_id: int) -> AuthToken:
    """Revoke a token from the next request on; revoking it again changes nothing."""
    token = session.get(AuthToken, token_id)
    if token is None or not _may_revoke(actor, token):
        raise NotFound()
    if token.revoked_at is None:
        users.recent_bearers.forget()
        token.revoked_at = clock.now()
        _record(session, actor, "revoke", token)
    return token


def _own_user_id(actor: Actor) -> int:
    """Tokens belong to a person: the service itself (CLI, scheduler) has none."""
    if actor.user_id is None:
        raise Forbidden()
    return actor.user_id


def _may_revoke(actor: Actor, token: AuthToken) -> bool:
    return actor.role == Role.admin or token.user_id == actor.user_id


def _record(session: Session, actor: Actor, action: str, token: AuthToken) -> None:
    detail = {"user_id": token.user_id, "kind": token.kind.value, "label": token.label}
    audit.record(
        session, actor=actor, action=action, entity="auth_token", entity_id=token.id,
        detail=detail,
    )  # fmt: skip
