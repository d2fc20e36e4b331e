"""Demo data for a fresh installation: Wanzhou's townships filled with households, workers,
employers, openings and two years of placements, the same every time for a given day."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobs_app.models import (
    Employer,
    Role,
    Township,
    User,
    Worker,
    WorkerStatusChange,
)
from jobs_app.services import audit, users
from jobs_app.services.access import Actor
from jobs_app.services.demo import jobs
from jobs_app.services.demo.history import History, settle_openings
from jobs_app.services.demo.people import People

SEED = 2020
ADMIN = Actor(user_id=None, role=Role.admin)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    scope: str


def is_loaded(session: Session) -> bool:
    return session.scalar(select(User.id).where(User.username == "bureau")) is not None


def seed(session: Session, *, today: date, households: int = 1900) -> list[DemoAccount]:
    """Load the demo into an empty registry; returns the demo accounts with their passwords."""
    rng = random.Random(SEED)
    townships = list(session.scalars(select(Township).order_by(Township.code)))
    employers = _employers(session, rng, townships)
    openings = _openings(session, rng, employers, today)
    workers = _workers(session, rng, townships, today, households)
    history = History(rng, today, openings, {e.id: e.kind for e in employers})
    for worker in workers:
        history.live(worker)
    settle_openings(openings, today)
    _store(session, history)
    accounts = _accounts(session, townships, employers)
    audit.record(
        session,
        actor=Actor.system(),
        action="seed_demo",
        entity="registry",
        detail={"workers": len(workers), "openings": len(openings)},
    )
    return accounts


def summary(session: Session) -> dict[str, int]:
    statuses = session.execute(select(Worker.status, func.count()).group_by(Worker.status))
    return {status.value: n for status, n in statuses}


def _employers(session, rng, townships) -> list[Employer]:
    made = jobs.employers(rng, townships)
    session.add_all(made)
    session.flush()
    return made


def _openings(session, rng, employers, today):
    starts = jobs.start_dates(rng, today, past=110, future=200)
    far_first = sorted(employers, key=lambda e: e.township_id is not None)
    made = [jobs.opening(rng, rng.choice(far_first), start, today) for start in starts]
    session.add_all(made)
    session.flush()
    return made


def _workers(session, rng, townships, today, households) -> list[Worker]:
    people = People(rng, today)
    homes = [people.household(rng.choice(townships)) for _ in range(households)]
    session.add_all(homes)
    session.flush()
    workers = []
    for home in homes:
        size = rng.choices((1, 2, 3), weights=(50, 38, 12))[0]
        workers += [people.worker(home, head=(n == 0), since=today) for n in range(size)]
    session.add_all(workers)
    session.flush()
    return workers


def _store(session: Session, history: History) -> None:
    session.add_all(history.timeline.referrals)
    session.flush()
    session.add_all(history.timeline.visits)
    session.add_all(
        WorkerStatusChange(
            worker_id=worker.id,
            status=status,
            since=since,
            reason=reason,
            referral_id=referral.id if referral else None,
        )
        for worker, status, since, reason, referral in history.timeline.changes
    )
    session.flush()


def _accounts(session, townships, employers) -> list[DemoAccount]:
    by_name = {t.name: t for t in townships}
    employer_ids = {e.name: e.id for e in employers}
    cast = [
        ("admin", Role.admin, {}, "系统管理员"),
        ("bureau", Role.bureau, {}, "万州区人社局"),
        ("desk_longsha", Role.desk, {"township_code": by_name["龙沙镇"].code}, "龙沙镇"),
        ("desk_longju", Role.desk, {"township_code": by_name["龙驹镇"].code}, "龙驹镇"),
        (
            "employer_longsha",
            Role.employer,
            {"employer_id": employer_ids["龙沙玩具扶贫车间"]},
            "龙沙玩具扶贫车间",
        ),
        (
            "employer_jining",
            Role.employer,
            {"employer_id": employer_ids["济宁如意纺织有限公司"]},
            "济宁如意纺织有限公司",
        ),
    ]
    accounts = []
    for username, role, scope, label in cast:
        password = secrets.token_urlsafe(9)
        users.create(session, actor=ADMIN, username=username, password=password, role=role, **scope)
        accounts.append(DemoAccount(username, password, role.value, label))
    return accounts
