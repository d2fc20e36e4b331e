"""Months as the recount names them: ``YYYY-MM``."""

from __future__ import annotations

import calendar
import re
from datetime import date

from jobs_app.errors import InvalidInput

PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse(period: str, *, field: str = "period") -> tuple[date, date]:
    """First and last day of a ``YYYY-MM`` month."""
    found = PERIOD.match(period or "")
    if not found:
        raise InvalidInput.field(field, "A month is written YYYY-MM.")
    year, month = int(found[1]), int(found[2])
    if not 1900 <= year <= 2999:
        raise InvalidInput.field(field, "A month is written YYYY-MM.")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift(period: str, months: int) -> str:
    """The month ``months`` after (or before, when negative) ``period``."""
    first, _ = parse(period)
    index = first.year * 12 + first.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
