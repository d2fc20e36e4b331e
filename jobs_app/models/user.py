"""Accounts, their role and scope, and the tokens that authenticate them."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobs_app.models.base import Base, UtcDateTime, enum_column, utcnow
from jobs_app.models.employer import Employer
from jobs_app.models.enums import Role, TokenKind
from jobs_app.models.township import Township


class User(Base):
    __tablename__ = "app_user"
    __table_args__ = (
        sa.CheckConstraint("(role = 'desk') = (township_id IS NOT NULL)", name="desk_has_township"),
        sa.CheckConstraint(
            "(role = 'employer') = (employer_id IS NOT NULL)", name="employer_has_employer"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(60), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    township_id: Mapped[int | None] = mapped_column(sa.ForeignKey("township.id"))
    employer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employer.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    township: Mapped[Township | None] = relationship(lazy="joined")
    employer: Mapped[Employer | None] = relationship(lazy="joined")


class AuthToken(Base):
    """A login session or an API bearer token; only its SHA-256 is stored, so both revoke.

    A bearer token carries its owner's label ("ledger sync on the bureau PC") and may expire.
    """

    __tablename__ = "auth_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("app_user.id"), index=True)
    kind: Mapped[TokenKind] = mapped_column(enum_column(TokenKind, "token_kind"))
    digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    label: Mapped[str | None] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    user: Mapped[User] = relationship(lazy="joined")
