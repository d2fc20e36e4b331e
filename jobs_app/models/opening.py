"""Job openings (岗位) with their headcount, kept honest by a database CHECK."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobs_app.models.base import Base, Timestamped, enum_column
from jobs_app.models.employer import Employer
from jobs_app.models.enums import OpeningStatus
from jobs_app.models.township import Township


class Opening(Timestamped, Base):
    __tablename__ = "opening"
    __table_args__ = (
        sa.CheckConstraint("headcount >= 1", name="headcount_positive"),
        sa.CheckConstraint(
            "hired_count >= 0 AND hired_count <= headcount", name="within_headcount"
        ),
        sa.CheckConstraint("wage_min >= 0 AND wage_min <= wage_max", name="wage_range"),
        sa.CheckConstraint("age_min >= 16 AND age_min <= age_max", name="age_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employer.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(100))
    description: Mapped[str | None] = mapped_column(sa.Text)
    skills: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    headcount: Mapped[int]
    # Maintained by hire and leave with a guarded UPDATE; the CHECK above is the last line.
    hired_count: Mapped[int] = mapped_column(default=0)
    wage_min: Mapped[int]
    wage_max: Mapped[int]
    province: Mapped[str] = mapped_column(sa.String(20), index=True)
    city: Mapped[str] = mapped_column(sa.String(30))
    township_id: Mapped[int | None] = mapped_column(sa.ForeignKey("township.id"))
    age_min: Mapped[int] = mapped_column(default=16)
    age_max: Mapped[int] = mapped_column(default=60)
    board: Mapped[bool] = mapped_column(default=False)
    lodging: Mapped[bool] = mapped_column(default=False)
    social_insurance: Mapped[bool] = mapped_column(default=False)
    start_date: Mapped[date]
    status: Mapped[OpeningStatus] = mapped_column(
        enum_column(OpeningStatus, "opening_status"), default=OpeningStatus.open, index=True
    )

    employer: Mapped[Employer] = relationship(lazy="joined")
    township: Mapped[Township | None] = relationship(lazy="joined")

    @property
    def free_headcount(self) -> int:
        return self.headcount - self.hired_count
