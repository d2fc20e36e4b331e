"""Two years of demo placements: referrals, hires, departures, visits and status changes,
consistent with the registry's rules (headcount, one placement per worker, ages, wishes)."""

from __future__ import annotations

import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta

from jobs_app.identity import age_on
from jobs_app.models import (
    Ability,
    Opening,
    OpeningStatus,
    Referral,
    ReferralStatus,
    Visit,
    WishScope,
    Worker,
    WorkerStatus,
)
from jobs_app.places import CHONGQING
from jobs_app.services.places import employment_status

LEAVE_REASONS = ("家中老人需要照顾", "工资待遇不满意", "身体原因", "返乡创业", "合同期满")
DECLINE_REASONS = ("岗位要求夜班", "离家太远", "技能不符", "本人放弃")


@dataclass
class Timeline:
    """What the simulation produced, to be added in one go."""

    referrals: list[Referral] = field(default_factory=list)
    changes: list[tuple[Worker, WorkerStatus, date, str | None, Referral | None]] = field(
        default_factory=list
    )
    visits: list[Visit] = field(default_factory=list)


class History:
    def __init__(self, rng: random.Random, today: date, openings: list[Opening], kinds: dict):
        self.rng = rng
        self.today = today
        self.openings = sorted(openings, key=lambda o: o.start_date)
        self.starts = [o.start_date for o in self.openings]
        self.kinds = kinds  # employer id -> kind
        self.timeline = Timeline()

    def live(self, worker: Worker) -> None:
        """Walk one worker from two years ago to today."""
        begin = self.today - timedelta(days=730 - self.rng.randint(0, 120))
        worker.status_since = begin
        self._change(worker, worker.status, begin, worker.status_reason, None)
        if worker.status != WorkerStatus.seeking or worker.ability == Ability.none:
            return
        day = begin + timedelta(days=self.rng.randint(0, 90))
        while day < self.today:
            day = self._one_referral(worker, day)

    def _one_referral(self, worker: Worker, day: date) -> date:
        opening = self._pick(worker, day)
        if opening is None:
            return day + timedelta(days=self.rng.randint(20, 45))
        referral = Referral(
            worker=worker, opening_id=opening.id, referred_on=day, status=ReferralStatus.referred
        )
        self.timeline.referrals.append(referral)
        roll = self.rng.random()
        if opening.start_date > self.today and roll < 0.45:
            return self.today  # still waiting for the employer's answer
        if roll < 0.22:
            return self._ended(referral, ReferralStatus.declined, day, DECLINE_REASONS)
        if roll < 0.30:
            return self._ended(referral, ReferralStatus.no_show, day, ("未按时报到",))
        return self._hired(worker, referral, opening, day)

    def _ended(self, referral, status, day, reasons) -> date:
        referral.status = status
        referral.ended_on = min(self.today, day + timedelta(days=self.rng.randint(3, 14)))
        referral.end_reason = self.rng.choice(reasons)
        return referral.ended_on + timedelta(days=self.rng.randint(10, 60))

    def _hired(self, worker, referral, opening, day) -> date:
        start = max(opening.start_date, day + timedelta(days=3))
        leaves = self.rng.random() < 0.4 and start <= self.today
        left_on = start + timedelta(days=self.rng.randint(25, 420)) if leaves else None
        stays = left_on is None or left_on > self.today
        if stays and opening.hired_count >= opening.headcount:
            return self._ended(referral, ReferralStatus.declined, day, ("岗位已招满",))
        referral.status, referral.hired_on = ReferralStatus.hired, start
        referral.wage = self.rng.randint(opening.wage_min // 100, opening.wage_max // 100) * 100
        kind = self.kinds[opening.employer_id]
        self._change(
            worker,
            employment_status(opening.province, opening.township_id, kind),
            start,
            None,
            referral,
        )
        self._visits(referral, start, left_on)
        if stays:
            opening.hired_count += 1
            return self.today
        referral.status, referral.ended_on = ReferralStatus.left, left_on
        referral.end_reason = self.rng.choice(LEAVE_REASONS)
        self._change(worker, WorkerStatus.seeking, left_on, referral.end_reason, referral)
        return left_on + timedelta(days=self.rng.randint(15, 90))

    def _visits(self, referral: Referral, start: date, left_on: date | None) -> None:
        """Visits at 1, 3 and 6 months; about one in six is not made (so some are overdue)."""
        for months in (1, 3, 6):
            due = start + timedelta(days=30 * months)
            if due > self.today or self.rng.random() < 0.17:
                continue
            employed = left_on is None or left_on > due
            self.timeline.visits.append(
                Visit(
                    referral=referral,
                    visited_on=due,
                    month_mark=months,
                    still_employed=employed,
                    note="在岗稳定" if employed else "已离岗",
                )
            )
            if not employed:
                return

    def _pick(self, worker: Worker, day: date) -> Opening | None:
        """A suitable opening starting within six weeks of the day."""
        first = bisect_left(self.starts, day)
        last = bisect_left(self.starts, day + timedelta(days=42))
        window = self.openings[first:last]
        fits = [o for o in window if o.hired_count < o.headcount and _suits(worker, o, day)]
        return self.rng.choice(fits) if fits else None

    def _change(self, worker, status, since, reason, referral) -> None:
        worker.status, worker.status_since, worker.status_reason = status, since, reason
        self.timeline.changes.append((worker, status, since, reason, referral))


def _suits(worker: Worker, opening: Opening, day: date) -> bool:
    age = age_on(worker.birth_date, day)
    if not (max(16, opening.age_min) <= age <= opening.age_max):
        return False
    if worker.wish_min_wage and opening.wage_max < worker.wish_min_wage:
        return False
    if worker.wish_scope == WishScope.local:
        return opening.township_id is not None
    if worker.wish_scope == WishScope.province:
        return opening.province == CHONGQING
    named = worker.wish_provinces
    return not named or opening.province in named or opening.province == CHONGQING


def settle_openings(openings: list[Opening], today: date) -> None:
    """Full openings are filled; past ones that are not full are closed."""
    for opening in openings:
        if opening.hired_count >= opening.headcount:
            opening.status = OpeningStatus.filled
        elif opening.start_date < today:
            opening.status = OpeningStatus.closed
