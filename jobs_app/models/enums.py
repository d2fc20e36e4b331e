"""The closed vocabularies of the registry (SPEC glossary)."""

from __future__ import annotations

from enum import StrEnum


class TownshipKind(StrEnum):
    street = "street"
    town = "town"
    township = "township"


class Category(StrEnum):
    """Household poverty category, from highest to lowest placement priority."""

    registered_poor = "registered_poor"
    monitored = "monitored"
    marginal = "marginal"
    lifted = "lifted"


class Ability(StrEnum):
    ordinary = "ordinary"
    skilled = "skilled"
    weak = "weak"
    none = "none"


class Education(StrEnum):
    illiterate = "illiterate"
    primary = "primary"
    junior = "junior"
    senior = "senior"
    college = "college"
    bachelor = "bachelor"


class Health(StrEnum):
    healthy = "healthy"
    chronic = "chronic"
    serious = "serious"
    disabled = "disabled"


class WishScope(StrEnum):
    local = "local"
    province = "province"
    anywhere = "anywhere"


class WorkerStatus(StrEnum):
    seeking = "seeking"
    employed_local = "employed_local"
    employed_province = "employed_province"
    employed_out = "employed_out"
    public_post = "public_post"
    self_employed = "self_employed"
    not_seeking = "not_seeking"


class EmployerKind(StrEnum):
    enterprise = "enterprise"
    workshop = "workshop"
    east_west = "east_west"
    public_post = "public_post"


class OpeningStatus(StrEnum):
    open = "open"
    filled = "filled"
    closed = "closed"


class ReferralStatus(StrEnum):
    referred = "referred"
    hired = "hired"
    declined = "declined"
    no_show = "no_show"
    left = "left"


class Role(StrEnum):
    desk = "desk"
    employer = "employer"
    bureau = "bureau"
    admin = "admin"


class TokenKind(StrEnum):
    session = "session"
    bearer = "bearer"
