"""Accounts, passwords, login sessions and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from jobs_app import clock
from jobs_app.errors import Conflict, InvalidInput, NotFound
from jobs_app.models import AuthToken, Employer, Role, TokenKind, User
from jobs_app.services import audit, townships
from jobs_app.services.access import Actor, require
from jobs_app.services.paging import Page, paginate

MIN_PASSWORD_LENGTH = 10
SESSION_LIFETIME = timedelta(hours=12)
# Checked against when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def create(
    session: Session,
    *,
    actor: Actor,
    username: str,
    password: str,
    role: Role,
    township_code: str | None = None,
    employer_id: int | None = None,
) -> User:
    require(actor, Role.admin)
    check_password(password)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict("The username is taken.", {"username": ["The username is taken."]})
    user = User(
        username=username, password_hash=generate_password_hash(password), role=role,
        township_id=_township_for(session, role, township_code),
        employer_id=_employer_for(session, role, employer_id),
    )  # fmt: skip
    session.add(user)
    session.flush()
    audit.record(session, actor=actor, action="create", entity="user", entity_id=user.id,
                 detail={"role": role.value})  # fmt: skip
    return user


def get_all(session: Session, *, actor: Actor, page: int, per_page: int) -> Page:
    require(actor, Role.admin)
    return paginate(session, select(User).order_by(User.id), page=page, per_page=per_page)


def set_active(session: Session, *, actor: Actor, user_id: int, active: bool) -> User:
    """Disable or re-enable an account; disabling ends its sessions and tokens at once."""
    require(actor, Role.admin)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    user.active = active
    if not active:
        _revoke_all(session, user.id)
    audit.record(session, actor=actor, action="update", entity="user", entity_id=user.id,
                 detail={"active": active})  # fmt: skip
    return user


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput.field("password", "Password must have at least 10 characters.")


def authenticate(session: Session, *, username: str, password: str) -> User | None:
    """The active user with these credentials, or None."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    return user


def issue_token(session: Session, *, user: User, kind: TokenKind) -> str:
    """A new random token; only its digest is stored."""
    token = secrets.token_urlsafe(32)
    session.add(AuthToken(user_id=user.id, kind=kind, digest=_digest(token)))
    session.flush()
    return token


def user_for_token(session: Session, *, token: str, kind: TokenKind) -> User | None:
    """The user a live token belongs to; sessions also expire after a working day."""
    found = session.scalar(
        select(AuthToken).where(
            AuthToken.digest == _digest(token),
            AuthToken.kind == kind,
            AuthToken.revoked_at.is_(None),
        )
    )
    if found is None or not found.user.active:
        return None
    if kind == TokenKind.session and found.created_at < clock.now() - SESSION_LIFETIME:
        return None
    return found.user


def revoke_token(session: Session, *, token: str) -> None:
    session.execute(
        update(AuthToken)
        .where(AuthToken.digest == _digest(token), AuthToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


def _revoke_all(session: Session, user_id: int) -> None:
    session.execute(
        update(AuthToken)
        .where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _township_for(session: Session, role: Role, township_code: str | None) -> int | None:
    if role != Role.desk:
        return None
    if not township_code:
        raise InvalidInput.field("township_code", "A desk user needs a township.")
    return townships.get_by_code(session, township_code).id


def _employer_for(session: Session, role: Role, employer_id: int | None) -> int | None:
    if role != Role.employer:
        return None
    if employer_id is None or session.get(Employer, employer_id) is None:
        raise InvalidInput.field("employer_id", "An employer user needs an employer.")
    return employer_id
