"""Plain records the matching library works on: workers, openings, configuration, results.

Services load rows from the database and turn them into these frozen dataclasses; nothing
here knows about the ORM.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from matching.geo import DEFAULT_CIRCUITY

CHONGQING = "重庆市"

# The 34 province-level divisions; province names are compared through their index here, so
# the scalar and the vectorised limits agree even on a misspelt name (all unknowns share one).
PROVINCES: tuple[str, ...] = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省",
    "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省",
    "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省",
    "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
    "台湾省", "香港特别行政区", "澳门特别行政区",
)  # fmt: skip
_PROVINCE_INDEX = {name: i for i, name in enumerate(PROVINCES)}
UNKNOWN_PROVINCE = len(PROVINCES)

POOR_CATEGORIES = ("registered_poor", "monitored", "marginal", "lifted")
CARE_NEEDING_HEALTH = ("chronic", "serious", "disabled")


def province_index(name: str) -> int:
    """Index of a province name in PROVINCES; every unknown name maps to UNKNOWN_PROVINCE."""
    return _PROVINCE_INDEX.get(name, UNKNOWN_PROVINCE)


def township_key(code: str | None) -> int:
    """A stable integer for a township code, so numpy can compare townships cheaply.

    Statistical division codes are 12 digits without a leading zero and fit an int64 as they
    are; any other code is hashed above 2**62, where no such digit code can land. -1 means
    "no township".
    """
    if code is None:
        return -1
    if code.isdigit() and not code.startswith("0") and len(code) <= 18:
        return int(code)
    digest = hashlib.blake2b(code.encode(), digest_size=8).digest()
    return (1 << 62) | (int.from_bytes(digest, "big") >> 2)


@dataclass(frozen=True, slots=True)
class WorkerProfile:
    """A registered worker as matching sees her; every worker lives in Wanzhou."""

    id: int
    age: int
    township_code: str
    lat: float | None
    lon: float | None
    ability: str  # ordinary | skilled | weak | none
    status: str  # seeking | employed_local | ... (SPEC)
    category: str  # registered_poor | monitored | marginal | lifted
    dibao: bool
    tekun: bool
    months_unemployed: int
    skills: tuple[str, ...]
    skill_text: str
    scope: str  # local | province | anywhere
    provinces: tuple[str, ...]
    min_wage: int | None
    cares_for_children: bool
    cares_for_elderly: bool
    health: str  # healthy | chronic | serious | disabled

    @property
    def needs_home_nearby(self) -> bool:
        """Children in school, elderly to care for or poor health tie the worker to home."""
        return (
            self.cares_for_children or self.cares_for_elderly or self.health in CARE_NEEDING_HEALTH
        )


@dataclass(frozen=True, slots=True)
class OpeningProfile:
    """A job opening with its place, pay, limits and benefits."""

    id: int
    employer_id: int
    employer_kind: str  # enterprise | workshop | east_west | public_post
    title: str
    skills: tuple[str, ...]
    description: str
    province: str
    city: str
    township_code: str | None  # set when the job is inside Wanzhou district
    lat: float | None
    lon: float | None
    wage_min: int
    wage_max: int
    age_min: int
    age_max: int
    board: bool
    lodging: bool
    social_insurance: bool
    start_date: dt.date
    status: str  # open | filled | closed
    free_headcount: int
    poor_share_ok: bool = True

    @property
    def in_wanzhou(self) -> bool:
        """Jobs inside the district carry the township they are in."""
        return self.township_code is not None

    @property
    def wage_mid(self) -> float:
        """The pay a worker can expect, halfway through the advertised range."""
        return (self.wage_min + self.wage_max) / 2


@dataclass(frozen=True, slots=True)
class Reason:
    """One plain-words reason for a match, in Chinese and English."""

    code: str
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Match:
    """A scored pairing of one worker and one opening, with its top reasons."""

    opening_id: int
    worker_id: int
    score: float
    reasons: tuple[Reason, ...]


def _default_weights() -> dict[str, float]:
    return {
        "skill": 0.35,
        "wage": 0.15,
        "distance": 0.10,
        "province": 0.05,
        "constraints": 0.10,
        "benefits": 0.05,
        "priority": 0.20,
    }


def _default_category_priority() -> dict[str, float]:
    # SPEC: registered_poor > monitored > marginal > lifted when headcount is scarce.
    return {"registered_poor": 1.0, "monitored": 0.8, "marginal": 0.6, "lifted": 0.4}


@dataclass(frozen=True)
class MatchConfig:
    """Weights and limits of matching; the app fills it from its configuration."""

    commute_km: float = 30.0
    circuity: float = DEFAULT_CIRCUITY
    min_age: int = 16
    top_reasons: int = 3
    weights: dict[str, float] = field(default_factory=_default_weights)
    # Skill fit mixes tag coverage and free-text similarity; tags are the clerk's own words.
    tag_share: float = 0.6
    # A job that asks for no skill suits anybody half-way, not perfectly.
    untagged_skill_fit: float = 0.5
    # District reference pay when a worker states no expectation (Wanzhou workshops, 2020).
    reference_wage: int = 3000
    near_home_km: float = 10.0
    category_priority: dict[str, float] = field(default_factory=_default_category_priority)
    other_category_priority: float = 0.2
    dibao_bonus: float = 0.1
    tekun_bonus: float = 0.15
    months_unemployed_bonus: float = 0.25
    months_unemployed_cap: int = 12
    # Allocation multiplies a pair's score by (1 + gain * priority): scarce headcount goes first
    # to the workers SPEC puts first.
    allocation_priority_gain: float = 1.0
    candidates_per_worker: int = 10
    poor_categories: tuple[str, ...] = POOR_CATEGORIES
    poor_share_threshold: float = 0.30
    # A reason is only shown when its feature is at least this strong.
    reason_min_feature: float = 0.5
