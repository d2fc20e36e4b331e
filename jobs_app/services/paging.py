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
    """One page of a query, with the total count of its rows."""
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    rows = session.scalars(statement.limit(per_page).offset((page - 1) * per_page)).unique()
    return Page(items=list(rows), total=total or 0, page=page, per_page=per_page)
