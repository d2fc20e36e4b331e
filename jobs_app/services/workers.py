"""Workers: registration, changes, status history and search."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from jobs_app import clock
from jobs_app.errors import Conflict, InvalidInput, NotFound
from jobs_app.identity import MIN_WORKING_AGE, InvalidIdNumber, age_on, parse_id_number
from jobs_app.models import (
    Household,
    Referral,
    ReferralStatus,
    Role,
    Worker,
    WorkerStatus,
    WorkerStatusChange,
)
from jobs_app.services import audit, households, townships
from jobs_app.services.access import Actor, may_see_worker, require, scope_workers, sees_identity
from jobs_app.services.paging import Page, paginate

# A worker as answers show them: with their household's facts but not its township (the
# worker's own is joined, and it is the same one); the models' defaults join township twice.
SHOWN = (joinedload(Worker.household).lazyload(Household.township),)
HOUSEHOLD_FIELDS = ("category", "dibao", "tekun", "village", "helper_name", "helper_phone")
DUPLICATE_ID = "A worker with this ID number is already registered."


def get(
    session: Session,
    *,
    actor: Actor,
    worker_id: int,
    audit_read: bool = True,
    statement: Select | None = None,
) -> Worker:
    """One worker the actor may see; reading it unmasked is written to the audit log.
    ``statement`` selects the worker by ``:worker_id`` and loads more with it; built once
    and reused, it keeps its cache key (generating it was a tenth of a matches request)."""
    require(actor, Role.desk, Role.bureau)
    if statement is None:
        worker = session.get(Worker, worker_id, options=SHOWN)
    else:
        worker = session.scalars(statement, {"worker_id": worker_id}).one_or_none()
    if worker is None or not may_see_worker(actor, worker):
        raise NotFound()
    if audit_read and sees_identity(actor):
        audit.record(
            session, actor=actor, action="read_unmasked", entity="worker", entity_id=worker.id
        )
    return worker


def get_all(
    session: Session,
    *,
    actor: Actor,
    page: int,
    per_page: int,
    township_code: str | None = None,
    status: str | None = None,
    category: str | None = None,
    ability: str | None = None,
    q: str | None = None,
) -> Page:
    statement = scope_workers(select(Worker).options(*SHOWN).order_by(Worker.id), actor)
    if township_code:
        township = townships.get_by_code(session, township_code)
        statement = statement.where(Worker.township_id == township.id)
    if status:
        statement = statement.where(Worker.status == status)
    if ability:
        statement = statement.where(Worker.ability == ability)
    if category:
        statement = statement.where(Worker.household.has(Household.category == category))
    if q:
        statement = statement.where(_matches_text(q.strip()))
    return paginate(session, statement, page=page, per_page=per_page)


def _matches_text(text: str):
    """A name fragment, or the start of an ID number."""
    if text[:1].isdigit():
        return Worker.id_number.startswith(text.upper())
    return or_(Worker.name.contains(text), Worker.id_number == text.upper())


def create(
    session: Session,
    *,
    actor: Actor,
    id_number: str,
    township_code: str,
    household_id: int | None = None,
    wishes: dict[str, Any] | None = None,
    status: WorkerStatus = WorkerStatus.seeking,
    status_since: date | None = None,
    status_reason: str | None = None,
    **fields: Any,
) -> Worker:
    """Register a worker; a new household is made for them unless one is named."""
    require(actor, Role.desk, Role.bureau)
    identity = _identity(id_number)
    _refuse_duplicate(session, id_number)
    household_fields = {k: fields.pop(k) for k in HOUSEHOLD_FIELDS if k in fields}
    household = _household_for(session, actor, household_id, township_code, household_fields)
    _check_status_reason(status, status_reason)
    worker = Worker(
        id_number=id_number, household_id=household.id, township_id=household.township_id,
        sex=identity.sex, birth_date=identity.birth_date, status=status,
        status_since=status_since or clock.today(), status_reason=status_reason,
        **_wish_columns(wishes or {}), **fields,
    )  # fmt: skip
    session.add(worker)
    _flush_unique(session)
    _log_status(session, actor, worker)
    audit.record(session, actor=actor, action="create", entity="worker", entity_id=worker.id)
    return worker


def update(session: Session, *, actor: Actor, worker_id: int, **changes: Any) -> Worker:
    worker = get(session, actor=actor, worker_id=worker_id, audit_read=False)
    if "id_number" in changes and changes["id_number"] != worker.id_number:
        identity = _identity(changes["id_number"])
        _refuse_duplicate(session, changes["id_number"])
        worker.sex, worker.birth_date = identity.sex, identity.birth_date
    if "township_code" in changes:
        _move(session, actor, worker, changes.pop("township_code"))
    household_changes = {k: changes.pop(k) for k in HOUSEHOLD_FIELDS if k in changes}
    if household_changes:
        households.update(
            session, actor=actor, household_id=worker.household_id, **household_changes
        )
    status_changes = {
        k: changes.pop(k) for k in ("status", "status_since", "status_reason") if k in changes
    }
    for column, value in _wish_columns(changes.pop("wishes", {})).items():
        setattr(worker, column, value)
    for name, value in changes.items():
        setattr(worker, name, value)
    if status_changes.get("status"):
        change_status(session, actor=actor, worker=worker, **_status_args(status_changes))
    _flush_unique(session)
    audit.record(
        session, actor=actor, action="update", entity="worker", entity_id=worker.id,
        detail={"fields": sorted(set(changes) | set(household_changes))},
    )  # fmt: skip
    return worker


def change_status(
    session: Session,
    *,
    actor: Actor,
    worker: Worker,
    status: WorkerStatus,
    since: date | None = None,
    reason: str | None = None,
    referral_id: int | None = None,
    by_placement: bool = False,
) -> None:
    """Set a worker's status and keep its history; placements change it only through hires."""
    _check_status_reason(status, reason)
    if not by_placement and has_active_placement(session, worker.id):
        raise Conflict("The worker already holds an active placement.", {"status": [
            "The worker already holds an active placement."]})  # fmt: skip
    worker.status = status
    worker.status_since = since or clock.today()
    worker.status_reason = reason
    _log_status(session, actor, worker, referral_id)


