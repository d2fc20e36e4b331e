"""Workers (劳动力) and the history of their employment status."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from jobs_app.models.base import Base, Timestamped, UtcDateTime, enum_column, utcnow
from jobs_app.models.enums import Ability, Education, Health, WishScope, WorkerStatus
from jobs_app.models.household import Household
from jobs_app.models.township import Township


class Worker(Timestamped, Base):
    __tablename__ = "worker"
    # A desk's lists: its township's workers in id order. A plan PostgreSQL keeps for a
    # prepared search would otherwise walk every worker of the district by id, filtering for
    # the township: 22 ms for a rare name among 100,000 workers, 0.5 ms with this index.
    __table_args__ = (sa.Index("ix_worker_township_id_id", "township_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(sa.ForeignKey("household.id"), index=True)
    # Kept beside the household's so a desk's scope and the recount filter without a join.
    township_id: Mapped[int] = mapped_column(sa.ForeignKey("township.id"))
    id_number: Mapped[str] = mapped_column(sa.String(18), unique=True)
    name: Mapped[str] = mapped_column(sa.String(40), index=True)
    sex: Mapped[str] = mapped_column(sa.String(6))
    birth_date: Mapped[date]
    phone: Mapped[str | None] = mapped_column(sa.String(11))
    is_household_head: Mapped[bool] = mapped_column(default=False)
    education: Mapped[Education | None] = mapped_column(enum_column(Education, "education"))
    health: Mapped[Health] = mapped_column(enum_column(Health, "health"), default=Health.healthy)
    ability: Mapped[Ability] = mapped_column(enum_column(Ability, "ability"))
    skills: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    skills_note: Mapped[str | None] = mapped_column(sa.String(200))
    wish_scope: Mapped[WishScope] = mapped_column(
        enum_column(WishScope, "wish_scope"), default=WishScope.anywhere
    )
    wish_provinces: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    wish_min_wage: Mapped[int | None]
    cares_for_children: Mapped[bool] = mapped_column(default=False)
    cares_for_elderly: Mapped[bool] = mapped_column(default=False)
    constraints_note: Mapped[str | None] = mapped_column(sa.String(200))
    status: Mapped[WorkerStatus] = mapped_column(
        enum_column(WorkerStatus, "worker_status"), index=True
    )
    status_since: Mapped[date]
    status_reason: Mapped[str | None] = mapped_column(sa.String(200))

    household: Mapped[Household] = relationship(lazy="joined")
    township: Mapped[Township] = relationship(lazy="joined")
    # Loaded only by a query that asks for it (matching): the openings she awaits word from.
    pending_opening_ids: Mapped[str | None] = query_expression()


class WorkerStatusChange(Base):
    """One row per change of a worker's status: the recount reads the status as of any day."""

    __tablename__ = "worker_status_change"
    # The recount reads "the latest change on or before a day" for every worker at once.
    __table_args__ = (sa.Index("ix_worker_status_change_worker_since", "worker_id", "since"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(sa.ForeignKey("worker.id"), index=True)
    status: Mapped[WorkerStatus] = mapped_column(enum_column(WorkerStatus, "worker_status"))
    since: Mapped[date]
    reason: Mapped[str | None] = mapped_column(sa.String(200))
    referral_id: Mapped[int | None] = mapped_column(sa.ForeignKey("referral.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


def _household_fact(name: str) -> property:
    """Poverty category and flags belong to the household; workers read them through."""
    return property(lambda worker: getattr(worker.household, name))


Worker.category = _household_fact("category")
Worker.dibao = _household_fact("dibao")
Worker.tekun = _household_fact("tekun")
Worker.village = _household_fact("village")
Worker.wishes = property(
    lambda worker: {
        "scope": worker.wish_scope,
        "provinces": list(worker.wish_provinces or []),
        "min_wage": worker.wish_min_wage,
    }
)
