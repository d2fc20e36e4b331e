"""Matching for the registry: load plain profiles, call the ``matching`` library, and keep
the built indexes while the data they were built from has not changed."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import String, bindparam, cast, func, select
from sqlalchemy.orm import Session, joinedload, lazyload, load_only, with_expression

from jobs_app import clock
from jobs_app.models import (
    Household,
    MatchingModel,
    Opening,
    OpeningStatus,
    Referral,
    ReferralStatus,
    Role,
    Worker,
    WorkerStatus,
)
from jobs_app.services import learning, profiles
from jobs_app.services import openings as opening_service
from jobs_app.services import workers as worker_service
from jobs_app.services.access import Actor, require
from matching.rank import OpeningIndex, WorkerIndex
from matching.records import Match, MatchConfig


@dataclass(frozen=True)
class RankedOpening:
    match: Match
    opening: Opening


@dataclass(frozen=True)
class RankedWorker:
    match: Match
    worker: Worker


def config() -> MatchConfig:
    return MatchConfig()


class _Cache:
    """One built index per kind, rebuilt when its rows' fingerprint changes.

    Asking the database for the fingerprint costs a query (and PostgreSQL's CPU) on every
    call; under a district's peak that is most of a matches request. So an entry younger
    than ``max_age`` seconds is reused without asking: a change made elsewhere shows in
    matches within that window, and a referral to an opening filled meanwhile is still
    refused by the conditional hire.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] = {}
        self.max_age = 0.0

    def get(self, kind: str, fingerprint, build, max_age: float | None = None):
        """The cached value of ``kind``; ``fingerprint`` and ``build`` are called only
        when the entry is older than ``max_age`` (default: the configured one)."""
        max_age = self.max_age if max_age is None else max_age
        with self._lock:
            entry = self._entries.get(kind)
        if entry and time.monotonic() - entry.checked < max_age:
            return entry.value
        current = fingerprint()
        if entry and entry.fingerprint == current:
            entry.checked = time.monotonic()
            return entry.value
        built = build()
        with self._lock:
            self._entries[kind] = _Entry(current, built, time.monotonic())
        return built

    def recent(self, kind: str, load, max_age: float | None = None):
        """The value of ``kind`` loaded less than ``max_age`` seconds ago, or loaded now."""
        return self.get(kind, object, load, max_age)


@dataclass
class _Entry:
    fingerprint: object
    value: object
    checked: float


_cache = _Cache()


def configure(*, index_max_age: float) -> None:
    """How long (seconds) a built index is trusted before its fingerprint is checked again."""
    _cache.max_age = max(0.0, float(index_max_age))


def township_places(session: Session, max_age: float | None = None) -> dict:
    """The townships by id; reference data, so re-read only when the cache is stale."""
    return _cache.recent("townships", lambda: profiles.township_places(session), max_age)


def _open_openings_statement(today: date):
    return select(Opening).where(
        Opening.status == OpeningStatus.open,
        Opening.start_date >= today,
        Opening.hired_count < Opening.headcount,
    )


def _loader(session: Session) -> Session:
    """A session of its own on the request's connection (so it sees the same data) whose rows
    the index may keep: the request's commit would expire rows loaded in the request's
    session, and the index outlives the request."""
    return Session(bind=session.connection(), autoflush=False)


def opening_index(
    session: Session, today: date, max_age: float | None = None
) -> tuple[OpeningIndex, dict[int, Opening]]:
    """The index of open openings, rebuilt only after an opening or the active model changed."""

    active = {}

    def fingerprint():
        model_id, active["ranker"] = learning.active_ranker(session)
        totals = select(func.count(), func.max(Opening.updated_at), func.sum(Opening.hired_count))
        return (today, model_id, *session.execute(totals).one())

    def build():  # always after fingerprint(), which found the active ranker
        ranker = active["ranker"]
        with _loader(session) as loader:
            places = profiles.township_places(loader)
            found = list(loader.scalars(_open_openings_statement(today)))
            rows = [profiles.opening_profile(o, places) for o in found]
        return OpeningIndex.build(rows, config(), learned=ranker), {o.id: o for o in found}

    return _cache.get("openings", fingerprint, build, max_age)


def seeking_index(
    session: Session, today: date, max_age: float | None = None
) -> tuple[WorkerIndex, dict[int, Worker]]:
    """The index of seeking workers, rebuilt only after a worker changed."""

    def fingerprint():
        totals = select(func.count(), func.max(Worker.updated_at)).where(
            Worker.status == WorkerStatus.seeking
        )
        return (today, *session.execute(totals).one())

    def build():
        with _loader(session) as loader:
            places = profiles.township_places(loader)
            seeking = select(Worker).where(Worker.status == WorkerStatus.seeking)
            found = list(loader.scalars(seeking))
            rows = [profiles.worker_profile(w, today, places) for w in found]
        return WorkerIndex.build(rows, config()), {w.id: w for w in found}

    return _cache.get("workers", fingerprint, build, max_age)


