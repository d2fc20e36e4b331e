"""A seeded 100,000-row worker ledger (.xlsx) in the bureau's layout, for the import benchmark.

Rows are drawn from a fixed seed, so every run builds the same file; ID numbers are valid
(GB 11643) and unique by construction (birth day and sequence number never repeat).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from jobs_app import clock
from jobs_app.identity import age_on, make_id_number
from jobs_app.services.ledger.columns import (
    ABILITY_WORDS,
    CATEGORY_WORDS,
    EDUCATION_WORDS,
    HEALTH_WORDS,
    STATUS_WORDS,
)
from jobs_app.services.ledger.exports import WORKER_COLUMNS

SEED = 20200609
# Births spread over 44 years (ages 20 to 64); with the sequence number, each ID is unique.
BIRTH_DAYS = 16_000
TOWNSHIPS = ("龙沙镇", "龙驹镇", "武陵镇", "分水镇", "甘宁镇", "高峰镇", "白羊镇", "孙家镇")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗谭向冉"
GIVEN = "秀英明华军平芳国强玉兰建红志勇丽小春海燕德福光荣"
SKILLS = ("缝纫", "焊工", "电工", "厨师", "驾驶", "泥瓦工", "家政", "种植", "竹编", "电子装配")
EMPLOYERS = ("龙沙玩具扶贫车间", "济宁如意纺织有限公司", "东莞电子厂", "万州区环卫所")


def ledger_rows(count: int, seed: int = SEED):
    """``count`` ledger rows, each consistent with its ID number."""
    draw = random.Random(seed)
    today = clock.today()
    for index in range(count):
        birth = today - timedelta(days=365 * 20 + index % BIRTH_DAYS)
        number = make_id_number("500101", birth, index // BIRTH_DAYS + 1)
        yield _row(draw, number, birth, today)


def _row(draw: random.Random, number: str, birth: date, today: date) -> list[object]:
    status = draw.choice(tuple(STATUS_WORDS))
    working = status.startswith("employed") or status == "public_post"
    return [
        draw.choice(SURNAMES) + "".join(draw.choices(GIVEN, k=draw.randint(1, 2))), number,
        "男" if int(number[16]) % 2 else "女", birth, age_on(birth, today),
        f"1{draw.randint(3, 9)}{draw.randint(0, 999_999_999):09d}", draw.choice(TOWNSHIPS),
        f"{draw.choice(GIVEN)}{draw.choice(GIVEN)}村", _word(draw, CATEGORY_WORDS),
        draw.choice("是否否否"), draw.choice("是否否否否否"), _word(draw, ABILITY_WORDS),
        _word(draw, EDUCATION_WORDS), _word(draw, HEALTH_WORDS),
        "、".join(draw.sample(SKILLS, draw.randint(0, 3))), _word(draw, STATUS_WORDS),
        draw.choice(EMPLOYERS) if working else None, "重庆市万州区" if working else None,
        draw.randint(20, 60) * 100 if working else None,
        draw.choice(SURNAMES) + draw.choice(GIVEN), f"138{draw.randint(0, 99_999_999):08d}",
    ]  # fmt: skip


def _word(draw: random.Random, words: dict[str, tuple[str, ...]]) -> str:
    """Any accepted spelling, as clerks type them, not only the canonical one."""
    return draw.choice(words[draw.choice(tuple(words))])


def build(directory: Path, count: int) -> Path:
    """Write the ledger once a month (ages are as of today); later runs reuse the file."""
    path = directory / f"ledger_{count}_{clock.today():%Y%m}.xlsx"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        _save_as_excel_does(partial, ledger_rows(count))
        partial.rename(path)
    return path


def _save_as_excel_does(path: Path, rows) -> None:
    """A workbook as Excel or WPS saves it: shared strings and a declared sheet size.

    (openpyxl's streaming writer, used by the exports, writes inline strings and no size,
    which read more slowly; the bureau's own ledgers come from Excel.)
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["万州区脱贫劳动力台账（基准测试数据）"])
    sheet.append([column.header for column in WORKER_COLUMNS])
    for row in rows:
        sheet.append(row)
    for cell in sheet["D"][2:]:
        cell.number_format = "yyyy-mm-dd"
    workbook.save(path)
