"""The zero-clearing list (清零名单): a recount's seeking workers, and the desks' follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.errors import InvalidInput
from jobs_app.models import (
    FollowUp,
    FollowUpKind,
    Household,
    RecountEntry,
    Role,
    Township,
    Worker,
    WorkerStatus,
)
from jobs_app.services import audit, recounts, townships, workers
from jobs_app.services.access import Actor, require
from jobs_app.services.paging import Page


@dataclass(frozen=True)
class SeekingWorker:
    worker_id: int
    name: str
    phone: str | None
    township_code: str
    township_name: str
    village: str | None
    category: str
    days_seeking: int
    seeking_since: date
    helper_name: str | None
    helper_phone: str | None
    last_follow_up: FollowUp | None = None


def seeking(
    session: Session,
    *,
    actor: Actor,
    period: str,
    township_code: str | None = None,
    page: int,
    per_page: int,
) -> Page:
    """Seeking workers of the recount, longest-seeking first; a desk sees its township's."""
    recount = recounts.get(session, actor=actor, period=period)
    statement = (
        select(RecountEntry, Worker, Household, Township)
        .join(Worker, Worker.id == RecountEntry.worker_id)
        .join(Household, Household.id == Worker.household_id)
        .join(Township, Township.id == RecountEntry.township_id)
        .where(RecountEntry.recount_id == recount.id, RecountEntry.status == WorkerStatus.seeking)
        .order_by(RecountEntry.status_since, RecountEntry.worker_id)
    )
    if actor.role == Role.desk:
        statement = statement.where(RecountEntry.township_id == actor.township_id)
    if township_code:
        township_id = townships.get_by_code(session, township_code).id
        statement = statement.where(RecountEntry.township_id == township_id)
    found = _paginate_rows(session, statement, page, per_page)
    latest = _latest_follow_ups(session, [row[1].id for row in found.items])
    items = [_seeking_worker(recount.as_of, *row, latest.get(row[1].id)) for row in found.items]
    return Page(items=items, total=found.total, page=page, per_page=per_page)


def follow_up(
    session: Session,
    *,
    actor: Actor,
    worker_id: int,
    kind: FollowUpKind,
    done_on: date | None = None,
    note: str | None = None,
) -> FollowUp:
    """Record a follow-up; "no longer seeking" also takes the worker off the list."""
    require(actor, Role.desk, Role.bureau)
    worker = workers.get(session, actor=actor, worker_id=worker_id, audit_read=False)
    day = done_on or clock.today()
    if kind == FollowUpKind.no_longer_seeking:
        if not (note or "").strip():
            raise InvalidInput.field("note", "A reason is required for not seeking work.")
        workers.change_status(
            session,
            actor=actor,
            worker=worker,
            status=WorkerStatus.not_seeking,
            since=day,
            reason=note,
        )
    record = FollowUp(worker_id=worker.id, kind=kind, done_on=day, note=note, by_id=actor.user_id)
    session.add(record)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="follow_up",
        entity="worker",
        entity_id=worker.id,
        detail={"kind": kind.value},
    )
    return record


def follow_ups(session: Session, *, actor: Actor, worker_id: int) -> list[FollowUp]:
    workers.get(session, actor=actor, worker_id=worker_id, audit_read=False)
    statement = select(FollowUp).where(FollowUp.worker_id == worker_id)
    return list(session.scalars(statement.order_by(FollowUp.done_on.desc(), FollowUp.id.desc())))


def _paginate_rows(session: Session, statement, page: int, per_page: int) -> Page:
    counted = statement.with_only_columns(RecountEntry.worker_id).order_by(None).subquery()
    total = session.scalar(select(func.count()).select_from(counted))
    rows = session.execute(statement.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items=rows, total=total, page=page, per_page=per_page)


def _latest_follow_ups(session: Session, worker_ids: list[int]) -> dict[int, FollowUp]:
    statement = select(FollowUp).where(FollowUp.worker_id.in_(worker_ids))
    latest: dict[int, FollowUp] = {}
    for record in session.scalars(statement.order_by(FollowUp.done_on, FollowUp.id)):
        latest[record.worker_id] = record
    return latest


def _seeking_worker(as_of, entry, worker, household, township, last) -> SeekingWorker:
    return SeekingWorker(
        worker_id=worker.id,
        name=worker.name,
        phone=worker.phone,
        township_code=township.code,
        township_name=township.name,
        village=household.village,
        category=entry.category.value,
        days_seeking=(as_of - entry.status_since).days,
        seeking_since=entry.status_since,
        helper_name=household.helper_name,
        helper_phone=household.helper_phone,
        last_follow_up=last,
    )
