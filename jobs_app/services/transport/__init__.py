"""Dedicated transport (点对点专车): plan trips for far placements, then run them.

The planning itself is ``matching.transport``; this package feeds it from the tables and
stores what it returns.
"""

from jobs_app.services.transport.manifest import Manifest, manifest, xlsx
from jobs_app.services.transport.planning import (
    DEFAULT_LOAD_SHARE,
    PlanOutcome,
    Unplanned,
    draft_coming_week,
    plan,
    rules_for,
)
from jobs_app.services.transport.seats import release_ended_placements
from jobs_app.services.transport.trips import add_late, cancel, check_in, confirm, get, get_all

__all__ = [
    "DEFAULT_LOAD_SHARE",
    "Manifest",
    "PlanOutcome",
    "Unplanned",
    "add_late",
    "cancel",
    "check_in",
    "confirm",
    "draft_coming_week",
    "get",
    "get_all",
    "manifest",
    "plan",
    "release_ended_placements",
    "rules_for",
    "xlsx",
]
