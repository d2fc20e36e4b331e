"""The transparent score: seven named features in [0, 1], weighted from configuration.

Every feature is computed for a block of workers by openings at once; one worker against all
openings and one opening against all workers are the two thin blocks ranking needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.arrays import EMPLOYER_KINDS, SCORE, OpeningArrays, Pairing, WorkerArrays
from matching.limits import near_home_pairs, same_township
from matching.records import MatchConfig

FEATURES = ("skill", "wage", "distance", "province", "constraints", "benefits", "priority")
PAIR_VALUES = (*FEATURES, "skill_tags", "skill_text", "road_km", "near")
WORKSHOP = EMPLOYER_KINDS.index("workshop")

# How well a job suits a worker who must stay close to home (children, elderly, health).
CONSTRAINT_FIT_NEAR_WORKSHOP = SCORE(1.0)
CONSTRAINT_FIT_NEAR = SCORE(0.8)
CONSTRAINT_FIT_IN_DISTRICT = SCORE(0.4)
CONSTRAINT_FIT_AWAY = SCORE(0.0)
# Board and lodging weigh on far jobs only; social insurance counts everywhere.
BENEFIT_SHARE_INSURANCE = SCORE(0.2)


@dataclass
class FeatureBlock:
    """Feature values of a block of pairs, each an array (workers x openings)."""

    skill_tags: np.ndarray
    skill_text: np.ndarray
    skill: np.ndarray
    wage: np.ndarray
    distance: np.ndarray
    province: np.ndarray
    constraints: np.ndarray
    benefits: np.ndarray
    priority: np.ndarray
    road_km: np.ndarray  # NaN when unknown or outside Wanzhou
    near: np.ndarray  # in the worker's township or within her commute

    def score(self, config: MatchConfig) -> np.ndarray:
        """Weighted mean of the features, in [0, 1], shaped like the block."""
        total = sum(config.weights.values())
        weights = {name: SCORE(config.weights.get(name, 0.0) / total) for name in FEATURES}
        full = [n for n in FEATURES if getattr(self, n).shape == self.skill.shape]
        # One-sided features add up cheaply at their own shape before meeting the block.
        small = sum(getattr(self, n) * weights[n] for n in FEATURES if n not in full)
        score = np.multiply(self.skill, weights["skill"], dtype=SCORE)
        score += small
        term = np.empty_like(score)
        for name in full:
            if name != "skill":
                score += np.multiply(getattr(self, name), weights[name], out=term)
        return score

    def pair(self, row: int, col: int) -> dict[str, float]:
        """All feature values of one pair, by name."""
        return self.pairs([row], [col])[0]

    def pairs(self, rows: list[int], cols: list[int]) -> list[dict[str, float]]:
        """All feature values of the pairs (rows[i], cols[i]), by name; one array lookup per
        feature for all pairs, since explaining 20 matches pair by pair cost a request 2 ms."""
        shape = self.skill.shape
        values = {
            name: np.broadcast_to(getattr(self, name), shape)[rows, cols].astype(float).tolist()
            for name in PAIR_VALUES
        }
        return [{name: values[name][i] for name in PAIR_VALUES} for i in range(len(rows))]


def feature_block(
    pairing: Pairing,
    config: MatchConfig,
    road: np.ndarray,
    tag_overlap: np.ndarray,
    text_cosine: np.ndarray,
) -> FeatureBlock:
    """Features of every pair of ``pairing``.

    ``tag_overlap`` counts shared skill tags and ``text_cosine`` is the TF-IDF cosine, both
    shaped like the pairing, computed by the caller's sparse products. Features that depend on
    one side only keep that side's shape (broadcasting), which makes blocks of out-of-district
    jobs cheap.
    """
    workers, openings = pairing.workers, pairing.openings
    same = same_township(pairing)
    km = road.astype(SCORE)
    unknown_same = same & np.isnan(road)  # same township, place unknown: call it next door
    if unknown_same.any():
        km = np.where(unknown_same, SCORE(0), km)
    near = near_home_pairs(pairing, config, road)
    skill_tags = _tag_coverage(openings, config, tag_overlap)
    text_share = SCORE(1 - config.tag_share)
    # fmax turns the NaN of an unknown or out-of-district distance into 0.
    distance = np.minimum(np.fmax(1 - km / SCORE(config.commute_km), SCORE(0)), SCORE(1))
    return FeatureBlock(
        skill_tags=skill_tags,
        skill_text=text_cosine,
        skill=SCORE(config.tag_share) * skill_tags + text_share * text_cosine,
        wage=_wage_fit(workers, openings),
        distance=distance,
        province=pairing.names_province.astype(SCORE),
        constraints=_constraint_fit(workers, openings, config, km),
        benefits=_benefit_fit(openings, near),
        priority=workers.priority,
        road_km=road,
        near=near,
    )


def _tag_coverage(
    openings: OpeningArrays, config: MatchConfig, tag_overlap: np.ndarray
) -> np.ndarray:
    """Share of the job's skill tags the worker has (overlap never exceeds the job's tags)."""
    tagged = (openings.n_tags > 0).astype(SCORE)
    per_tag = tagged / np.maximum(openings.n_tags, SCORE(1))
    return tag_overlap * per_tag + (1 - tagged) * SCORE(config.untagged_skill_fit)


def _wage_fit(workers: WorkerArrays, openings: OpeningArrays) -> np.ndarray:
    """0.5 when the pay equals the expectation, 1 at half as much again, 0 at nothing."""
    expected = workers.expected_wage
    return np.clip(SCORE(0.5) + (openings.wage_mid - expected) / expected, SCORE(0), SCORE(1))


# The fits below select by arithmetic on 0/1 masks rather than np.where: a select on a random
# mask mispredicts branches and costs ten times a multiply on large blocks.


def _constraint_fit(
    workers: WorkerArrays,
    openings: OpeningArrays,
    config: MatchConfig,
    km: np.ndarray,
) -> np.ndarray:
    """A carer prefers a near-home workshop, then any job near home, then the district."""
    in_wanzhou = openings.in_wanzhou
    close = in_wanzhou & (km <= config.near_home_km)
    near_workshop = close & (openings.kind == WORKSHOP)
    fit = CONSTRAINT_FIT_AWAY + (CONSTRAINT_FIT_IN_DISTRICT - CONSTRAINT_FIT_AWAY) * in_wanzhou
    fit = fit + (CONSTRAINT_FIT_NEAR - CONSTRAINT_FIT_IN_DISTRICT) * close
    fit = fit + (CONSTRAINT_FIT_NEAR_WORKSHOP - CONSTRAINT_FIT_NEAR) * near_workshop
    needs = workers.needs_home.astype(SCORE)
    return fit * needs + (1 - needs)


def _benefit_fit(openings: OpeningArrays, near: np.ndarray) -> np.ndarray:
    """Board and lodging count for a far job; a near job needs neither."""
    housing = (openings.board.astype(SCORE) + openings.lodging) / 2
    housing_share = 1 - BENEFIT_SHARE_INSURANCE
    away = housing_share * housing + BENEFIT_SHARE_INSURANCE * openings.insurance
    return away + near * (housing_share - housing_share * housing)
