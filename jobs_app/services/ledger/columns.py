"""The bureau's ledger layout (SPEC, "The bureau's ledgers"): headers, their variants, values.

Clerks type headers and values in many small variations — full- or half-width brackets,
stray spaces, a required-field star — so both are compared in a normalised form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobs_app.models import Ability, Category, Education, Health, WorkerStatus

_NOISE = re.compile(r"[\s\u3000*＊]")
_WIDE = str.maketrans("（）【】［］", "()[][]")


def normalise(text: str) -> str:
    """Drop spaces and stars and make brackets half-width, so variants compare equal."""
    return _NOISE.sub("", text.translate(_WIDE))


@dataclass(frozen=True)
class LedgerColumn:
    """A column of the worker ledger: the field it fills, its canonical header, its variants."""

    field: str
    header: str
    variants: tuple[str, ...] = ()


WORKER_LEDGER = (
    LedgerColumn("name", "姓名"),
    LedgerColumn("id_number", "身份证号", ("身份证号码", "证件号码", "身份证")),
    LedgerColumn("sex", "性别"),
    LedgerColumn("birth_date", "出生日期"),
    LedgerColumn("age", "年龄"),
    LedgerColumn("phone", "联系电话", ("手机号", "手机号码", "联系方式")),
    LedgerColumn("township", "镇乡（街道）", ("乡镇", "镇街", "乡镇（街道）", "镇乡街道")),
    LedgerColumn("village", "村（社区）", ("村", "村社区")),
    LedgerColumn("category", "户类型", ("贫困户属性",)),
    LedgerColumn("dibao", "低保", ("低保户", "是否低保")),
    LedgerColumn("tekun", "特困", ("特困户", "是否特困")),
    LedgerColumn("ability", "劳动能力", ("劳动技能",)),
    LedgerColumn("education", "文化程度"),
    LedgerColumn("health", "健康状况"),
    LedgerColumn("skills", "技能", ("技能特长",)),
    LedgerColumn("status", "就业状态", ("务工状态",)),
    LedgerColumn("employer", "务工单位"),
    LedgerColumn("place", "务工地点"),
    LedgerColumn("wage", "月收入"),
    LedgerColumn("helper_name", "帮扶责任人"),
    LedgerColumn("helper_phone", "帮扶责任人电话"),
)
BY_FIELD = {column.field: column for column in WORKER_LEDGER}
_BY_HEADER = {
    normalise(name): column
    for column in WORKER_LEDGER
    for name in (column.header, *column.variants)
}
# A new worker cannot be registered without these (the registration form requires them).
REQUIRED_FIELDS = ("name", "id_number", "township", "category", "ability", "status")
# The header row is the one that names both of these; rows above it are titles.
HEADER_MARKERS = ("name", "id_number")


def column_for(header: object) -> LedgerColumn | None:
    """The ledger column a header cell names, whichever accepted spelling it uses."""
    if not isinstance(header, str):
        return None
    return _BY_HEADER.get(normalise(header))


def _vocabulary(pairs: dict[str, tuple[str, ...]], members) -> dict[str, object]:
    """Normalised spelling → enum member, from each member's accepted spellings."""
    return {normalise(spelling): member for member in members for spelling in pairs[member.value]}


CATEGORY_WORDS = {
    "registered_poor": ("建档立卡贫困户", "贫困户", "未脱贫户"),
    "lifted": ("已脱贫户", "脱贫户"),
    "monitored": ("监测户", "脱贫不稳定户", "监测户（脱贫不稳定户）"),
    "marginal": ("边缘户", "边缘易致贫户", "边缘户（边缘易致贫户）"),
}
ABILITY_WORDS = {
    "ordinary": ("普通劳动力", "普通"),
    "skilled": ("技能劳动力", "技能"),
    "weak": ("弱劳动力", "半劳动力", "弱劳动力或半劳动力", "弱"),
    "none": ("无劳动力", "丧失劳动力", "无劳动力（丧失劳动力）", "无"),
}
EDUCATION_WORDS = {
    "illiterate": ("文盲或半文盲", "文盲", "半文盲"),
    "primary": ("小学",),
    "junior": ("初中",),
    "senior": ("高中", "中专", "中职", "技校", "高中（中专）"),
    "college": ("大专", "专科"),
    "bachelor": ("本科及以上", "本科", "研究生"),
}
HEALTH_WORDS = {
    "healthy": ("健康",),
    "chronic": ("长期慢性病", "慢性病"),
    "serious": ("患有大病", "大病"),
    "disabled": ("残疾",),
}
# Chongqing's own statistics say 区县内 / 区县外市内 / 市外; the first spelling is the export's.
STATUS_WORDS = {
    "seeking": ("未就业", "未就业有就业意愿"),
    "employed_local": ("区县内就业", "县内就业", "区内就业"),
    "employed_province": ("区县外市内", "市内县外就业", "区县外市内就业", "市内区县外就业"),
    "employed_out": ("市外就业", "省外", "省外就业", "市外"),
    "public_post": ("公益性岗位", "公益性岗位就业"),
    "self_employed": ("自主创业", "务农", "自主创业或务农"),
    "not_seeking": ("无就业意愿", "无意愿"),
}
CATEGORIES = _vocabulary(CATEGORY_WORDS, Category)
ABILITIES = _vocabulary(ABILITY_WORDS, Ability)
EDUCATIONS = _vocabulary(EDUCATION_WORDS, Education)
HEALTHS = _vocabulary(HEALTH_WORDS, Health)
STATUSES = _vocabulary(STATUS_WORDS, WorkerStatus)
YES_NO = {"是": True, "否": False}
SEXES = {"男": "male", "女": "female"}


def label(words: dict[str, tuple[str, ...]], value: object) -> str:
    """The ledger's canonical word for an enum value (its first spelling), blank for none."""
    return words[str(value)][0] if value is not None else ""
