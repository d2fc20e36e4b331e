"""Placements after the hire: follow-up visits due at 1, 3 and 6 months, and retention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.models import (
    Employer,
    Opening,
    Referral,
    ReferralStatus,
    Role,
    Township,
    Visit,
    Worker,
)
from jobs_app.services.access import Actor, require

VISIT_MONTHS = (1, 3, 6)
DAYS_PER_MONTH = 30  # a visit "at 3 months" is due 90 days after the hire


@dataclass(frozen=True)
class DueVisit:
    referral_id: int
    worker_id: int
    worker_name: str
    township_code: str
    employer_name: str
    hired_on: date
    month_mark: int
    due_on: date
    overdue_days: int


def due_visits(
    session: Session,
    *,
    actor: Actor,
    township_code: str | None = None,
    overdue_only: bool = False,
    within_days: int = 7,
) -> list[DueVisit]:
    """Visits due (within ``within_days``) or overdue for workers still placed."""
    require(actor, Role.desk, Role.bureau)
    today = clock.today()
    statement = (
        select(Referral, Worker, Township, Employer)
        .join(Worker, Worker.id == Referral.worker_id)
        .join(Township, Township.id == Worker.township_id)
        .join(Opening, Opening.id == Referral.opening_id)
        .join(Employer, Employer.id == Opening.employer_id)
        .where(Referral.status == ReferralStatus.hired, Referral.hired_on <= today)
    )
    if actor.role == Role.desk:
        statement = statement.where(Worker.township_id == actor.township_id)
    if township_code:
        statement = statement.where(Township.code == township_code)
    rows = session.execute(statement).all()
    done = _visits_done(session, [row[0].id for row in rows])
    horizon = today if overdue_only else today + timedelta(days=within_days)
    due = [
        _due(referral, worker, township, employer, months, today)
        for referral, worker, township, employer in rows
        for months in VISIT_MONTHS
        if (referral.id, months) not in done
        and referral.hired_on + timedelta(days=DAYS_PER_MONTH * months) <= horizon
    ]
    return sorted(due, key=lambda visit: (visit.due_on, visit.referral_id))


def _visits_done(session: Session, referral_ids: list[int]) -> set[tuple[int, int]]:
    marks = session.execute(
        select(Visit.referral_id, Visit.month_mark).where(Visit.referral_id.in_(referral_ids))
    )
    return {(referral_id, mark) for referral_id, mark in marks}


def _due(referral, worker, township, employer, months, today) -> DueVisit:
    due_on = referral.hired_on + timedelta(days=DAYS_PER_MONTH * months)
    return DueVisit(
        referral_id=referral.id,
        worker_id=worker.id,
        worker_name=worker.name,
        township_code=township.code,
        employer_name=employer.name,
        hired_on=referral.hired_on,
        month_mark=months,
        due_on=due_on,
        overdue_days=max(0, (today - due_on).days),
    )


RETENTION_GROUPS = {
    "employer_kind": Employer.kind,
    "province": Opening.province,
    "township": Township.code,
}


def retention(session: Session, *, actor: Actor, months: int, by: str) -> list[dict]:
    """Share of hires still in place ``months`` after the hire, per group.

    Only hires old enough to have reached the mark count; a departure (or first-day no-show)
    before the mark is a loss.
    """
    require(actor, Role.bureau)
    today = clock.today()
    cutoff = today - timedelta(days=DAYS_PER_MONTH * months)
    group = RETENTION_GROUPS[by]
    left_early = and_(
        Referral.ended_on.isnot(None),
        Referral.status.in_((ReferralStatus.left, ReferralStatus.no_show)),
        _days_between(session, Referral.hired_on, Referral.ended_on) < DAYS_PER_MONTH * months,
    )
    statement = (
        select(
            group.label("group"),
            func.count().label("hires"),
            func.sum(case((left_early, 0), else_=1)).label("retained"),
        )
        .join(Opening, Opening.id == Referral.opening_id)
        .join(Employer, Employer.id == Opening.employer_id)
        .join(Worker, Worker.id == Referral.worker_id)
        .join(Township, Township.id == Worker.township_id)
        .where(Referral.hired_on.isnot(None), Referral.hired_on <= cutoff)
        .group_by(group)
        .order_by(group)
    )
    return [
        {
            "group": str(row.group),
            "hires": row.hires,
            "retained": int(row.retained),
            "rate": round(int(row.retained) / row.hires, 4) if row.hires else None,
        }
        for row in session.execute(statement)
    ]


def _days_between(session: Session, start, end):
    """Whole days from ``start`` to ``end`` in SQL, on either database."""
    if session.get_bind().dialect.name == "postgresql":
        return end - start
    return func.julianday(end) - func.julianday(start)
