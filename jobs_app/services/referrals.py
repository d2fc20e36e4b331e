"""Referrals and placements: refer, hire, decline, no-show, leave.

Headcount and one-placement-per-worker are guarded twice: a conditional UPDATE here, so
racing hires queue on the opening's row and the loser sees the opening full, and the
database's CHECK and partial unique index, so no code path can break them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, lazyload

from jobs_app import clock
from jobs_app.errors import (
    Conflict,
    HeadcountFull,
    InvalidInput,
    InvalidTransition,
    NotFound,
    WorkerAlreadyPlaced,
)
from jobs_app.models import (
    Opening,
    OpeningStatus,
    Referral,
    ReferralStatus,
    Role,
    Worker,
    WorkerStatus,
)
from jobs_app.services import audit, openings, places, workers
from jobs_app.services.access import (
    Actor,
    may_see_referral,
    require,
    scope_referrals,
    sees_identity,
)
from jobs_app.services.eligibility import check_referable
from jobs_app.services.paging import Page, paginate

# A referral as its answers show it: the worker with their township, the opening with its
# employer. The models' own joins would add the worker's household and three townships more:
# eleven tables, whose join order PostgreSQL took longer to plan than to run (~4 ms a list).
SHOWN = (
    joinedload(Referral.worker).lazyload(Worker.household),
    joinedload(Referral.opening).options(lazyload(Opening.township), *openings.SHOWN),
)


def get(session: Session, *, actor: Actor, referral_id: int, audit_read: bool = False) -> Referral:
    """One referral the actor may see; with ``audit_read`` an unmasked worker read is logged."""
    require(actor, Role.desk, Role.bureau, Role.employer)
    referral = session.get(Referral, referral_id, options=SHOWN)
    if referral is None or not may_see_referral(actor, referral):
        raise NotFound()
    if audit_read and sees_identity(actor):
        audit.record(session, actor=actor, action="read_unmasked", entity="worker",
                     entity_id=referral.worker_id, detail={"referral_id": referral.id})  # fmt: skip
    return referral


def get_all(
    session: Session,
    *,
    actor: Actor,
    page: int,
    per_page: int,
    status: str | None = None,
    worker_id: int | None = None,
    opening_id: int | None = None,
) -> Page:
    statement = scope_referrals(
        select(Referral).options(*SHOWN).order_by(Referral.id.desc()), actor
    )
    if status:
        statement = statement.where(Referral.status == status)
    if worker_id:
        statement = statement.where(Referral.worker_id == worker_id)
    if opening_id:
        statement = statement.where(Referral.opening_id == opening_id)
    return paginate(session, statement, page=page, per_page=per_page)


def create(
    session: Session, *, actor: Actor, worker_id: int, opening_id: int, note: str | None = None
) -> Referral:
    """A desk (or the bureau) puts one of its seeking workers forward for an open opening."""
    require(actor, Role.desk, Role.bureau)
    worker = _worker(session, actor, worker_id)
    opening = _opening(session, actor, opening_id)
    check_referable(worker, opening, clock.today())
    if _open_referral_exists(session, worker.id, opening.id):
        raise Conflict("The worker is already referred to this opening.")
    # Given the loaded worker and opening, not their ids, the answer needs no query for them.
    referral = Referral(
        worker=worker, opening=opening, status=ReferralStatus.referred,
        referred_on=clock.today(), referred_by_id=actor.user_id, note=note,
    )  # fmt: skip
    session.add(referral)
    try:
        session.flush()
    except IntegrityError:
        raise Conflict("The worker is already referred to this opening.") from None
    _audit(session, actor, "refer", referral)
    return referral


def hire(
    session: Session, *, actor: Actor, referral_id: int, start_date: date, wage: int
) -> Referral:
    """Confirm a hire: take one headcount, place the worker, set their status."""
    referral = _for_placement(session, actor, referral_id)
    if referral.status != ReferralStatus.referred:
        raise InvalidTransition()
    _check_not_before(start_date, referral.referred_on, "start_date")
    if workers.has_active_placement(session, referral.worker_id):
        raise WorkerAlreadyPlaced()
    _take_headcount(session, referral.opening_id)
    _move_referral(session, referral, ReferralStatus.referred, ReferralStatus.hired,
                   hired_on=start_date, wage=wage, hired_by_id=actor.user_id)  # fmt: skip
    opening = referral.opening
    workers.change_status(
        session, actor=actor, worker=referral.worker, referral_id=referral.id,
        status=places.employment_status(opening.province, opening.township_id,
                                        opening.employer.kind),
        since=start_date, by_placement=True,
    )  # fmt: skip
    _audit(session, actor, "hire", referral)
    return referral


def leave(session: Session, *, actor: Actor, referral_id: int, date: date, reason: str) -> Referral:
    """A placed worker left: free the headcount and count them as seeking again."""
    referral = _for_placement(session, actor, referral_id)
    if referral.status != ReferralStatus.hired:
        raise InvalidTransition()
    _check_not_before(date, referral.hired_on, "date")
    _end_placement(session, actor, referral, ReferralStatus.left, date, reason)
    _audit(session, actor, "leave", referral)
    return referral


def decline(
    session: Session,
    *,
    actor: Actor,
    referral_id: int,
    date: date | None = None,
    reason: str | None = None,
) -> Referral:
    """The employer (or the worker, through the desk) turned the referral down."""
    referral = _for_placement(session, actor, referral_id)
    day = date or clock.today()
    _check_not_before(day, referral.referred_on, "date")
    _move_referral(session, referral, ReferralStatus.referred, ReferralStatus.declined,
                   ended_on=day, end_reason=reason, ended_by_id=actor.user_id)  # fmt: skip
    _audit(session, actor, "decline", referral)
    return referral


def no_show(
    session: Session,
    *,
    actor: Actor,
    referral_id: int,
    date: date | None = None,
    reason: str | None = None,
) -> Referral:
    """The worker did not turn up: to the interview, or on the first day after a hire."""
    referral = _for_placement(session, actor, referral_id)
    day = date or clock.today()
    _check_not_before(day, referral.referred_on, "date")
    if referral.status == ReferralStatus.hired:
        _end_placement(session, actor, referral, ReferralStatus.no_show, day, reason)
    else:
        _move_referral(session, referral, ReferralStatus.referred, ReferralStatus.no_show,
                       ended_on=day, end_reason=reason, ended_by_id=actor.user_id)  # fmt: skip
    _audit(session, actor, "no_show", referral)
    return referral


def _end_placement(session, actor, referral, status, day, reason) -> None:
    _move_referral(session, referral, ReferralStatus.hired, status,
                   ended_on=day, end_reason=reason, ended_by_id=actor.user_id)  # fmt: skip
    _release_headcount(session, referral.opening_id)
    workers.change_status(
        session, actor=actor, worker=referral.worker, status=WorkerStatus.seeking,
        since=day, reason=reason, referral_id=referral.id, by_placement=True,
    )  # fmt: skip


def _take_headcount(session: Session, opening_id: int) -> None:
    """One atomic, conditional increment: concurrent hires queue on the row lock."""
    taken = session.execute(
        update(Opening)
        .where(
            Opening.id == opening_id,
            Opening.status == OpeningStatus.open,
            Opening.hired_count < Opening.headcount,
        )
        .values(
            hired_count=Opening.hired_count + 1,
            status=case(
                (Opening.hired_count + 1 >= Opening.headcount, OpeningStatus.filled.value),
                else_=Opening.status,
            ),
        )
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        raise HeadcountFull()
    session.expire_all()


def _release_headcount(session: Session, opening_id: int) -> None:
    session.execute(
        update(Opening)
        .where(Opening.id == opening_id, Opening.hired_count > 0)
        .values(
            hired_count=Opening.hired_count - 1,
            status=case(
                (Opening.status == OpeningStatus.filled.value, OpeningStatus.open.value),
                else_=Opening.status,
            ),
        )
        .execution_options(synchronize_session=False)
    )
    session.expire_all()


def _move_referral(session, referral, from_status, to_status, **values) -> None:
    """Change a referral's status only from the expected one, so a double submit is refused."""
    try:
        moved = session.execute(
            update(Referral)
            .where(Referral.id == referral.id, Referral.status == from_status)
            .values(status=to_status, updated_at=clock.now(), **values)
            .execution_options(synchronize_session=False)
        )
    except IntegrityError:
        raise WorkerAlreadyPlaced() from None
    if moved.rowcount != 1:
        raise InvalidTransition()
    session.expire_all()


