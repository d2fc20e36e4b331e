"""Factories for test data, built through the services so they obey the same rules."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from jobs_app import clock
from jobs_app.identity import make_id_number
from jobs_app.models import Role, TokenKind, User
from jobs_app.services import employers, openings, referrals, users, workers
from jobs_app.services.access import Actor

LONGSHA = "500101135000"  # 龙沙镇: the toy and garment workshop's town
LONGJU = "500101151000"  # 龙驹镇
PASSWORD = "correct-horse-battery"
BUREAU = Actor.system()
_sequence = itertools.count(1)


def id_number(birth: date | None = None, *, male: bool = False) -> str:
    """A fresh valid ID number; sequences never repeat within a run."""
    n = next(_sequence)
    birth = birth or date(1980, 1, 1) + timedelta(days=n)
    return make_id_number("500101", birth, n % 500 * 2 + (1 if male else 0))


def worker(session, *, township_code: str = LONGSHA, **overrides):
    fields = {
        "name": "张秀英",
        "id_number": id_number(),
        "phone": "13912345678",
        "township_code": township_code,
        "category": "registered_poor",
        "ability": "ordinary",
        "skills": ["缝纫"],
        "status": "seeking",
    }
    fields.update(overrides)
    return workers.create(session, actor=BUREAU, **fields)


def employer(session, **overrides):
    fields = {"name": "龙沙玩具扶贫车间", "kind": "workshop", "province": "重庆市",
              "city": "万州区", "township_code": LONGSHA}  # fmt: skip
    fields.update(overrides)
    return employers.create(session, actor=BUREAU, **fields)


def opening(session, *, employer_id: int, **overrides):
    fields = {
        "employer_id": employer_id,
        "title": "缝纫工",
        "skills": ["缝纫"],
        "headcount": 5,
        "wage_min": 2000,
        "wage_max": 3000,
        "province": "重庆市",
        "city": "万州区",
        "township_code": LONGSHA,
        "age_min": 18,
        "age_max": 55,
        "start_date": clock.today() + timedelta(days=14),
    }
    fields.update(overrides)
    return openings.create(session, actor=BUREAU, **fields)


def referral(session, *, worker_id: int, opening_id: int):
    return referrals.create(session, actor=BUREAU, worker_id=worker_id, opening_id=opening_id)


def user(session, username: str, role: Role, **scope) -> User:
    return users.create(
        session, actor=Actor(None, Role.admin), username=username, password=PASSWORD,
        role=role, **scope,
    )  # fmt: skip


@dataclass
class World:
    """The cast of the access tests."""

    employer_a: int
    employer_b: int
    tokens: dict[str, str] = field(default_factory=dict)


def build_world(session) -> World:
    a = employer(session, name="龙沙玩具扶贫车间")
    b = employer(session, name="济宁纺织有限公司", kind="east_west", province="山东省",
                 city="济宁市", township_code=None)  # fmt: skip
    world = World(employer_a=a.id, employer_b=b.id)
    cast = {
        "desk": (Role.desk, {"township_code": LONGSHA}),
        "other_desk": (Role.desk, {"township_code": LONGJU}),
        "employer": (Role.employer, {"employer_id": a.id}),
        "other_employer": (Role.employer, {"employer_id": b.id}),
        "bureau": (Role.bureau, {}),
        "admin": (Role.admin, {}),
    }
    for name, (role, scope) in cast.items():
        account = user(session, name, role, **scope)
        world.tokens[name] = users.issue_token(session, user=account, kind=TokenKind.bearer)
    return world
