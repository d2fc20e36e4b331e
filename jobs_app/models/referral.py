"""Referrals (推荐): a worker put forward for an opening, and what became of it."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobs_app.models.base import Base, Timestamped, enum_column
from jobs_app.models.enums import ReferralStatus
from jobs_app.models.opening import Opening
from jobs_app.models.worker import Worker

HIRED = sa.text("status = 'hired'")
REFERRED = sa.text("status = 'referred'")


class Referral(Timestamped, Base):
    __tablename__ = "referral"
    __table_args__ = (
        # A worker holds at most one active placement, whatever the service does.
        sa.Index(
            "uq_referral_one_active_placement",
            "worker_id",
            unique=True,
            sqlite_where=HIRED,
            postgresql_where=HIRED,
        ),
        # One open referral of a worker to an opening at a time.
        sa.Index(
            "uq_referral_one_open_referral",
            "worker_id",
            "opening_id",
            unique=True,
            sqlite_where=REFERRED,
            postgresql_where=REFERRED,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(sa.ForeignKey("worker.id"), index=True)
    opening_id: Mapped[int] = mapped_column(sa.ForeignKey("opening.id"), index=True)
    status: Mapped[ReferralStatus] = mapped_column(
        enum_column(ReferralStatus, "referral_status"), default=ReferralStatus.referred, index=True
    )
    referred_on: Mapped[date]
    referred_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id"))
    hired_on: Mapped[date | None]
    wage: Mapped[int | None]
    hired_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id"))
    ended_on: Mapped[date | None]
    end_reason: Mapped[str | None] = mapped_column(sa.String(200))
    ended_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id"))
    note: Mapped[str | None] = mapped_column(sa.String(200))

    worker: Mapped[Worker] = relationship(lazy="joined")
    opening: Mapped[Opening] = relationship(lazy="joined")
