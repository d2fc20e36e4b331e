"""Who is acting, and what their role lets them see and do (SPEC's table of users)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select

from jobs_app.errors import Forbidden
from jobs_app.models import Employer, Opening, Referral, Role, User, Worker


@dataclass(frozen=True)
class Actor:
    """The authenticated user as services need it: id, role and scope."""

    user_id: int | None
    role: Role
    township_id: int | None = None
    employer_id: int | None = None

    @classmethod
    def of(cls, user: User) -> Actor:
        """The actor an account acts as."""
        return cls(user.id, user.role, user.township_id, user.employer_id)

    @classmethod
    def system(cls) -> Actor:
        """The service itself (CLI, scheduler, demo data): bureau-wide, no user."""
        return cls(user_id=None, role=Role.bureau)


def require(actor: Actor, *roles: Role) -> None:
    if actor.role not in roles:
        raise Forbidden()


def sees_identity(actor: Actor) -> bool:
    """Desks (for their own workers) and the bureau see full ID numbers and phones."""
    return actor.role in (Role.desk, Role.bureau)


def scope_workers(statement: Select, actor: Actor) -> Select:
    """Limit a worker query to what the actor may see."""
    if actor.role == Role.bureau:
        return statement
    if actor.role == Role.desk:
        return statement.where(Worker.township_id == actor.township_id)
    raise Forbidden()


def may_see_worker(actor: Actor, worker: Worker) -> bool:
    if actor.role == Role.bureau:
        return True
    return actor.role == Role.desk and worker.township_id == actor.township_id


def scope_referrals(statement: Select, actor: Actor) -> Select:
    """Desks see referrals of their workers; employers those to their own openings."""
    if actor.role == Role.bureau:
        return statement
    if actor.role == Role.desk:
        return statement.where(Referral.worker.has(Worker.township_id == actor.township_id))
    if actor.role == Role.employer:
        return statement.where(Referral.opening.has(Opening.employer_id == actor.employer_id))
    raise Forbidden()


def may_see_referral(actor: Actor, referral: Referral) -> bool:
    if actor.role == Role.employer:
        return referral.opening.employer_id == actor.employer_id
    return actor.role != Role.admin and may_see_worker(actor, referral.worker)


def may_see_employer(actor: Actor, employer: Employer) -> bool:
    if actor.role == Role.employer:
        return employer.id == actor.employer_id
    return actor.role in (Role.desk, Role.bureau)
