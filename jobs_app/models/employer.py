"""Employers: enterprises, poverty-alleviation workshops, east-west partners, public posts."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobs_app.models.base import Base, Timestamped, enum_column
from jobs_app.models.enums import EmployerKind
from jobs_app.models.township import Township


class Employer(Timestamped, Base):
    __tablename__ = "employer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), index=True)
    kind: Mapped[EmployerKind] = mapped_column(enum_column(EmployerKind, "employer_kind"))
    is_leading: Mapped[bool] = mapped_column(default=False)
    province: Mapped[str] = mapped_column(sa.String(20))
    city: Mapped[str] = mapped_column(sa.String(30))
    township_id: Mapped[int | None] = mapped_column(sa.ForeignKey("township.id"), index=True)
    address: Mapped[str | None] = mapped_column(sa.String(200))
    contact_name: Mapped[str | None] = mapped_column(sa.String(40))
    contact_phone: Mapped[str | None] = mapped_column(sa.String(11))
    workshop_certified: Mapped[bool] = mapped_column(default=False)
    workshop_certified_on: Mapped[date | None]

    township: Mapped[Township | None] = relationship(lazy="joined")
