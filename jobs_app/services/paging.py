"""Paging of list queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class Page:
    items: list[Any]
    total: int
    page: int
    per_page: int


def paginate(session: Session, statement: Select, *, page: int, per_page: int) -> Page:
    """One page of a query, with the total count of its rows.

    A page that is not full is the last one, and its rows end the count: a desk's search for
    a name mostly finds a few workers, and counting them again cost a second scan."""
    offset = (page - 1) * per_page
    rows = list(session.scalars(statement.limit(per_page).offset(offset)).unique())
    if len(rows) < per_page and (rows or page == 1):
        total = offset + len(rows)
    else:
        counted = select(func.count()).select_from(statement.order_by(None).subquery())
        total = session.scalar(counted) or 0
    return Page(items=rows, total=total, page=page, per_page=per_page)