def _for_placement(session: Session, actor: Actor, referral_id: int) -> Referral:
    require(actor, Role.desk, Role.bureau, Role.employer)
    return get(session, actor=actor, referral_id=referral_id)


def _worker(session: Session, actor: Actor, worker_id: int) -> Worker:
    try:
        return workers.get(session, actor=actor, worker_id=worker_id, audit_read=False)
    except NotFound:
        raise InvalidInput.field("worker_id", "Unknown worker.") from None


def _opening(session: Session, actor: Actor, opening_id: int) -> Opening:
    try:
        return openings.get(session, actor=actor, opening_id=opening_id)
    except NotFound:
        raise InvalidInput.field("opening_id", "Unknown opening.") from None


def _open_referral_exists(session: Session, worker_id: int, opening_id: int) -> bool:
    found = session.scalar(
        select(Referral.id).where(
            Referral.worker_id == worker_id,
            Referral.opening_id == opening_id,
            Referral.status == ReferralStatus.referred,
        )
    )
    return found is not None


def _check_not_before(day: date, earliest: date | None, field: str) -> None:
    if earliest is not None and day < earliest:
        raise InvalidInput.field(field, "A date cannot be before the referral.")


def _audit(session: Session, actor: Actor, action: str, referral: Referral) -> None:
    audit.record(
        session, actor=actor, action=action, entity="referral", entity_id=referral.id,
        detail={"worker_id": referral.worker_id, "opening_id": referral.opening_id},
    )  # fmt: skip
