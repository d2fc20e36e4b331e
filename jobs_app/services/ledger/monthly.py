"""The ledgers of the month: the recount, the zero-clearing list, visits due, subsidies due.

Each reads the same services the API answers from, and writes them in the bureau's layout.
"""

from __future__ import annotations

from typing import IO

from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.models import Role
from jobs_app.services import placements, recount_figures, recounts, subsidies, zero_clearing
from jobs_app.services.access import Actor, require
from jobs_app.services.audit import record
from jobs_app.services.ledger.writing import Column, write_ledger

RECOUNT_COLUMNS = [
    Column("镇乡（街道）", 16), Column("劳动力总数", 10, "integer"),
    Column("普通劳动力", 10, "integer"), Column("技能劳动力", 10, "integer"),
    Column("弱劳动力", 10, "integer"), Column("无劳动力", 10, "integer"),
    Column("已就业", 10, "integer"), Column("区县内就业", 10, "integer"),
    Column("区县外市内就业", 12, "integer"), Column("市外就业", 10, "integer"),
    Column("公益性岗位", 10, "integer"), Column("自主创业", 10, "integer"),
    Column("未就业（有意愿）", 14, "integer"), Column("无就业意愿", 10, "integer"),
    Column("新增未就业", 10, "integer"), Column("新增就业", 10, "integer"),
    Column("上月未就业", 10, "integer"), Column("比上月", 10, "integer"),
    Column("去年同期未就业", 12, "integer"), Column("比去年同期", 10, "integer"),
]  # fmt: skip
RECOUNT_KEYS = (
    "workers",
    "ability_ordinary",
    "ability_skilled",
    "ability_weak",
    "ability_none",
    "employed",
    "employed_local",
    "employed_province",
    "employed_out",
    "public_post",
    "self_employed",
    "seeking",
    "not_seeking",
    "newly_unemployed",
    "newly_placed",
)

SEEKING_COLUMNS = [
    Column("姓名", 10), Column("联系电话", 14, "id"), Column("镇乡（街道）", 14),
    Column("村（社区）", 12), Column("户类型", 12), Column("未就业起始日期", 14, "date"),
    Column("未就业天数", 10, "integer"), Column("帮扶责任人", 10),
    Column("帮扶责任人电话", 14, "id"), Column("最近跟进", 24),
]  # fmt: skip
CATEGORY_NAMES = {"registered_poor": "建档立卡贫困户", "lifted": "已脱贫户",
                  "monitored": "监测户", "marginal": "边缘户"}  # fmt: skip
FOLLOW_UP_NAMES = {"contacted": "已联系", "referred": "已推荐", "unreachable": "联系不上",
                   "no_longer_seeking": "无就业意愿"}  # fmt: skip

VISIT_COLUMNS = [
    Column("姓名", 10), Column("镇乡（街道）", 14), Column("务工单位", 24),
    Column("上岗日期", 12, "date"), Column("回访节点（月）", 12, "integer"),
    Column("应回访日期", 12, "date"), Column("逾期天数", 10, "integer"),
]  # fmt: skip
SUBSIDY_COLUMNS = [
    Column("姓名", 10), Column("务工单位", 24), Column("务工省份", 12),
    Column("上岗日期", 12, "date"), Column("补贴项目", 36), Column("金额", 10, "money"),
]  # fmt: skip


def export_recount(session: Session, *, actor: Actor, period: str, target: str | IO[bytes]) -> int:
    """The recount ledger of a month: one row per township, then the district's total."""
    require(actor, Role.bureau)
    recount = recounts.get(session, actor=actor, period=period)
    figures = recount_figures.figures(session, recount)
    rows = [_recount_row(row["township_name"], row) for row in figures["by_township"]]
    rows.append(_recount_row("合计", {**figures["summary"], "previous": figures["previous"],
                                     "last_year": figures["last_year"]}))  # fmt: skip
    title = f"万州区脱贫劳动力月度排查台账（{period}，截至 {recount.as_of:%Y-%m-%d}）"
    count = write_ledger(target, title=title, columns=RECOUNT_COLUMNS, rows=rows)
    _audit(session, actor, "recount", count, period)
    return count


def _recount_row(name: str, figures: dict) -> list:
    previous = (figures.get("previous") or {}).get("seeking")
    last_year = (figures.get("last_year") or {}).get("seeking")
    seeking = figures["seeking"]
    return [name, *(figures.get(key) for key in RECOUNT_KEYS), previous,
            None if previous is None else seeking - previous, last_year,
            None if last_year is None else seeking - last_year]  # fmt: skip


def export_seeking(
    session: Session, *, actor: Actor, period: str, target: str | IO[bytes],
    township_code: str | None = None,
) -> int:  # fmt: skip
    """The zero-clearing list (清零名单) of a month; a desk gets its own township's."""
    page = zero_clearing.seeking(session, actor=actor, period=period,
                                 township_code=township_code, page=1, per_page=10**9)  # fmt: skip
    rows = ([w.name, w.phone, w.township_name, w.village, CATEGORY_NAMES.get(w.category),
             w.seeking_since, w.days_seeking, w.helper_name, w.helper_phone, _follow_up(w)]
            for w in page.items)  # fmt: skip
    count = write_ledger(target, title=f"清零名单（{period}）", columns=SEEKING_COLUMNS, rows=rows)
    _audit(session, actor, "seeking", count, period)
    return count


def _follow_up(worker) -> str | None:
    last = worker.last_follow_up
    if last is None:
        return None
    return f"{last.done_on:%Y-%m-%d} {FOLLOW_UP_NAMES[last.kind.value]} {last.note or ''}".strip()


def export_visits_due(session: Session, *, actor: Actor, target: str | IO[bytes]) -> int:
    """Follow-up visits due this week or overdue, for the desks' rounds."""
    due = placements.due_visits(session, actor=actor)
    rows = ([v.worker_name, v.township_code, v.employer_name, v.hired_on, v.month_mark,
             v.due_on, v.overdue_days] for v in due)  # fmt: skip
    title = f"回访提醒（{clock.today():%Y-%m-%d}）"
    count = write_ledger(target, title=title, columns=VISIT_COLUMNS, rows=rows)
    _audit(session, actor, "visits_due", count, None)
    return count


def export_subsidies_due(session: Session, *, actor: Actor, target: str | IO[bytes]) -> int:
    """Subsidies earned and not yet decided, for the finance office."""
    due = subsidies.due(session, actor=actor)
    rows = ([s.worker_name, s.employer_name, s.province, s.hired_on, s.rule_name, s.amount]
            for s in due)  # fmt: skip
    title = f"应发补贴清单（{clock.today():%Y-%m-%d}）"
    count = write_ledger(target, title=title, columns=SUBSIDY_COLUMNS, rows=rows)
    _audit(session, actor, "subsidies_due", count, None)
    return count


def _audit(session: Session, actor: Actor, ledger: str, rows: int, period: str | None) -> None:
    record(session, actor=actor, action="export", entity="ledger",
           detail={"ledger": ledger, "rows": rows, "period": period})  # fmt: skip
