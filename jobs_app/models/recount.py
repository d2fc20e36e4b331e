"""Monthly recounts (月度排查): a snapshot of every worker's status as of a day."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from jobs_app.models.base import Base, UtcDateTime, enum_column, utcnow
from jobs_app.models.enums import Ability, Category, WorkerStatus


class Recount(Base):
    """One month's recount; the unique period is what makes a second run a replacement."""

    __tablename__ = "recount"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(sa.String(7), unique=True)  # "2020-06"
    as_of: Mapped[date]
    workers: Mapped[int] = mapped_column(default=0)
    run_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    run_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id"))
    trigger: Mapped[str] = mapped_column(sa.String(20), default="manual")


class RecountEntry(Base):
    """A worker as the recount found them."""

    __tablename__ = "recount_entry"
    __table_args__ = (sa.Index("ix_recount_entry_recount_township", "recount_id", "township_id"),)

    recount_id: Mapped[int] = mapped_column(
        sa.ForeignKey("recount.id", ondelete="CASCADE"), primary_key=True
    )
    worker_id: Mapped[int] = mapped_column(sa.ForeignKey("worker.id"), primary_key=True)
    township_id: Mapped[int] = mapped_column(sa.ForeignKey("township.id"))
    category: Mapped[Category] = mapped_column(enum_column(Category, "category"))
    ability: Mapped[Ability] = mapped_column(enum_column(Ability, "ability"))
    status: Mapped[WorkerStatus] = mapped_column(enum_column(WorkerStatus, "worker_status"))
    status_since: Mapped[date]
