"""A seeded, district-scale world for benchmarks: workers, openings, a hidden truth, outcomes.

Townships and codes are Wanzhou's 52 (jobs_app/data/wanzhou_townships.csv); their coordinates
are APPROXIMATE, placed around the district seat (30.81N 108.41E) over about 50 km, because no
verified centroids exist. The hidden truth is what a real district would never show us: a
latent skill family per worker and per job, with affinities between related trades, plus how
age, health and ability sit with each kind of employer. Outcomes of past referrals are drawn
from it, so a ranking can be judged against it.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matching.records import OpeningProfile, WorkerProfile

# The repository's own copy of shared/data's list, so a clone needs nothing beside it.
TOWNSHIPS_CSV = Path(__file__).resolve().parents[1] / "jobs_app" / "data" / "wanzhou_townships.csv"
SEAT = (30.81, 108.41)
TODAY = dt.date(2021, 3, 1)
KM_PER_DEGREE = 111.0

FAMILIES = {
    "garment": (("缝纫", "裁剪", "锁边", "熨烫"), "服装 制衣 车工", "缝纫工"),
    "electric": (("电工", "水电安装", "弱电"), "电路 安装 维修", "电工"),
    "welding": (("焊工", "电焊", "钳工"), "焊接 金属 加工", "焊工"),
    "building": (("泥瓦工", "钢筋工", "木工", "架子工"), "建筑 工地 施工", "建筑工"),
    "electronics": (("电子装配", "质检", "贴片"), "电子厂 流水线 装配", "电子装配工"),
    "catering": (("厨师", "面点", "服务员"), "餐饮 厨房 后厨", "厨师"),
    "care": (("护理", "保洁", "家政", "育婴"), "家政 照护 保洁", "护理员"),
    "farming": (("种植", "养殖", "柑橘管护", "茶叶采摘"), "农业 基地 果园", "农业工人"),
    "logistics": (("驾驶", "叉车", "仓储", "快递分拣"), "物流 仓库 配送", "仓储物流员"),
    "craft": (("竹编", "手工", "刺绣", "包装"), "手工 编织 包装", "手工艺工"),
}
FAMILY_NAMES = tuple(FAMILIES)
RELATED = {
    ("garment", "craft"): 0.5,
    ("electric", "welding"): 0.5,
    ("welding", "building"): 0.4,
    ("electronics", "craft"): 0.4,
    ("catering", "care"): 0.4,
    ("logistics", "electronics"): 0.3,
    ("farming", "craft"): 0.3,
}
# Out-of-district destinations: (province, city, share among far jobs, lat, lon).
DESTINATIONS = (
    ("山东省", "济宁市", 0.40, 35.41, 116.59),
    ("广东省", "东莞市", 0.12, 23.02, 113.75),
    ("广东省", "广州市", 0.08, 23.13, 113.26),
    ("广东省", "深圳市", 0.05, 22.54, 114.06),
    ("福建省", "厦门市", 0.10, 24.48, 118.09),
    ("浙江省", "宁波市", 0.10, 29.87, 121.54),
    ("上海市", "上海市", 0.08, 31.23, 121.47),
    ("云南省", "昆明市", 0.035, 25.04, 102.71),
    ("广西壮族自治区", "柳州市", 0.035, 24.33, 109.41),
)
CHONGQING_CITIES = (("渝北区", 29.72, 106.63), ("江北区", 29.61, 106.57), ("涪陵区", 29.70, 107.39))
KINDS = ("enterprise", "workshop", "east_west", "public_post")


def affinity_matrix() -> np.ndarray:
    """Hidden affinity of a worker's skill family for a job's family."""
    n = len(FAMILY_NAMES)
    matrix = np.eye(n)
    for (a, b), value in RELATED.items():
        i, j = FAMILY_NAMES.index(a), FAMILY_NAMES.index(b)
        matrix[i, j] = matrix[j, i] = value
    return matrix


@dataclass(frozen=True)
class Township:
    """A township with its approximate centre."""

    code: str
    name: str
    kind: str
    lat: float
    lon: float


def townships(seed: int = 7) -> list[Township]:
    """The 52 townships, streets near the seat and towns spread out to about 25 km."""
    rng = np.random.default_rng(seed)
    with TOWNSHIPS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    places = []
    for row in rows:
        radius = rng.uniform(0.5, 4) if row["kind"] == "street" else rng.uniform(8, 26)
        angle = rng.uniform(0, 2 * np.pi)
        lat = SEAT[0] + radius * np.sin(angle) / KM_PER_DEGREE
        lon = SEAT[1] + radius * np.cos(angle) / (KM_PER_DEGREE * np.cos(np.radians(SEAT[0])))
        places.append(Township(row["code"], row["name"], row["kind"], lat, lon))
    return places


@dataclass
class District:
    """Generated workers and openings with the latent attributes behind the hidden truth."""

    workers: list[WorkerProfile]
    openings: list[OpeningProfile]
    worker_family: np.ndarray
    opening_family: np.ndarray
    today: dt.date

    def truth(self, worker_rows: np.ndarray, opening_cols: np.ndarray) -> np.ndarray:
        """Hidden compatibility of pairs (elementwise), higher is better, about 0 to 1.5."""
        w_rows, o_cols = np.broadcast_arrays(worker_rows, opening_cols)
        w = [self.workers[i] for i in w_rows.ravel().tolist()]
        o = [self.openings[j] for j in o_cols.ravel().tolist()]
        value = affinity_matrix()[
            self.worker_family[w_rows.ravel()], self.opening_family[o_cols.ravel()]
        ]
        value = value + np.array([_circumstance(a, b) for a, b in zip(w, o, strict=True)])
        noise = _pair_noise(w_rows.ravel(), o_cols.ravel())
        return (value + 0.15 * noise).reshape(w_rows.shape)


def _circumstance(worker: WorkerProfile, opening: OpeningProfile) -> float:
    """How pay, place, age, health and ability sit with a job, as people actually live it."""
    expected = worker.min_wage or 3000
    value = 0.3 * np.clip((opening.wage_mid - expected) / expected, -1, 1)
    far = not opening.in_wanzhou
    if far and worker.age >= 45:
        value -= 0.35
    if far and worker.health != "healthy":
        value -= 0.4
    if far and (opening.board and opening.lodging):
        value += 0.15
    if opening.employer_kind == "workshop" and worker.cares_for_children:
        value += 0.3
    if opening.employer_kind == "workshop" and worker.age < 30:
        value -= 0.25
    if opening.employer_kind == "public_post" and worker.ability == "weak":
        value += 0.3
    if opening.employer_kind == "enterprise" and worker.ability == "skilled":
        value += 0.2
    return float(value)


def _pair_noise(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Deterministic noise in [-1, 1] per pair, the same however the pair is asked for."""
    mixed = rows.astype(np.uint64) * np.uint64(2654435761) + cols.astype(np.uint64) * np.uint64(
        40503
    )
    mixed = (mixed ^ (mixed >> np.uint64(13))) * np.uint64(1274126177)
    return ((mixed & np.uint64(0xFFFF)).astype(float) / 0xFFFF) * 2 - 1


