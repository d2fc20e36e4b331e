"""Workers and openings for matching tests: plain factories and hypothesis strategies."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import strategies as st

from matching.records import CHONGQING, OpeningProfile, WorkerProfile

TODAY = dt.date(2021, 3, 1)
SEAT = (30.81, 108.41)
TOWNSHIPS = ("500101001000", "500101151000", "500101245000")
PROVINCES = (CHONGQING, "山东省", "广东省", "浙江省", "上海市", "火星省")
SKILLS = ("缝纫", "电工", "焊工", "厨师", "保洁")


def make_worker(**changes) -> WorkerProfile:
    """A seeking, able worker near the district seat; override any field."""
    worker = WorkerProfile(
        id=1,
        age=35,
        township_code=TOWNSHIPS[0],
        lat=SEAT[0],
        lon=SEAT[1],
        ability="ordinary",
        status="seeking",
        category="registered_poor",
        dibao=False,
        tekun=False,
        months_unemployed=3,
        skills=("缝纫",),
        skill_text="在服装厂做过缝纫",
        scope="anywhere",
        provinces=(),
        min_wage=3000,
        cares_for_children=False,
        cares_for_elderly=False,
        health="healthy",
    )
    return replace(worker, **changes)


def make_opening(**changes) -> OpeningProfile:
    """An open sewing job in the worker's township; override any field."""
    opening = OpeningProfile(
        id=1,
        employer_id=1,
        employer_kind="enterprise",
        title="缝纫工",
        skills=("缝纫",),
        description="服装厂 缝纫车工",
        province=CHONGQING,
        city="万州区",
        township_code=TOWNSHIPS[0],
        lat=SEAT[0] + 0.02,
        lon=SEAT[1],
        wage_min=3800,
        wage_max=3800,
        age_min=18,
        age_max=55,
        board=False,
        lodging=False,
        social_insurance=True,
        start_date=TODAY,
        status="open",
        free_headcount=3,
    )
    return replace(opening, **changes)


def _near(base: float):
    return st.one_of(st.none(), st.floats(base - 0.3, base + 0.3, allow_nan=False))


@st.composite
def workers(draw, worker_id: int = 1) -> WorkerProfile:
    """Any worker the register could hold, with edge cases of every limit."""
    return make_worker(
        id=worker_id,
        age=draw(st.integers(12, 70)),
        township_code=draw(st.sampled_from(TOWNSHIPS)),
        lat=draw(_near(SEAT[0])),
        lon=draw(_near(SEAT[1])),
        ability=draw(st.sampled_from(("ordinary", "skilled", "weak", "none"))),
        status=draw(st.sampled_from(("seeking", "seeking", "employed_local", "not_seeking"))),
        category=draw(st.sampled_from(("registered_poor", "monitored", "marginal", "lifted"))),
        dibao=draw(st.booleans()),
        tekun=draw(st.booleans()),
        months_unemployed=draw(st.integers(0, 30)),
        skills=tuple(draw(st.lists(st.sampled_from(SKILLS), max_size=3, unique=True))),
        skill_text=draw(st.sampled_from(("", "会缝纫", "做过电焊", "能吃苦"))),
        scope=draw(st.sampled_from(("local", "province", "anywhere"))),
        provinces=tuple(draw(st.lists(st.sampled_from(PROVINCES), max_size=2, unique=True))),
        min_wage=draw(st.one_of(st.none(), st.integers(1000, 6000))),
        cares_for_children=draw(st.booleans()),
        cares_for_elderly=draw(st.booleans()),
        health=draw(st.sampled_from(("healthy", "chronic", "serious", "disabled"))),
    )


@st.composite
def openings(draw, opening_id: int = 1) -> OpeningProfile:
    """Any opening, in or out of the district, open or not."""
    in_wanzhou = draw(st.booleans())
    wage_min = draw(st.integers(800, 7000))
    age_min = draw(st.integers(14, 40))
    return make_opening(
        id=opening_id,
        employer_id=draw(st.integers(1, 5)),
        employer_kind=draw(st.sampled_from(("enterprise", "workshop", "east_west", "public_post"))),
        skills=tuple(draw(st.lists(st.sampled_from(SKILLS), max_size=2, unique=True))),
        description=draw(st.sampled_from(("", "服装厂 缝纫", "焊接 金属"))),
        province=CHONGQING if in_wanzhou else draw(st.sampled_from(PROVINCES)),
        township_code=draw(st.sampled_from(TOWNSHIPS)) if in_wanzhou else None,
        lat=draw(_near(SEAT[0])),
        lon=draw(_near(SEAT[1])),
        wage_min=wage_min,
        wage_max=wage_min + draw(st.integers(0, 2000)),
        age_min=age_min,
        age_max=age_min + draw(st.integers(0, 40)),
        board=draw(st.booleans()),
        lodging=draw(st.booleans()),
        social_insurance=draw(st.booleans()),
        start_date=TODAY + dt.timedelta(days=draw(st.integers(-5, 30))),
        status=draw(st.sampled_from(("open", "open", "filled", "closed"))),
        free_headcount=draw(st.integers(0, 4)),
        poor_share_ok=draw(st.booleans()),
    )


@st.composite
def worker_lists(draw, max_size: int = 6) -> list[WorkerProfile]:
    """Workers with distinct ids."""
    n = draw(st.integers(1, max_size))
    return [draw(workers(worker_id=i + 1)) for i in range(n)]


@st.composite
def opening_lists(draw, max_size: int = 6) -> list[OpeningProfile]:
    """Openings with distinct ids."""
    n = draw(st.integers(1, max_size))
    return [draw(openings(opening_id=i + 1)) for i in range(n)]
