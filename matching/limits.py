"""Hard limits: a pairing that breaks one is never shown, ranked or proposed.

SPEC and issue 3, item 2: only seeking workers able to work; age within the opening's range
and at least 16; the worker's wishes (near home, Chongqing only, or the provinces she named
plus Chongqing); her minimum wage met by the opening's maximum; the opening open, with free
headcount, not started yet. A workshop below its poor-share threshold takes only poor workers.

The scalar ``eligible`` states the rules for one pair; ``eligible_pairs`` applies the same rules
to many workers and openings at once. Tests hold them equal.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from matching.arrays import SCOPES, OpeningArrays, Pairing
from matching.distance import road_km_pairs
from matching.geo import road_km
from matching.records import CHONGQING, MatchConfig, OpeningProfile, WorkerProfile, province_index

LOCAL, PROVINCE, ANYWHERE = (SCOPES.index(s) for s in ("local", "province", "anywhere"))


def eligible(
    worker: WorkerProfile, opening: OpeningProfile, today: dt.date, config: MatchConfig
) -> bool:
    """True when no hard limit forbids referring ``worker`` to ``opening``."""
    return (
        worker_matchable(worker)
        and opening_takes_referrals(opening, today)
        and age_fits(worker, opening, config)
        and wage_fits(worker, opening)
        and wishes_fit(worker, opening, config)
        and poor_share_fits(worker, opening, config)
    )


def worker_matchable(worker: WorkerProfile) -> bool:
    """Only seeking workers with some labor ability are matched (SPEC)."""
    return worker.status == "seeking" and worker.ability != "none"


def opening_takes_referrals(opening: OpeningProfile, today: dt.date) -> bool:
    """Open, with headcount left, and not started before today."""
    return opening.status == "open" and opening.free_headcount > 0 and opening.start_date >= today


def age_fits(worker: WorkerProfile, opening: OpeningProfile, config: MatchConfig) -> bool:
    """Within the opening's age range, and never under the legal minimum."""
    return max(config.min_age, opening.age_min) <= worker.age <= opening.age_max


def wage_fits(worker: WorkerProfile, opening: OpeningProfile) -> bool:
    """The most the opening pays reaches the least the worker accepts."""
    return worker.min_wage is None or opening.wage_max >= worker.min_wage


def pair_road_km(
    worker: WorkerProfile, opening: OpeningProfile, config: MatchConfig
) -> float | None:
    """Road distance estimate between home and a job in Wanzhou; None when it is unknown."""
    places = (worker.lat, worker.lon, opening.lat, opening.lon)
    if not opening.in_wanzhou or any(v is None for v in places):
        return None
    return road_km(worker.lat, worker.lon, opening.lat, opening.lon, config.circuity)


def is_near_home(worker: WorkerProfile, opening: OpeningProfile, config: MatchConfig) -> bool:
    """In the worker's own township, or within the commute of her home."""
    if not opening.in_wanzhou:
        return False
    if opening.township_code == worker.township_code:
        return True
    km = pair_road_km(worker, opening, config)
    return km is not None and km <= config.commute_km


def wishes_fit(worker: WorkerProfile, opening: OpeningProfile, config: MatchConfig) -> bool:
    """Where the worker is willing to go: near home, Chongqing, or named provinces."""
    if worker.scope == "local":
        return is_near_home(worker, opening, config)
    if opening.province == CHONGQING:
        return True
    if worker.scope == "province":
        return False
    # Named provinces narrow "anywhere"; Chongqing itself is always acceptable.
    named = {province_index(name) for name in worker.provinces}
    return not named or province_index(opening.province) in named


def poor_share_fits(worker: WorkerProfile, opening: OpeningProfile, config: MatchConfig) -> bool:
    """A workshop short of its poor-worker share takes only workers who count as poor."""
    return opening.poor_share_ok or worker.category in config.poor_categories


def opening_mask(openings: OpeningArrays, today: dt.date) -> np.ndarray:
    """Openings that take referrals today."""
    return openings.open & (openings.start >= np.datetime64(today, "D"))


def eligible_pairs(
    pairing: Pairing, today: dt.date, config: MatchConfig, road: np.ndarray
) -> np.ndarray:
    """Boolean array of the pairs no hard limit forbids.

    ``road`` is ``road_km_pairs`` of the same pairing, shared with scoring.
    """
    workers, openings = pairing.workers, pairing.openings
    ok = workers.matchable & opening_mask(openings, today)
    ok = ok & (workers.age >= np.maximum(openings.age_min, config.min_age))
    ok &= workers.age <= openings.age_max
    ok &= ~workers.has_expectation | (openings.wage_max >= workers.min_wage)
    ok &= openings.poor_share_ok | workers.poor
    ok &= _wishes(pairing, config, road)
    return ok


def same_township(pairing: Pairing) -> np.ndarray:
    """Job in the worker's own township; never for a job outside the district."""
    openings = pairing.openings
    if not openings.in_wanzhou.any():
        return np.zeros(openings.in_wanzhou.shape, dtype=bool)
    return openings.in_wanzhou & (pairing.workers.township == openings.township)


def near_home_pairs(pairing: Pairing, config: MatchConfig, road: np.ndarray) -> np.ndarray:
    """Jobs in the worker's township or within her commute."""
    in_wanzhou = pairing.openings.in_wanzhou
    if not in_wanzhou.any():
        return np.zeros(in_wanzhou.shape, dtype=bool)
    return same_township(pairing) | (in_wanzhou & (road <= config.commute_km))


def _wishes(pairing: Pairing, config: MatchConfig, road: np.ndarray) -> np.ndarray:
    # Boolean algebra, not np.where: a select on a random mask mispredicts every other branch.
    scope = pairing.workers.scope
    in_cq = pairing.openings.in_chongqing
    anywhere = pairing.names_province | ~pairing.workers.names_any | in_cq
    wishes = (scope == LOCAL) & near_home_pairs(pairing, config, road)
    wishes |= (scope == PROVINCE) & in_cq
    wishes |= (scope == ANYWHERE) & anywhere
    return wishes


__all__ = ["eligible", "eligible_pairs", "near_home_pairs", "road_km_pairs", "same_township"]
