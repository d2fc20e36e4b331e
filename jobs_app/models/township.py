"""Townships (镇乡街道) of the district: reference data loaded by a migration."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from jobs_app.models.base import Base, enum_column
from jobs_app.models.enums import TownshipKind


class Township(Base):
    __tablename__ = "township"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(12), unique=True)
    name: Mapped[str] = mapped_column(sa.String(40))
    kind: Mapped[TownshipKind] = mapped_column(enum_column(TownshipKind, "township_kind"))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    # Centres shipped with the product are estimates; the bureau's corrections clear this flag.
    coordinates_approximate: Mapped[bool] = mapped_column(default=True)

    def __repr__(self) -> str:
        return f"<Township {self.code} {self.name}>"