# The openings a worker is referred to and awaits word from, as "3,17" (or ""): read in the
# same query as the worker, one round trip less on the busiest request. Built once: building
# the expression cost as much as running it.
PENDING_OPENING_IDS = func.coalesce(
    select(func.aggregate_strings(cast(Referral.opening_id, String), ","))
    .where(Referral.worker_id == Worker.id, Referral.status == ReferralStatus.referred)
    .scalar_subquery(),
    "",
)
# Refreshes a worker the session already holds, so the expression is always loaded. Only
# the columns a worker's profile reads (profiles.worker_profile) and the desk's scope:
# 19 columns where the whole worker, household and township were 43 (psycopg and the ORM
# spend per column and row; with the reasons below, matches −4 % in bench/request_cost.py).
WORKER_WITH_PENDING = (
    select(Worker)
    .where(Worker.id == bindparam("worker_id"))
    .options(
        with_expression(Worker.pending_opening_ids, PENDING_OPENING_IDS),
        load_only(*profiles.WORKER_PROFILE_COLUMNS),
        joinedload(Worker.household)
        .load_only(*profiles.HOUSEHOLD_PROFILE_COLUMNS)
        .lazyload(Household.township),
        lazyload(Worker.township),
    )
    .execution_options(populate_existing=True)
)


def matches_for_worker(
    session: Session, *, actor: Actor, worker_id: int, limit: int
) -> list[RankedOpening]:
    """The openings that suit a worker best, with reasons; none breaks a hard limit."""
    worker = worker_service.get(
        session, actor=actor, worker_id=worker_id, audit_read=False, statement=WORKER_WITH_PENDING
    )
    pending = {int(n) for n in worker.pending_opening_ids.split(",") if n}
    return suggest(session, [worker], limit=limit, pending={worker.id: pending})[worker.id]


def suggest(
    session: Session,
    workers: list[Worker],
    *,
    limit: int,
    pending: dict[int, set[int]] | None = None,
) -> dict[int, list]:
    """The best openings for each worker, leaving out those she is already referred to
    (``pending``: those openings by worker, when the caller has read them already)."""
    today = clock.today()
    index, by_id = opening_index(session, today)
    townships = township_places(session)
    if pending is None:
        pending = _pending_referrals(session, [worker.id for worker in workers])
    ranked = {}
    for worker in workers:
        skip = pending.get(worker.id, set())
        profile = profiles.worker_profile(worker, today, townships)
        matches = index.rank_for_worker(profile, today, limit + len(skip))
        fresh = [m for m in matches if m.opening_id not in skip][:limit]
        ranked[worker.id] = [RankedOpening(match, by_id[match.opening_id]) for match in fresh]
    return ranked


def _pending_referrals(session: Session, worker_ids: list[int]) -> dict[int, set[int]]:
    rows = session.execute(
        select(Referral.worker_id, Referral.opening_id).where(
            Referral.worker_id.in_(worker_ids), Referral.status == ReferralStatus.referred
        )
    )
    pending: dict[int, set[int]] = {}
    for worker_id, opening_id in rows:
        pending.setdefault(worker_id, set()).add(opening_id)
    return pending


def candidates_for_opening(
    session: Session, *, actor: Actor, opening_id: int, limit: int
) -> list[RankedWorker]:
    """The seeking workers who suit an opening best; a desk sees its own township's only."""
    require(actor, Role.desk, Role.bureau)
    opening = opening_service.get(session, actor=actor, opening_id=opening_id)
    today = clock.today()
    index, by_id = seeking_index(session, today)
    profile = profiles.opening_profile(opening, township_places(session))
    wanted = limit if actor.role == Role.bureau else len(by_id)
    ranked = index.rank_for_opening(profile, today, wanted)
    visible = [
        RankedWorker(match, by_id[match.worker_id])
        for match in ranked
        if actor.role == Role.bureau or by_id[match.worker_id].township_id == actor.township_id
    ]
    return visible[:limit]


def retrain(session: Session, *, models_dir: Path) -> MatchingModel:
    """Train on the outcomes so far, in the vocabulary of the index it will rank with."""
    index, _ = opening_index(session, clock.today(), max_age=0)
    return learning.train(session, models_dir=models_dir, config=config(), text=index.text)
