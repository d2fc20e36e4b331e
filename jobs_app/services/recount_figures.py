"""The figures of a recount, by GROUP BY over its snapshot, against last month and last year.

Each figure set has the same keys: workers by labor ability, employed by kind (区县内 incl.
workshops, 区县外市内, 市外, public posts, self-employed), seeking, not seeking, and — when
the previous month was recounted — newly seeking, newly unemployed and newly placed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from jobs_app.models import Ability, Recount, RecountEntry, Township, WorkerStatus
from jobs_app.services import periods

EMPLOYED = (
    WorkerStatus.employed_local,
    WorkerStatus.employed_province,
    WorkerStatus.employed_out,
    WorkerStatus.public_post,
    WorkerStatus.self_employed,
)


def _count_if(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _metric_columns(entry, previous, compare: bool) -> list:
    columns = [func.count().label("workers")]
    columns += [_count_if(entry.ability == a).label(f"ability_{a.value}") for a in Ability]
    columns.append(_count_if(entry.status.in_(EMPLOYED)).label("employed"))
    columns += [_count_if(entry.status == s).label(s.value) for s in WorkerStatus]
    if compare:
        was_employed = previous.status.in_(EMPLOYED)
        was_seeking = previous.status == WorkerStatus.seeking
        seeking = entry.status == WorkerStatus.seeking
        columns += [
            _count_if(and_(seeking, previous.worker_id.is_(None) | ~was_seeking)).label(
                "newly_seeking"
            ),
            _count_if(and_(seeking, was_employed)).label("newly_unemployed"),
            _count_if(
                and_(entry.status.in_(EMPLOYED), previous.worker_id.isnot(None), ~was_employed)
            ).label("newly_placed"),
        ]
    return columns


def _grouped(session: Session, recount: Recount, group_by: list) -> list[dict[str, Any]]:
    """Figures of one recount, one dict per group (one dict in all when no grouping)."""
    entry, previous = RecountEntry, aliased(RecountEntry)
    prior = _recount_of(session, periods.shift(recount.period, -1))
    statement = select(*group_by, *_metric_columns(entry, previous, prior is not None))
    if prior is not None:
        statement = statement.outerjoin(
            previous,
            and_(previous.recount_id == prior.id, previous.worker_id == entry.worker_id),
        )
    statement = statement.select_from(entry).where(entry.recount_id == recount.id)
    if group_by:
        statement = statement.group_by(*group_by)
    return [dict(row._mapping) for row in session.execute(statement)]


def _recount_of(session: Session, period: str) -> Recount | None:
    return session.scalar(select(Recount).where(Recount.period == period))


def figures(session: Session, recount: Recount, *, township_id: int | None = None) -> dict:
    """The pinned shape: period, summary, by_township, by_category, and the comparisons."""
    others = {
        "previous": _recount_of(session, periods.shift(recount.period, -1)),
        "last_year": _recount_of(session, periods.shift(recount.period, -12)),
    }
    return {
        "period": recount.period,
        "as_of": recount.as_of,
        "run_at": recount.run_at,
        "summary": _summary(session, recount),
        **{
            f"{name}_period": periods.shift(recount.period, shift)
            for name, shift in (("previous", -1), ("last_year", -12))
        },
        **{name: _summary(session, other) if other else None for name, other in others.items()},
        "by_township": _by_township(session, recount, others, township_id),
        "by_category": _by_key(session, recount, others, RecountEntry.category, "category"),
    }


def _summary(session: Session, recount: Recount) -> dict:
    return _grouped(session, recount, [])[0]


def _by_township(session, recount, others, township_id) -> list[dict]:
    rows = _by_key(session, recount, others, RecountEntry.township_id, "township_id")
    names = {t.id: t for t in session.scalars(select(Township))}
    for row in rows:
        township = names[row.pop("township_id")]
        row["township_code"], row["township_name"] = township.code, township.name
    if township_id is not None:
        rows = [row for row in rows if row["township_code"] == names[township_id].code]
    return sorted(rows, key=lambda row: row["township_code"])


def _by_key(session, recount, others, column, name: str) -> list[dict]:
    """Rows per value of ``column``, each with the same row of last month and last year."""
    current = _grouped(session, recount, [column.label(name)])
    earlier = {
        label: {row[name]: row for row in _grouped(session, other, [column.label(name)])}
        if other
        else {}
        for label, other in others.items()
    }
    for row in current:
        for label, rows in earlier.items():
            match = rows.get(row[name])
            row[label] = {k: v for k, v in match.items() if k != name} if match else None
    return current
