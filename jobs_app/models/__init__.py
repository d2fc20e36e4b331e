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
from jobs_app.models.follow_up import FollowUp, FollowUpKind
from jobs_app.models.household import Household
from jobs_app.models.matching import (
    AllocationProposal,
    AllocationRun,
    MatchingModel,
    ProposalStatus,
    RunStatus,
)
from jobs_app.models.opening import Opening
from jobs_app.models.recount import Recount, RecountEntry
from jobs_app.models.referral import Referral
from jobs_app.models.subsidy import ClaimStatus, SubsidyClaim, SubsidyRule, SubsidyScope
from jobs_app.models.township import Township
from jobs_app.models.transport import (
    TransportLine,
    Trip,
    TripPassenger,
    TripStatus,
    TripStop,
    VehicleKind,
)
from jobs_app.models.user import AuthToken, User
from jobs_app.models.visit import Visit
from jobs_app.models.worker import Worker, WorkerStatusChange

__all__ = [
    "Ability",
    "AllocationProposal",
    "AllocationRun",
    "AuditEntry",
    "AuthToken",
    "Base",
    "Category",
    "ClaimStatus",
    "Education",
    "Employer",
    "EmployerKind",
    "FollowUp",
    "FollowUpKind",
    "Health",
    "Household",
    "MatchingModel",
    "Opening",
    "OpeningStatus",
    "ProposalStatus",
    "Recount",
    "RecountEntry",
    "Referral",
    "ReferralStatus",
    "Role",
    "RunStatus",
    "SubsidyClaim",
    "SubsidyRule",
    "SubsidyScope",
    "TokenKind",
    "Township",
    "TownshipKind",
    "TransportLine",
    "Trip",
    "TripPassenger",
    "TripStatus",
    "TripStop",
    "User",
    "VehicleKind",
    "Visit",
    "WishScope",
    "Worker",
    "WorkerStatus",
    "WorkerStatusChange",
]
