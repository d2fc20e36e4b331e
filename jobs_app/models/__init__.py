"""Tables of the registry, one module per domain noun."""

from jobs_app.models.audit import AuditEntry
from jobs_app.models.base import Base
from jobs_app.models.employer import Employer
from jobs_app.models.enums import (
    Ability,
    Category,
    Education,
    EmployerKind,
    Health,
    OpeningStatus,
    ReferralStatus,
    Role,
    TokenKind,
    TownshipKind,
    WishScope,
    WorkerStatus,
)
from jobs_app.models.household import Household
from jobs_app.models.opening import Opening
from jobs_app.models.referral import Referral
from jobs_app.models.township import Township
from jobs_app.models.user import AuthToken, User
from jobs_app.models.visit import Visit
from jobs_app.models.worker import Worker, WorkerStatusChange

__all__ = [
    "Ability",
    "AuditEntry",
    "AuthToken",
    "Base",
    "Category",
    "Education",
    "Employer",
    "EmployerKind",
    "Health",
    "Household",
    "Opening",
    "OpeningStatus",
    "Referral",
    "ReferralStatus",
    "Role",
    "TokenKind",
    "Township",
    "TownshipKind",
    "User",
    "Visit",
    "WishScope",
    "Worker",
    "WorkerStatus",
    "WorkerStatusChange",
]
