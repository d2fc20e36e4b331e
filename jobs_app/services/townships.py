"""Townships of the district."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app.errors import InvalidInput
from jobs_app.models import Township


def get_all(session: Session) -> list[Township]:
    return list(session.scalars(select(Township).order_by(Township.code)))


def get(session: Session, township_id: int) -> Township | None:
    return session.get(Township, township_id)


def get_by_code(session: Session, code: str, *, field: str = "township_code") -> Township:
    """The township with this code (or name); an unknown one is an input error on ``field``."""
    township = session.scalar(
        select(Township).where((Township.code == code) | (Township.name == code))
    )
    if township is None:
        raise InvalidInput.field(field, "Unknown township code.")
    return township
