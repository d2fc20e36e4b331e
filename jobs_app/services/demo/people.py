"""Demo households and workers: Chinese names, valid fictitious ID numbers, realistic mixes."""

from __future__ import annotations

import random
from datetime import date, timedelta

from jobs_app.identity import make_id_number
from jobs_app.models import (
    Ability,
    Category,
    Education,
    Health,
    Household,
    Township,
    WishScope,
    Worker,
    WorkerStatus,
)

SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林谭冉向牟秦邓程熊彭袁谢"
GIVEN = "秀英建国明华红梅志强丽娟小军芳玉兰德文海燕春桂平勇刚霞翠云家福永成金凤"
VILLAGES = (
    "石桥村",
    "新田村",
    "青龙村",
    "大坪村",
    "柑子村",
    "桂花村",
    "河坝社区",
    "双河村",
    "白岩村",
    "中坝村",
    "凉水村",
    "茶园村",
)
SKILLS = (
    "缝纫",
    "电工",
    "焊工",
    "砌筑",
    "厨师",
    "驾驶",
    "生猪养殖",
    "柑橘种植",
    "电子装配",
    "家政",
    "保洁",
    "搬运",
    "叉车",
    "手工编织",
    "护理",
    "木工",
    "服装加工",
    "玩具组装",
)
FAR_PROVINCES = ("山东省", "广东省", "浙江省", "福建省", "上海市", "云南省", "广西壮族自治区")
NOT_SEEKING_REASONS = ("在校学生", "照顾老人", "照顾年幼子女", "身体原因", "已退休年龄")
HELPERS = ("谭德明", "冉光荣", "向小平", "牟春燕", "秦永富", "陈志远", "黄丽娟", "刘国平")


def _weighted(rng: random.Random, table: dict):
    return rng.choices(list(table), weights=list(table.values()))[0]


CATEGORY_MIX = {
    Category.lifted: 50,
    Category.registered_poor: 25,
    Category.monitored: 12,
    Category.marginal: 13,
}
ABILITY_MIX = {Ability.ordinary: 60, Ability.skilled: 20, Ability.weak: 15, Ability.none: 5}
EDUCATION_MIX = {
    Education.illiterate: 5,
    Education.primary: 30,
    Education.junior: 45,
    Education.senior: 15,
    Education.college: 4,
    Education.bachelor: 1,
}
HEALTH_MIX = {Health.healthy: 85, Health.chronic: 10, Health.serious: 2, Health.disabled: 3}
SCOPE_MIX = {WishScope.local: 35, WishScope.province: 25, WishScope.anywhere: 40}


class People:
    """Makes households and their workers, with ID numbers that never repeat."""

    def __init__(self, rng: random.Random, today: date):
        self.rng = rng
        self.today = today
        self.used_ids: set[str] = set()

    def household(self, township: Township) -> Household:
        rng = self.rng
        return Household(
            township_id=township.id,
            village=rng.choice(VILLAGES),
            category=_weighted(rng, CATEGORY_MIX),
            dibao=rng.random() < 0.15,
            tekun=rng.random() < 0.03,
            helper_name=rng.choice(HELPERS),
            helper_phone=self.phone(),
        )

    def worker(self, household: Household, head: bool, since: date) -> Worker:
        rng = self.rng
        birth = self.today - timedelta(days=rng.randint(17 * 365, 64 * 365))
        ability = _weighted(rng, ABILITY_MIX)
        status, reason = self._starting_status(ability, birth)
        number = self._id_number(birth)
        return Worker(
            household_id=household.id,
            township_id=household.township_id,
            id_number=number,
            name=self.name(),
            sex=sex_of(number),
            birth_date=birth,
            phone=self.phone(),
            is_household_head=head,
            education=_weighted(rng, EDUCATION_MIX),
            health=_weighted(rng, HEALTH_MIX),
            ability=ability,
            skills=self._skills(ability),
            **self._wishes(),
            cares_for_children=rng.random() < 0.2,
            cares_for_elderly=rng.random() < 0.12,
            status=status,
            status_since=since,
            status_reason=reason,
        )

    def name(self) -> str:
        given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
        return self.rng.choice(SURNAMES) + given

    def phone(self) -> str:
        return f"1{self.rng.choice('3456789')}{self.rng.randint(0, 999_999_999):09d}"

    def _id_number(self, birth: date) -> str:
        while True:
            number = make_id_number("500101", birth, self.rng.randint(0, 999))
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def _skills(self, ability: Ability) -> list[str]:
        count = {Ability.skilled: 2, Ability.ordinary: 1}.get(ability, 0)
        return self.rng.sample(SKILLS, count + self.rng.randint(0, 1))

    def _wishes(self) -> dict:
        rng = self.rng
        scope = _weighted(rng, SCOPE_MIX)
        provinces = (
            rng.sample(FAR_PROVINCES, rng.randint(1, 2))
            if (scope == WishScope.anywhere and rng.random() < 0.5)
            else []
        )
        return {
            "wish_scope": scope,
            "wish_provinces": provinces,
            "wish_min_wage": rng.choice((None, 2000, 2500, 3000, 3500, 4000, 5000)),
        }

    def _starting_status(self, ability: Ability, birth: date) -> tuple[WorkerStatus, str | None]:
        age = (self.today - birth).days // 365
        if ability == Ability.none:
            return WorkerStatus.not_seeking, "丧失劳动力"
        if age < 19 and self.rng.random() < 0.7:
            return WorkerStatus.not_seeking, "在校学生"
        roll = self.rng.random()
        if roll < 0.06:
            return WorkerStatus.not_seeking, self.rng.choice(NOT_SEEKING_REASONS[1:])
        if roll < 0.13:
            return WorkerStatus.self_employed, "务农及自主经营"
        return WorkerStatus.seeking, None


def sex_of(id_number: str) -> str:
    return "male" if int(id_number[16]) % 2 else "female"
