"""Follow-ups (跟进) of a worker on the zero-clearing list."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from jobs_app.models.base import Base, UtcDateTime, enum_column, utcnow


class FollowUpKind(StrEnum):
    contacted = "contacted"
    referred = "referred"
    unreachable = "unreachable"
    no_longer_seeking = "no_longer_seeking"


class FollowUp(Base):
    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(sa.ForeignKey("worker.id"), index=True)
    kind: Mapped[FollowUpKind] = mapped_column(enum_column(FollowUpKind, "follow_up_kind"))
    done_on: Mapped[date]
    note: Mapped[str | None] = mapped_column(sa.String(500))
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
