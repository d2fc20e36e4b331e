"""Exports in the bureau's ledger layout: the worker ledger and the placements ledger.

Rows are streamed from the database (``yield_per``) into a write-only workbook, so a
district's 100,000 workers never sit in memory at once. Each export holds full ID numbers,
so it is the bureau's only, and written to the audit log like any unmasked read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.identity import age_on
from jobs_app.models import (
    Employer,
    Household,
    Opening,
    Referral,
    ReferralStatus,
    Role,
    Township,
    Worker,
)
from jobs_app.services import audit, townships
from jobs_app.services.access import Actor, require
from jobs_app.services.ledger.columns import (
    ABILITY_WORDS,
    CATEGORY_WORDS,
    EDUCATION_WORDS,
    HEALTH_WORDS,
    STATUS_WORDS,
    label,
)
from jobs_app.services.ledger.writing import Column, write_ledger

STREAM_ROWS = 2000
SEX_WORDS = {"male": "男", "female": "女"}
EMPLOYER_KIND_WORDS = {"enterprise": "企业", "workshop": "扶贫车间",
                       "east_west": "东西部劳务协作单位", "public_post": "公益性岗位"}  # fmt: skip
WORKER_COLUMNS = [
    Column("姓名", 10), Column("身份证号", 21, "id"), Column("性别", 6),
    Column("出生日期", 12, "date"), Column("年龄", 6, "integer"), Column("联系电话", 14, "id"),
    Column("镇乡（街道）", 14), Column("村（社区）", 14), Column("户类型", 16), Column("低保", 6),
    Column("特困", 6), Column("劳动能力", 12), Column("文化程度", 12), Column("健康状况", 12),
    Column("技能", 20), Column("就业状态", 14), Column("务工单位", 24), Column("务工地点", 18),
    Column("月收入", 10, "money"), Column("帮扶责任人", 10), Column("帮扶责任人电话", 16, "id"),
]  # fmt: skip
PLACEMENT_COLUMNS = [
    Column("姓名", 10), Column("身份证号", 21, "id"), Column("镇乡（街道）", 14),
    Column("用人单位", 26), Column("单位类型", 16), Column("岗位", 18), Column("务工地点", 18),
    Column("上岗日期", 12, "date"), Column("离岗日期", 12, "date"), Column("月工资", 10, "money"),
    Column("状态", 8), Column("离岗原因", 24),
]  # fmt: skip

WORKER_FACTS = (
    Worker.name, Worker.id_number, Worker.sex, Worker.birth_date, Worker.phone,
    Township.name.label("township"), Household.village, Household.category, Household.dibao,
    Household.tekun, Worker.ability, Worker.education, Worker.health, Worker.skills,
    Worker.status, Employer.name.label("employer"), Opening.province, Opening.city,
    Referral.wage, Household.helper_name, Household.helper_phone,
)  # fmt: skip
PLACEMENT_FACTS = (
    Worker.name, Worker.id_number, Township.name.label("township"),
    Employer.name.label("employer"), Employer.kind, Opening.title, Opening.province,
    Opening.city, Referral.hired_on, Referral.ended_on, Referral.wage, Referral.status,
    Referral.end_reason,
)  # fmt: skip


def export_workers(
    session: Session, *, actor: Actor, target: str | IO[bytes], township_code: str | None = None
) -> int:
    """The worker ledger (SPEC layout), optionally of one township; returns the row count."""
    require(actor, Role.bureau)
    statement = _worker_rows()
    title = "劳动力台账"
    if township_code:
        township = townships.get_by_code(session, township_code)
        statement = statement.where(Worker.township_id == township.id)
        title = f"{township.name}劳动力台账"
    today = clock.today()
    rows = (_worker_cells(row, today) for row in _stream(session, statement))
    count = write_ledger(target, title=f"{title}（{today:%Y-%m-%d}）", columns=WORKER_COLUMNS,
                         rows=rows)  # fmt: skip
    _audit(session, actor, "workers", count, township_code)
    return count


def export_placements(session: Session, *, actor: Actor, target: str | IO[bytes]) -> int:
    """Placements (referrals hired, or hired and since left) with employer, place, dates, wage."""
    require(actor, Role.bureau)
    statement = (
        select(*PLACEMENT_FACTS)
        .join(Worker, Referral.worker_id == Worker.id)
        .join(Township, Worker.township_id == Township.id)
        .join(Opening, Referral.opening_id == Opening.id)
        .join(Employer, Opening.employer_id == Employer.id)
        .where(Referral.status.in_([ReferralStatus.hired, ReferralStatus.left]))
        .order_by(Referral.hired_on, Referral.id)
    )
    rows = (_placement_cells(row) for row in _stream(session, statement))
    title = f"就业帮扶台账：上岗与离岗（{clock.today():%Y-%m-%d}）"
    count = write_ledger(target, title=title, columns=PLACEMENT_COLUMNS, rows=rows)
    _audit(session, actor, "placements", count, None)
    return count


def _worker_rows():
    """Workers with their household, township and (outer-joined) active placement."""
    placement = and_(Referral.worker_id == Worker.id, Referral.status == ReferralStatus.hired)
    return (
        select(*WORKER_FACTS)
        .join(Household, Worker.household_id == Household.id)
        .join(Township, Worker.township_id == Township.id)
        .outerjoin(Referral, placement)
        .outerjoin(Opening, Referral.opening_id == Opening.id)
        .outerjoin(Employer, Opening.employer_id == Employer.id)
        .order_by(Township.code, Worker.id)
    )


def _worker_cells(row, today) -> list[object]:
    return [
        row.name, row.id_number, SEX_WORDS[row.sex], row.birth_date,
        age_on(row.birth_date, today), row.phone, row.township, row.village,
        label(CATEGORY_WORDS, row.category), _yes_no(row.dibao), _yes_no(row.tekun),
        label(ABILITY_WORDS, row.ability), label(EDUCATION_WORDS, row.education),
        label(HEALTH_WORDS, row.health), "、".join(row.skills or []),
        label(STATUS_WORDS, row.status), row.employer, _place(row), row.wage,
        row.helper_name, row.helper_phone,
    ]  # fmt: skip


def _placement_cells(row) -> list[object]:
    return [
        row.name, row.id_number, row.township, row.employer, EMPLOYER_KIND_WORDS[row.kind],
        row.title, _place(row), row.hired_on, row.ended_on, row.wage,
        "在岗" if row.status == ReferralStatus.hired else "离岗", row.end_reason,
    ]  # fmt: skip


def _place(row) -> str | None:
    return f"{row.province}{row.city}" if row.province else None


def _yes_no(flag: bool) -> str:
    return "是" if flag else "否"


def _stream(session: Session, statement) -> Iterator:
    return iter(session.execute(statement.execution_options(yield_per=STREAM_ROWS)))


def _audit(session, actor, ledger: str, rows: int, township_code: str | None) -> None:
    detail: dict[str, object] = {"ledger": ledger, "rows": rows}
    if township_code:
        detail["township"] = township_code
    audit.record(session, actor=actor, action="export", entity="ledger", detail=detail)
