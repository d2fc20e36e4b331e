"""Households (户): the unit that carries the poverty category and the helper cadre."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobs_app.models.base import Base, Timestamped, enum_column
from jobs_app.models.enums import Category
from jobs_app.models.township import Township


class Household(Timestamped, Base):
    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(sa.ForeignKey("township.id"), index=True)
    village: Mapped[str | None] = mapped_column(sa.String(60))
    category: Mapped[Category] = mapped_column(enum_column(Category, "category"))
    dibao: Mapped[bool] = mapped_column(default=False)
    tekun: Mapped[bool] = mapped_column(default=False)
    helper_name: Mapped[str | None] = mapped_column(sa.String(40))
    helper_phone: Mapped[str | None] = mapped_column(sa.String(11))

    township: Mapped[Township] = relationship(lazy="joined")
