"""The service's notion of today: the district's calendar day (Asia/Shanghai)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

DISTRICT_TZ = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    return datetime.now(DISTRICT_TZ)


def today() -> date:
    return now().date()
