"""Demo employers and openings: the workshops, leading enterprises and far-away partners of
the 2020 reports, with wages and benefits of their kind."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from jobs_app.models import Employer, EmployerKind, Opening, OpeningStatus, Township
from jobs_app.places import CHONGQING, DISTRICT_CITY


@dataclass(frozen=True)
class Trade:
    title: str
    skills: tuple[str, ...]
    wage: tuple[int, int]


WORKSHOP_TRADES = (
    Trade("缝纫工", ("缝纫", "服装加工"), (2000, 3000)),
    Trade("玩具组装工", ("玩具组装", "手工编织"), (2000, 2800)),
    Trade("手工编织工", ("手工编织",), (1800, 2600)),
)
LOCAL_TRADES = (
    Trade("生猪饲养员", ("生猪养殖",), (3000, 4200)),
    Trade("柑橘种植工", ("柑橘种植",), (2400, 3200)),
    Trade("分拣包装工", ("搬运",), (2600, 3400)),
    Trade("电工", ("电工",), (3800, 5200)),
    Trade("厨工", ("厨师",), (2800, 3800)),
    Trade("保洁员", ("保洁",), (2000, 2600)),
)
FAR_TRADES = (
    Trade("电子装配工", ("电子装配",), (4200, 6000)),
    Trade("纺织挡车工", ("缝纫", "服装加工"), (4000, 5500)),
    Trade("焊工", ("焊工",), (5500, 8000)),
    Trade("叉车司机", ("叉车", "驾驶"), (5000, 7000)),
    Trade("普工", (), (4000, 5200)),
    Trade("护理员", ("护理", "家政"), (4200, 5800)),
)
PUBLIC_POST = Trade("保洁护林公益岗", ("保洁",), (800, 1200))

# (province, city, employer names); 济宁 is Wanzhou's east-west partner since about 2010.
FAR_EMPLOYERS = (
    (
        "山东省",
        "济宁市",
        (
            "济宁如意纺织有限公司",
            "济宁鲁渝电子科技有限公司",
            "兖州机械制造有限公司",
            "曲阜食品加工有限公司",
            "邹城服装有限公司",
            "济宁港航物流有限公司",
        ),
    ),
    ("广东省", "东莞市", ("东莞长安电子厂", "东莞虎门服装有限公司", "东莞塘厦五金制品厂")),
    ("广东省", "广州市", ("广州白云电器有限公司", "广州番禺制衣厂")),
    ("广东省", "深圳市", ("深圳龙岗精密电子有限公司", "深圳宝安物流有限公司")),
    ("福建省", "泉州市", ("泉州晋江鞋业有限公司", "泉州石狮服装有限公司")),
    ("福建省", "厦门市", ("厦门海沧电子有限公司",)),
    ("浙江省", "宁波市", ("宁波北仑模具有限公司", "宁波慈溪家电有限公司")),
    ("浙江省", "杭州市", ("杭州萧山纺织有限公司",)),
    ("上海市", "上海市", ("上海松江电子有限公司", "上海嘉定汽车配件有限公司")),
    ("云南省", "昆明市", ("昆明呈贡花卉有限公司",)),
    ("广西壮族自治区", "柳州市", ("柳州汽车零部件有限公司",)),
    ("广西壮族自治区", "南宁市", ("南宁糖业有限公司",)),
    (CHONGQING, "渝北区", ("重庆空港电子有限公司", "重庆两江物流有限公司")),
    (CHONGQING, "涪陵区", ("涪陵榨菜食品有限公司",)),
)

LEADING = (
    ("万州生态养猪龙头企业", "生猪"),
    ("万州红橙柑橘专业合作社", "柑橘"),
    ("三峡古红橘农业开发有限公司", "柑橘"),
    ("万州玫瑰香橙产业有限公司", "柑橘"),
    ("万州生态肉牛养殖有限公司", "生猪"),
    ("三峡茶业有限公司", "柑橘"),
)


def employers(rng: random.Random, townships: list[Township]) -> list[Employer]:
    by_name = {t.name: t for t in townships}
    made = _workshops(rng, townships, by_name)
    made += [
        _local(name, EmployerKind.enterprise, rng.choice(townships), leading=True)
        for name, _ in LEADING
    ]
    suffixes = ("食品厂", "建材厂", "物流站", "酒店", "服装厂")
    made += [
        _local(f"{t.name}{suffixes[i % len(suffixes)]}", EmployerKind.enterprise, t)
        for i, t in enumerate(rng.sample(townships, 20))
    ]
    made += [
        _local(f"{t.name}公益性岗位", EmployerKind.public_post, t)
        for t in rng.sample(townships, 12)
    ]
    for province, city, names in FAR_EMPLOYERS:
        kind = EmployerKind.enterprise if province == CHONGQING else EmployerKind.east_west
        if province not in ("山东省", CHONGQING):
            kind = EmployerKind.enterprise
        made += [
            Employer(
                name=name,
                kind=kind,
                province=province,
                city=city,
                contact_name="人事部",
                is_leading=False,
            )
            for name in names
        ]
    return made + _more_far(rng, len(made))


def _workshops(rng, townships, by_name) -> list[Employer]:
    """18 certified workshops: 龙沙镇's toy and garment workshops, 龙驹镇's 鲁渝 one, and more."""
    named = [
        ("龙沙玩具扶贫车间", "龙沙镇"),
        ("龙沙服装扶贫车间", "龙沙镇"),
        ("鲁渝扶贫车间", "龙驹镇"),
    ]
    others = rng.sample([t for t in townships if t.kind.value != "street"], 15)
    named += [
        (f"{t.name}{rng.choice(('手工', '服装', '电子', '竹编'))}扶贫车间", t.name) for t in others
    ]
    return [
        _local(name, EmployerKind.workshop, by_name[town], certified=True) for name, town in named
    ]


def _more_far(rng, made: int) -> list[Employer]:
    """Fill up to about 120 employers with more partners in the provinces of the bus lines."""
    extra = []
    for index in range(max(0, 120 - made)):
        province, city, _names = rng.choice(FAR_EMPLOYERS[:12])
        kind = EmployerKind.east_west if province == "山东省" else EmployerKind.enterprise
        extra.append(
            Employer(
                name=f"{city[:-1]}第{index + 1}协作企业",
                kind=kind,
                province=province,
                city=city,
                contact_name="人事部",
            )
        )
    return extra


def _local(name, kind, township, leading=False, certified=False) -> Employer:
    return Employer(
        name=name,
        kind=kind,
        province=CHONGQING,
        city=DISTRICT_CITY,
        township_id=township.id,
        is_leading=leading,
        workshop_certified=certified,
        contact_name="负责人",
        workshop_certified_on=date(2019, 6, 1) if certified else None,
    )


def trades_for(employer: Employer) -> tuple[Trade, ...]:
    if employer.kind == EmployerKind.workshop:
        return WORKSHOP_TRADES
    if employer.kind == EmployerKind.public_post:
        return (PUBLIC_POST,)
    return LOCAL_TRADES if employer.township_id else FAR_TRADES


def opening(rng: random.Random, employer: Employer, start: date, today: date) -> Opening:
    """One opening of the employer's trade, starting on ``start``."""
    trade = rng.choice(trades_for(employer))
    far = employer.township_id is None
    low, high = trade.wage
    return Opening(
        employer_id=employer.id,
        title=trade.title,
        skills=list(trade.skills),
        description=f"{employer.name}招聘{trade.title}",
        headcount=_headcount(rng, far),
        hired_count=0,
        wage_min=low,
        wage_max=high,
        province=employer.province,
        city=employer.city,
        township_id=employer.township_id,
        age_min=18,
        age_max=rng.choice((45, 50, 55, 60)),
        board=far or rng.random() < 0.3,
        lodging=far,
        social_insurance=far or rng.random() < 0.5,
        start_date=start,
        status=OpeningStatus.open if start >= today else OpeningStatus.closed,
    )


def _headcount(rng: random.Random, far: bool) -> int:
    """Far factories hire by the busload; workshops and local firms a few at a time."""
    return rng.choice((10, 20, 30, 40, 50) if far else (3, 5, 8, 10, 15))


def start_dates(rng: random.Random, today: date, past: int, future: int) -> list[date]:
    """Start dates over the past two years and the coming eight weeks."""
    history = [today - timedelta(days=rng.randint(20, 730)) for _ in range(past)]
    ahead = [today + timedelta(days=rng.randint(5, 56)) for _ in range(future)]
    return sorted(history) + sorted(ahead)
