"""Read-only figures for the web pages that no other service gives: the bureau's dashboard
(recount trend, placements by kind and province, workshop compliance) and a worker's status
history."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from jobs_app.models import (
    AllocationRun,
    Category,
    Employer,
    EmployerKind,
    Household,
    Opening,
    Recount,
    RecountEntry,
    Referral,
    ReferralStatus,
    Role,
    Worker,
    WorkerStatus,
    WorkerStatusChange,
)
from jobs_app.services import workers
from jobs_app.services.access import Actor, require

# Households counted as poor for a workshop's certification (SPEC: 扶贫车间).
POOR_CATEGORIES = (Category.registered_poor, Category.monitored, Category.marginal)
TREND_STATUSES = (
    WorkerStatus.seeking,
    WorkerStatus.employed_local,
    WorkerStatus.employed_province,
    WorkerStatus.employed_out,
    WorkerStatus.public_post,
    WorkerStatus.self_employed,
)


@dataclass(frozen=True)
class WorkshopShare:
    employer_id: int
    name: str
    hired: int
    poor: int

    @property
    def share(self) -> float:
        return self.poor / self.hired if self.hired else 0.0


def recount_trend(session: Session, *, actor: Actor, months: int = 24) -> list[dict]:
    """Per recounted month, oldest first: workers by status, for the trend chart."""
    require(actor, Role.bureau)
    columns = [
        func.coalesce(func.sum(case((RecountEntry.status == s, 1), else_=0)), 0).label(s.value)
        for s in TREND_STATUSES
    ]
    statement = (
        select(Recount.period, *columns)
        .join(RecountEntry, RecountEntry.recount_id == Recount.id)
        .group_by(Recount.period)
        .order_by(Recount.period.desc())
        .limit(months)
    )
    rows = [dict(row._mapping) for row in session.execute(statement)]
    return [{k: (int(v) if k != "period" else v) for k, v in row.items()} for row in rows][::-1]


def placements_by(session: Session, *, actor: Actor, by: str) -> list[tuple[str, int]]:
    """Workers now placed (hired), counted by employer kind or by the job's province."""
    require(actor, Role.bureau)
    column = Employer.kind if by == "kind" else Opening.province
    statement = (
        select(column, func.count())
        .select_from(Referral)
        .join(Opening, Opening.id == Referral.opening_id)
        .join(Employer, Employer.id == Opening.employer_id)
        .where(Referral.status == ReferralStatus.hired)
        .group_by(column)
        .order_by(func.count().desc())
    )
    return [(getattr(value, "value", value), count) for value, count in session.execute(statement)]


def workshop_shares(session: Session, *, actor: Actor) -> list[WorkshopShare]:
    """Every workshop with hired workers: how many, and how many from poor households."""
    require(actor, Role.bureau)
    poor = case((Household.category.in_(POOR_CATEGORIES), 1), else_=0)
    statement = (
        select(Employer.id, Employer.name, func.count(), func.coalesce(func.sum(poor), 0))
        .select_from(Referral)
        .join(Opening, Opening.id == Referral.opening_id)
        .join(Employer, Employer.id == Opening.employer_id)
        .join(Worker, Worker.id == Referral.worker_id)
        .join(Household, Household.id == Worker.household_id)
        .where(Referral.status == ReferralStatus.hired, Employer.kind == EmployerKind.workshop)
        .group_by(Employer.id, Employer.name)
        .order_by(Employer.name)
    )
    return [
        WorkshopShare(employer_id=i, name=name, hired=hired, poor=int(poor_count))
        for i, name, hired, poor_count in session.execute(statement)
    ]


def workshops_below(session: Session, *, actor: Actor, threshold: float) -> list[WorkshopShare]:
    """Workshops whose poor-worker share has fallen below the bureau's threshold."""
    return [w for w in workshop_shares(session, actor=actor) if w.share < threshold]


def status_history(session: Session, *, actor: Actor, worker_id: int) -> list[WorkerStatusChange]:
    """A worker's employment-status changes, latest first."""
    workers.get(session, actor=actor, worker_id=worker_id, audit_read=False)
    statement = (
        select(WorkerStatusChange)
        .where(WorkerStatusChange.worker_id == worker_id)
        .order_by(WorkerStatusChange.since.desc(), WorkerStatusChange.id.desc())
    )
    return list(session.scalars(statement))


def latest_allocation_run(session: Session, *, actor: Actor) -> AllocationRun | None:
    """The most recent batch allocation, for the bureau's review page."""
    require(actor, Role.bureau)
    return session.scalar(select(AllocationRun).order_by(AllocationRun.id.desc()).limit(1))