def generate(n_workers: int = 100_000, n_openings: int = 5_000, seed: int = 2020) -> District:
    """The whole district, the same for the same arguments."""
    rng = np.random.default_rng(seed)
    places = townships()
    workers, worker_family = _workers(rng, places, n_workers)
    openings, opening_family = _openings(rng, places, n_openings)
    return District(workers, openings, worker_family, opening_family, TODAY)


def _pick(rng, options, weights, size):
    weights = np.asarray(weights, dtype=float)
    return rng.choice(len(options), size=size, p=weights / weights.sum())


def _workers(rng, places, n):
    weight = [3.0 if p.kind == "street" else 1.0 for p in places]
    home = _pick(rng, places, weight, n)
    family = rng.integers(0, len(FAMILY_NAMES), n)
    ages = np.where(rng.random(n) < 0.01, 15, rng.integers(16, 65, n))
    ability = _pick(rng, ("ordinary", "skilled", "weak", "none"), (60, 20, 15, 5), n)
    status = np.where(rng.random(n) < 0.85, "seeking", "employed_local")
    category = _pick(
        rng, ("registered_poor", "monitored", "marginal", "lifted"), (10, 15, 15, 60), n
    )
    scope = _pick(rng, ("local", "province", "anywhere"), (40, 20, 40), n)
    health = _pick(rng, ("healthy", "chronic", "serious", "disabled"), (80, 12, 4, 4), n)
    wage = np.where(rng.random(n) < 0.35, 0, rng.integers(15, 50, n) * 100)
    out_provinces = sorted({d[0] for d in DESTINATIONS})
    workers = []
    for i in range(n):
        place = places[home[i]]
        tags, words, _ = FAMILIES[FAMILY_NAMES[family[i]]]
        skilled = rng.random() < 0.8
        chosen = tuple(rng.choice(tags, size=rng.integers(1, 3), replace=False)) if skilled else ()
        named = ()
        if scope[i] == 2 and rng.random() < 0.6:
            named = tuple(rng.choice(out_provinces, size=rng.integers(1, 3), replace=False))
        workers.append(
            WorkerProfile(
                id=i + 1,
                age=int(ages[i]),
                township_code=place.code,
                lat=place.lat + rng.normal(0, 0.02),
                lon=place.lon + rng.normal(0, 0.02),
                ability=("ordinary", "skilled", "weak", "none")[ability[i]],
                status=str(status[i]),
                category=("registered_poor", "monitored", "marginal", "lifted")[category[i]],
                dibao=bool(rng.random() < 0.15),
                tekun=bool(rng.random() < 0.03),
                months_unemployed=int(rng.integers(0, 25)),
                skills=tuple(str(t) for t in chosen),
                skill_text=f"做过{words.split()[0]}" if skilled else "能吃苦 肯干",
                scope=("local", "province", "anywhere")[scope[i]],
                provinces=tuple(str(p) for p in named),
                min_wage=int(wage[i]) or None,
                cares_for_children=bool(rng.random() < 0.3),
                cares_for_elderly=bool(rng.random() < 0.2),
                health=("healthy", "chronic", "serious", "disabled")[health[i]],
            )
        )
    return workers, family


