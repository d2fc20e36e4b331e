"""The monthly recount (每月滚动排查): snapshot every worker's status as of a day, set-wise.

A recount of a month is one row in ``recount`` (unique by period) plus one ``recount_entry``
per registered worker, written by a single INSERT … SELECT from the status history. Running
a month again replaces both in the same transaction, under a lock, so two runs at once
leave one result and a reader never sees half a month.
"""

from __future__ import annotations

import zlib
from datetime import date

from sqlalchemy import delete, func, insert, literal, select, text
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.errors import InvalidInput, NotFound
from jobs_app.models import Household, Recount, RecountEntry, Role, Worker, WorkerStatusChange
from jobs_app.services import audit, periods
from jobs_app.services.access import Actor, require


def run(session: Session, *, actor: Actor, period: str, trigger: str = "manual") -> Recount:
    """Recount ``period``: as of its last day when past, as of today when current."""
    require(actor, Role.bureau)
    first, last = periods.parse(period)
    today = clock.today()
    if first > today:
        raise InvalidInput.field("period", "A month that has not begun cannot be recounted.")
    _lock(session, period)
    _forget(session, period)
    recount = Recount(
        period=period, as_of=min(last, today), run_by_id=actor.user_id, trigger=trigger
    )
    session.add(recount)
    session.flush()
    session.execute(_snapshot(recount.id, recount.as_of, session.get_bind().dialect.name))
    recount.workers = session.scalar(
        select(func.count()).where(RecountEntry.recount_id == recount.id)
    )
    audit.record(
        session,
        actor=actor,
        action="recount",
        entity="recount",
        entity_id=recount.id,
        detail={"period": period, "workers": recount.workers, "trigger": trigger},
    )
    return recount


def get(session: Session, *, actor: Actor, period: str) -> Recount:
    require(actor, Role.bureau, Role.desk)
    periods.parse(period)
    recount = session.scalar(select(Recount).where(Recount.period == period))
    if recount is None:
        raise NotFound()
    return recount


def get_all(session: Session, *, actor: Actor) -> list[Recount]:
    require(actor, Role.bureau, Role.desk)
    return list(session.scalars(select(Recount).order_by(Recount.period.desc())))


def exists(session: Session, period: str) -> bool:
    return session.scalar(select(Recount.id).where(Recount.period == period)) is not None


def missing_periods(session: Session, *, up_to: str, months_back: int = 24) -> list[str]:
    """Months up to ``up_to`` with registered workers but no recount: what downtime skipped."""
    earliest = session.scalar(select(func.min(WorkerStatusChange.since)))
    if earliest is None:
        return []
    start = max(periods.of(earliest), periods.shift(up_to, -(months_back - 1)))
    done = set(session.scalars(select(Recount.period)))
    wanted, period = [], start
    while period <= up_to:
        if period not in done:
            wanted.append(period)
        period = periods.shift(period, 1)
    return wanted


def _lock(session: Session, period: str) -> None:
    """Serialise runs of one month. PostgreSQL: a transaction-scoped advisory lock; SQLite
    serialises writers itself, and the DELETE below is this transaction's first write."""
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"recount:{period}".encode())
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _forget(session: Session, period: str) -> None:
    previous = select(Recount.id).where(Recount.period == period).scalar_subquery()
    session.execute(delete(RecountEntry).where(RecountEntry.recount_id == previous))
    session.execute(delete(Recount).where(Recount.period == period))


def _snapshot(recount_id: int, as_of: date, dialect: str):
    """INSERT … SELECT of each worker's latest status on or before ``as_of``.

    Workers whose first recorded status is later than ``as_of`` were not registered yet and
    are left out. The category is the household's current one (categories carry no history).
    """
    rows = (
        select(
            literal(recount_id),
            Worker.id,
            Worker.township_id,
            Household.category,
            Worker.ability,
            (latest := _latest_status(as_of, dialect)).c.status,
            latest.c.since,
        )
        .join(latest, latest.c.worker_id == Worker.id)
        .join(Household, Household.id == Worker.household_id)
    )
    columns = ["recount_id", "worker_id", "township_id", "category", "ability", "status",
               "status_since"]  # fmt: skip
    return insert(RecountEntry).from_select(columns, rows)


def _latest_status(as_of: date, dialect: str):
    """Each worker's last status change on or before ``as_of``: PostgreSQL's DISTINCT ON,
    or a window function elsewhere."""
    change = WorkerStatusChange
    newest_first = (change.since.desc(), change.id.desc())
    if dialect == "postgresql":
        return (
            select(change.worker_id, change.status, change.since)
            .where(change.since <= as_of)
            .ext(distinct_on(change.worker_id))
            .order_by(change.worker_id, *newest_first)
            .subquery()
        )
    ranked = (
        select(
            change.worker_id,
            change.status,
            change.since,
            func.row_number()
            .over(partition_by=change.worker_id, order_by=newest_first)
            .label("rank"),
        )
        .where(change.since <= as_of)
        .subquery()
    )
    return (
        select(ranked.c.worker_id, ranked.c.status, ranked.c.since)
        .where(ranked.c.rank == 1)
        .subquery()
    )
