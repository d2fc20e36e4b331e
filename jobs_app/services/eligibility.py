"""The hard limits a referral must respect (SPEC: ages and wishes are limits, not preferences)."""

from __future__ import annotations

from datetime import date

from jobs_app.errors import InvalidInput
from jobs_app.identity import MIN_WORKING_AGE, age_on
from jobs_app.models import Ability, Opening, OpeningStatus, WishScope, Worker, WorkerStatus
from jobs_app.places import CHONGQING


def check_referable(worker: Worker, opening: Opening, today: date) -> None:
    """Raise an input error naming the first limit the pair breaks."""
    if worker.status != WorkerStatus.seeking:
        raise InvalidInput.field("worker_id", "The worker is not seeking work.")
    if worker.ability == Ability.none:
        raise InvalidInput.field("worker_id", "Workers without labor ability are not referred.")
    if opening.status != OpeningStatus.open or opening.hired_count >= opening.headcount:
        raise InvalidInput.field("opening_id", "The opening is not open.")
    age = age_on(worker.birth_date, today)
    if age < max(MIN_WORKING_AGE, opening.age_min) or age > opening.age_max:
        raise InvalidInput.field("worker_id", "The worker's age is outside the opening's range.")
    problem = wish_problem(worker, opening)
    if problem:
        raise InvalidInput.field("opening_id", problem)


def wish_problem(worker: Worker, opening: Opening) -> str | None:
    """The worker's wish the opening breaks, if any (the commute limit is matching's)."""
    if worker.wish_scope == WishScope.local and opening.township_id is None:
        return "The worker wants work near home only."
    if worker.wish_scope == WishScope.province and opening.province != CHONGQING:
        return "The worker wants work in Chongqing only."
    named = set(worker.wish_provinces or [])
    outside = opening.province != CHONGQING and opening.province not in named
    if worker.wish_scope == WishScope.anywhere and named and outside:
        return "The opening is not in a province the worker named."
    if worker.wish_min_wage and opening.wage_max < worker.wish_min_wage:
        return "The opening pays less than the worker's minimum wage."
    return None