def _openings(rng, places, n):
    kinds = _pick(rng, KINDS, (40, 15, 35, 10), n)
    family = rng.integers(0, len(FAMILY_NAMES), n)
    openings = []
    for j in range(n):
        kind = KINDS[kinds[j]]
        tags, words, title = FAMILIES[FAMILY_NAMES[family[j]]]
        place = _opening_place(rng, places, kind)
        wage_min = {"workshop": 2000, "public_post": 1000, "enterprise": 3000, "east_west": 4000}[
            kind
        ]
        wage_min += int(rng.integers(0, 10)) * 100
        status = str(rng.choice(["open", "filled", "closed"], p=[0.92, 0.05, 0.03]))
        far = kind == "east_west" or place[2] is None
        openings.append(
            OpeningProfile(
                id=j + 1,
                employer_id=int(rng.integers(1, 301)),
                employer_kind=kind,
                title=title,
                skills=tuple(
                    str(t) for t in rng.choice(tags, size=rng.integers(0, 3), replace=False)
                ),
                description=f"{words} {place[1]}",
                province=place[0],
                city=place[1],
                township_code=place[2],
                lat=place[3],
                lon=place[4],
                wage_min=wage_min,
                wage_max=wage_min + int(rng.integers(0, 15)) * 100,
                age_min=18 if kind != "public_post" else 30,
                age_max=int(rng.choice([45, 50, 55, 60])) if kind != "public_post" else 65,
                board=bool(far and rng.random() < 0.7),
                lodging=bool(far and rng.random() < 0.8),
                social_insurance=bool(kind in ("enterprise", "east_west") and rng.random() < 0.7),
                start_date=TODAY + dt.timedelta(days=int(rng.integers(-15, 60))),
                status=status,
                free_headcount=0 if status == "filled" else int(_headcount(rng, kind)),
                poor_share_ok=bool(kind != "workshop" or rng.random() < 0.9),
            )
        )
    return openings, family


def _headcount(rng, kind):
    low, high = {"workshop": (2, 15), "public_post": (1, 4), "enterprise": (2, 20)}.get(
        kind, (5, 30)
    )
    return rng.integers(low, high)


def _opening_place(rng, places, kind):
    """(province, city, township code or None, lat, lon) of a job of ``kind``."""
    if kind == "east_west":
        shares = [d[2] for d in DESTINATIONS]
        province, city, _, lat, lon = DESTINATIONS[_pick(rng, DESTINATIONS, shares, None)]
        return province, city, None, lat, lon
    if kind == "enterprise" and rng.random() < 0.3:
        city, lat, lon = CHONGQING_CITIES[rng.integers(0, len(CHONGQING_CITIES))]
        return "重庆市", city, None, lat, lon
    place = places[rng.integers(0, len(places))]
    lat, lon = place.lat + rng.normal(0, 0.01), place.lon + rng.normal(0, 0.01)
    return "重庆市", "万州区", place.code, lat, lon


@dataclass
class Referrals:
    """Past referrals with their outcome (1: still in place at 3 months) and date."""

    worker_rows: np.ndarray
    opening_cols: np.ndarray
    labels: np.ndarray
    dates: list[dt.date]


def simulate_referrals(
    district: District, worker_rows: np.ndarray, opening_cols: np.ndarray, seed: int = 3
) -> Referrals:
    """Outcomes drawn from the hidden truth, dated over the two years before ``today``."""
    rng = np.random.default_rng(seed)
    truth = district.truth(worker_rows, opening_cols)
    success = 1 / (1 + np.exp(-6 * (truth - 0.7)))
    labels = (rng.random(len(truth)) < success).astype(int)
    days = rng.integers(30, 730, len(truth))
    dates = [district.today - dt.timedelta(days=int(d)) for d in days]
    return Referrals(worker_rows, opening_cols, labels, dates)
