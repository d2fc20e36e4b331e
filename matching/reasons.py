"""Plain-words reasons for a match, in Chinese for the desk and English for the log."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from matching.records import MatchConfig, OpeningProfile, Reason, WorkerProfile

CATEGORY_WORDS = {
    "registered_poor": ("建档立卡贫困户", "registered poor household"),
    "monitored": ("监测户", "monitored household"),
    "marginal": ("边缘户", "marginal household"),
    "lifted": ("已脱贫户", "lifted household"),
}
# Below this cosine, free-text likeness is too weak to tell a clerk about.
TEXT_REASON_MIN_COSINE = 0.3


def money(yuan: float) -> str:
    """Yuan the way the ledgers print it: ¥4,000."""
    return f"¥{round(yuan):,}"


def pay_range(opening: OpeningProfile) -> str:
    """¥3,800 for a fixed wage, ¥3,000–¥4,000 for a range."""
    if opening.wage_min == opening.wage_max:
        return money(opening.wage_max)
    return f"{money(opening.wage_min)}–{money(opening.wage_max)}"


def explain(
    worker: WorkerProfile,
    opening: OpeningProfile,
    features: dict[str, float],
    config: MatchConfig,
    exclude: Iterable[str] = (),
) -> tuple[Reason, ...]:
    """The strongest reasons of one pair, most weighty first, at most ``config.top_reasons``.

    Features are weighed first and only the weightiest reasons are worded (a builder may
    have none to give, so it goes on down the list): wording every reason of every match
    was a tenth of a desk's matches request."""
    total = sum(config.weights.values())
    weighed = [name for name in REASON_BUILDERS if name not in exclude]
    # Stable: reasons of equal weight keep REASON_BUILDERS' order.
    weighed.sort(key=lambda name: -config.weights.get(name, 0.0) / total * features[name])
    reasons: list[Reason] = []
    for name in weighed:
        reason = REASON_BUILDERS[name](worker, opening, features, config)
        if reason is not None:
            reasons.append(reason)
            if len(reasons) == config.top_reasons:
                break
    return tuple(reasons)


def _skill(
    worker: WorkerProfile, opening: OpeningProfile, features: dict[str, float], config: MatchConfig
) -> Reason | None:
    """Shared skill tags first; failing those, free text that reads alike."""
    has = set(worker.skills)
    common = list(dict.fromkeys(tag for tag in opening.skills if tag in has))
    if common:
        tags = "、".join(common)
        return Reason(
            "skill_match", f"会{tags}，岗位要求{tags}", f"Has {tags}, which the job asks for"
        )
    if features["skill_text"] >= TEXT_REASON_MIN_COSINE:
        return Reason("skill_text", "技能描述与岗位相近", "Her described skills resemble the job")
    return None


def _wage(
    worker: WorkerProfile, opening: OpeningProfile, features: dict[str, float], config: MatchConfig
) -> Reason | None:
    """Pay that meets or beats what the worker asked for (or the district reference)."""
    if features["wage"] < 0.5:
        return None
    pay = pay_range(opening)
    if worker.min_wage is None:
        reference = money(config.reference_wage)
        return Reason(
            "wage",
            f"月薪 {pay}，不低于本区参考 {reference}",
            f"Pays {pay} a month, at least the district's {reference}",
        )
    expected = money(worker.min_wage)
    above = opening.wage_mid > worker.min_wage
    zh_word, en_word = ("高于", "above") if above else ("达到", "meeting")
    return Reason(
        "wage",
        f"月薪 {pay}，{zh_word}期望 {expected}",
        f"Pays {pay} a month, {en_word} the {expected} expected",
    )


def _distance(
    worker: WorkerProfile, opening: OpeningProfile, features: dict[str, float], config: MatchConfig
) -> Reason | None:
    """How far from home a district job is."""
    if features["distance"] < config.reason_min_feature:
        return None
    km = features["road_km"]
    if math.isnan(km):
        return Reason("distance", "就在本镇乡", "In her own township")
    if km < 1:
        return Reason("distance", "离家不到 1 公里", "Less than 1 km from home")
    return Reason("distance", f"离家 {round(km)} 公里", f"{round(km)} km from home")


def _province(
    worker: WorkerProfile, opening: OpeningProfile, features: dict[str, float], config: MatchConfig
) -> Reason | None:
    """A job in a province the worker named."""
    if features["province"] < 1:
        return None
    name = opening.province
    return Reason("province", f"在意向省份{name}", f"In a province she named: {name}")


def _constraints(
    worker: WorkerProfile, opening: OpeningProfile, features: dict[str, float], config: MatchConfig
) -> Reason | None:
    """A job near home for a worker tied to it by children, elderly or health."""
    if not worker.needs_home_nearby or features["constraints"] < 0.8:
        return None
    if worker.cares_for_children:
        why_zh, why_en = "方便照顾上学的孩子", "she can look after her school children"
    elif worker.cares_for_elderly:
        why_zh, why_en = "方便照顾老人", "she can look after the elderly at home"
    else:
        why_zh, why_en = "适合身体状况", "it suits her health"
    if opening.employer_kind == "workshop":
        return Reason(
            "near_workshop", f"家门口的扶贫车间，{why_zh}", f"Workshop near home: {why_en}"
        )
    return Reason("near_home", f"离家近，{why_zh}", f"Near home: {why_en}")


def _benefits(
    worker: WorkerProfile, opening: OpeningProfile, features: dict[str, float], config: MatchConfig
) -> Reason | None:
    """Board and lodging for a far job; social insurance anywhere."""
    far = not features["near"]
    housing = {(True, True): "包吃住", (True, False): "包吃", (False, True): "包住"}
    housing_en = {
        (True, True): "Board and lodging",
        (True, False): "Meals",
        (False, True): "Lodging",
    }
    key = (opening.board, opening.lodging)
    if far and key in housing:
        extra_zh = "，缴社保" if opening.social_insurance else ""
        extra_en = ", social insurance paid" if opening.social_insurance else ""
        return Reason(
            "board_lodging", housing[key] + extra_zh, f"{housing_en[key]} provided{extra_en}"
        )
    if opening.social_insurance:
        return Reason("social_insurance", "缴社保", "Social insurance paid")
    return None


def _priority(
    worker: WorkerProfile, opening: OpeningProfile, features: dict[str, float], config: MatchConfig
) -> Reason | None:
    """The policy priority of the worker, for ranked candidates."""
    zh, en = CATEGORY_WORDS.get(worker.category, ("", ""))
    parts_zh = [zh] if zh else []
    parts_en = [en.capitalize()] if en else []
    if worker.dibao:
        parts_zh.append("低保")
        parts_en.append("minimum living allowance")
    if worker.tekun:
        parts_zh.append("特困")
        parts_en.append("extreme hardship")
    if worker.months_unemployed > 0:
        parts_zh.append(f"已失业 {worker.months_unemployed} 个月")
        parts_en.append(f"out of work for {worker.months_unemployed} months")
    if not parts_zh:
        return None
    return Reason(
        "priority", "，".join(parts_zh) + "，优先安置", "; ".join(parts_en) + ": placed first"
    )


ReasonBuilder = Callable[
    [WorkerProfile, OpeningProfile, dict[str, float], MatchConfig], Reason | None
]

# One builder per feature of the transparent score, named like it.
REASON_BUILDERS: dict[str, ReasonBuilder] = {
    "skill": _skill,
    "wage": _wage,
    "distance": _distance,
    "province": _province,
    "constraints": _constraints,
    "benefits": _benefits,
    "priority": _priority,
}
