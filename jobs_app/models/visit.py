"""Follow-up visits (回访) after a hire."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobs_app.models.base import Base, UtcDateTime, utcnow
from jobs_app.models.referral import Referral


class Visit(Base):
    __tablename__ = "visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(sa.ForeignKey("referral.id"), index=True)
    visited_on: Mapped[date]
    still_employed: Mapped[bool]
    # Which scheduled visit this is (1, 3 or 6 months after the hire), when it is one.
    month_mark: Mapped[int | None]
    note: Mapped[str | None] = mapped_column(sa.String(500))
    visitor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    referral: Mapped[Referral] = relationship(lazy="joined")
