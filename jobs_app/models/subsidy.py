"""Subsidies: dated rules the bureau configures, and the decisions taken on them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobs_app.models.base import Base, UtcDateTime, enum_column, utcnow
from jobs_app.models.referral import Referral


class SubsidyScope(StrEnum):
    """Which placements a rule covers; ``province`` and ``employer_kind`` use ``scope_value``."""

    out_of_chongqing = "out_of_chongqing"  # 市外
    in_chongqing_away = "in_chongqing_away"  # 区县外市内
    outside_district = "outside_district"  # 区县外 (both of the above)
    province = "province"
    employer_kind = "employer_kind"


class ClaimStatus(StrEnum):
    paid = "paid"
    refused = "refused"


class SubsidyRule(Base):
    """ "Pay ``amount`` for a placement in ``scope`` once it has lasted ``min_months``"."""

    __tablename__ = "subsidy_rule"
    __table_args__ = (sa.CheckConstraint("amount >= 0 AND min_months >= 0", name="sane"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    scope: Mapped[SubsidyScope] = mapped_column(enum_column(SubsidyScope, "subsidy_scope"))
    scope_value: Mapped[str | None] = mapped_column(sa.String(30))
    min_months: Mapped[int] = mapped_column(default=0)
    amount: Mapped[int]
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    source: Mapped[str | None] = mapped_column(sa.String(200))
    active: Mapped[bool] = mapped_column(default=True)


class SubsidyClaim(Base):
    """A decision on a due subsidy: paid or refused. Due ones have no claim yet."""

    __tablename__ = "subsidy_claim"
    __table_args__ = (sa.UniqueConstraint("referral_id", "rule_id", name="one_per_rule"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(sa.ForeignKey("referral.id"), index=True)
    rule_id: Mapped[int] = mapped_column(sa.ForeignKey("subsidy_rule.id"))
    status: Mapped[ClaimStatus] = mapped_column(enum_column(ClaimStatus, "claim_status"))
    amount: Mapped[int]
    decided_on: Mapped[date]
    note: Mapped[str | None] = mapped_column(sa.String(200))
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    rule: Mapped[SubsidyRule] = relationship(lazy="joined")
    referral: Mapped[Referral] = relationship(lazy="joined")