def age(worker: Worker, on: date | None = None) -> int:
    return age_on(worker.birth_date, on or clock.today())


def _identity(id_number: str):
    try:
        identity = parse_id_number(id_number, clock.today())
    except InvalidIdNumber as error:
        raise InvalidInput.field("id_number", str(error)) from None
    if age_on(identity.birth_date, clock.today()) < MIN_WORKING_AGE:
        raise InvalidInput.field("id_number", "Workers must be at least 16 years old.")
    return identity


def _refuse_duplicate(session: Session, id_number: str) -> None:
    if session.scalar(select(Worker.id).where(Worker.id_number == id_number)) is not None:
        raise Conflict(DUPLICATE_ID, {"id_number": [DUPLICATE_ID]})


def _flush_unique(session: Session) -> None:
    """Flush; a unique-ID race lost to another desk is the same 409 as a plain duplicate."""
    try:
        session.flush()
    except IntegrityError as error:
        if "id_number" in str(error.orig):
            raise Conflict(DUPLICATE_ID, {"id_number": [DUPLICATE_ID]}) from None
        raise


def _household_for(session, actor, household_id, township_code, household_fields) -> Household:
    if household_id is None:
        return households.create(
            session, actor=actor, township_code=township_code, **household_fields
        )
    try:
        household = households.get(session, actor=actor, household_id=household_id)
    except NotFound:
        raise InvalidInput.field("household_id", "Unknown household.") from None
    if household.township.code != township_code and household.township.name != township_code:
        raise InvalidInput.field("township_code", "The household belongs to another township.")
    for name, value in household_fields.items():
        setattr(household, name, value)
    return household


def _move(session: Session, actor: Actor, worker: Worker, township_code: str) -> None:
    """Moving a worker moves the household: the township is where the household lives."""
    households.update(
        session, actor=actor, household_id=worker.household_id, township_code=township_code
    )
    worker.township_id = worker.household.township_id
    session.execute(
        Worker.__table__.update()
        .where(Worker.household_id == worker.household_id)
        .values(township_id=worker.township_id)
    )


def _wish_columns(wishes: dict[str, Any]) -> dict[str, Any]:
    names = {"scope": "wish_scope", "provinces": "wish_provinces", "min_wage": "wish_min_wage"}
    return {names[key]: value for key, value in wishes.items() if key in names}


def _status_args(changes: dict[str, Any]) -> dict[str, Any]:
    return {
        "status": changes["status"],
        "since": changes.get("status_since"),
        "reason": changes.get("status_reason"),
    }


def _check_status_reason(status: WorkerStatus, reason: str | None) -> None:
    if status == WorkerStatus.not_seeking and not (reason or "").strip():
        raise InvalidInput.field("status_reason", "A reason is required for not seeking work.")


def has_active_placement(session: Session, worker_id: int) -> bool:
    return (
        session.scalar(
            select(Referral.id).where(
                Referral.worker_id == worker_id, Referral.status == ReferralStatus.hired
            )
        )
        is not None
    )


def _log_status(session: Session, actor: Actor, worker: Worker, referral_id: int | None = None):
    session.flush()
    session.add(
        WorkerStatusChange(
            worker_id=worker.id, status=worker.status, since=worker.status_since,
            reason=worker.status_reason, referral_id=referral_id, recorded_by_id=actor.user_id,
        )
    )  # fmt: skip
