"""Accounts, passwords, login sessions and API tokens."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

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


def own_account(session: Session, *, user_id: int) -> User:
    """The account of the user making the request (already authenticated)."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


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
    return new_token(session, user_id=user.id, kind=kind)[1]


def new_token(
    session: Session,
    *,
    user_id: int,
    kind: TokenKind,
    label: str | None = None,
    expires_at: datetime | None = None,
) -> tuple[AuthToken, str]:
    """The stored token and its secret, which exists nowhere else once returned."""
    secret = secrets.token_urlsafe(32)
    token = AuthToken(
        user_id=user_id, kind=kind, digest=_digest(secret), label=label, expires_at=expires_at
    )
    session.add(token)
    session.flush()
    return token, secret


def user_for_token(session: Session, *, token: str, kind: TokenKind) -> User | None:
    """The user a live token belongs to; sessions also expire after a working day."""
    found = _live_token(session, _digest(token), kind)
    return found.user if found else None


def _live_token(session: Session, digest: str, kind: TokenKind) -> AuthToken | None:
    found = session.scalar(
        select(AuthToken).where(
            AuthToken.digest == digest,
            AuthToken.kind == kind,
            AuthToken.revoked_at.is_(None),
        )
    )
    if found is None or not found.user.active:
        return None
    if found.expires_at is not None and found.expires_at <= clock.now():
        return None
    if kind == TokenKind.session and found.created_at < clock.now() - SESSION_LIFETIME:
        return None
    return found


@dataclass(frozen=True)
class _Remembered:
    actor: Actor
    until: float  # time.monotonic()
    expires_at: datetime | None


class RecentBearers:
    """Bearer tokens checked in the last moment, so a client's burst of API calls does not
    ask the token table on every one. A revocation in this process forgets them at once; one
    made on another instance takes effect within ``max_age`` seconds."""

    def __init__(self, max_age: float = 2.0, monotonic=time.monotonic):
        self.max_age = max_age
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._entries: dict[str, _Remembered] = {}

    def get(self, digest: str) -> Actor | None:
        with self._lock:
            entry = self._entries.get(digest)
        if entry is None or self._monotonic() >= entry.until:
            return None
        if entry.expires_at is not None and entry.expires_at <= clock.now():
            return None
        return entry.actor

    def put(self, digest: str, actor: Actor, expires_at: datetime | None) -> None:
        if self.max_age <= 0:
            return
        with self._lock:
            if len(self._entries) > 10_000:  # a flood of distinct tokens must not grow memory
                self._entries.clear()
            self._entries[digest] = _Remembered(actor, self._monotonic() + self.max_age, expires_at)

    def forget(self) -> None:
        with self._lock:
            self._entries.clear()


recent_bearers = RecentBearers()


def actor_for_bearer(session: Session, *, token: str) -> Actor | None:
    """Who a live bearer token acts for (remembered for a moment, see ``RecentBearers``)."""
    digest = _digest(token)
    remembered = recent_bearers.get(digest)
    if remembered is not None:
        return remembered
    found = _live_token(session, digest, TokenKind.bearer)
    if found is None:
        return None
    actor = Actor.of(found.user)
    recent_bearers.put(digest, actor, found.expires_at)
    return actor


def revoke_token(session: Session, *, token: str) -> None:
    recent_bearers.forget()
    session.execute(
        update(AuthToken)
        .where(AuthToken.digest == _digest(token), AuthToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


def _revoke_all(session: Session, user_id: int) -> None:
    recent_bearers.forget()
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
