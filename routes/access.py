"""Who may call which API operation, as data, checked before any parsing (deny by default).

The services enforce the same roles and every object's scope (a desk's township, an
employer's own openings); this table is the first gate, so an operation added without a row
here answers 403 to everybody until someone decides who may use it. A test drives every
operation of the OpenAPI document through it for every role.
"""

from __future__ import annotations

import functools
import re

from flask import Flask, request

from jobs_app.auth import current_actor
from jobs_app.errors import Forbidden
from jobs_app.models import Role

PUBLIC = None  # no login needed
ANY = frozenset(Role)
DESK = frozenset({Role.desk, Role.bureau})
BUREAU = frozenset({Role.bureau})
ADMIN = frozenset({Role.admin})
ALL_BUT_ADMIN = frozenset({Role.desk, Role.employer, Role.bureau})
EMPLOYER = frozenset({Role.employer, Role.bureau})

ACCESS: dict[tuple[str, str], frozenset[Role] | None] = {
    ("POST", "/api/v1/auth/login"): PUBLIC,
    ("POST", "/api/v1/auth/logout"): ANY,
    ("GET", "/api/v1/auth/me"): ANY,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/api/v1/townships"): ANY,
    ("GET", "/api/v1/households"): DESK,
    ("POST", "/api/v1/households"): DESK,
    ("GET", "/api/v1/households/{household_id}"): DESK,
    ("PATCH", "/api/v1/households/{household_id}"): DESK,
    ("GET", "/api/v1/workers"): DESK,
    ("POST", "/api/v1/workers"): DESK,
    ("GET", "/api/v1/workers/{worker_id}"): DESK,
    ("PATCH", "/api/v1/workers/{worker_id}"): DESK,
    ("GET", "/api/v1/workers/{worker_id}/matches"): DESK,
    ("GET", "/api/v1/workers/{worker_id}/follow-ups"): DESK,
    ("POST", "/api/v1/workers/{worker_id}/follow-ups"): DESK,
    ("GET", "/api/v1/employers"): ALL_BUT_ADMIN,
    ("POST", "/api/v1/employers"): BUREAU,
    ("GET", "/api/v1/employers/{employer_id}"): ALL_BUT_ADMIN,
    ("PATCH", "/api/v1/employers/{employer_id}"): EMPLOYER,
    ("GET", "/api/v1/openings"): ALL_BUT_ADMIN,
    ("POST", "/api/v1/openings"): EMPLOYER,
    ("GET", "/api/v1/openings/{opening_id}"): ALL_BUT_ADMIN,
    ("PATCH", "/api/v1/openings/{opening_id}"): EMPLOYER,
    ("GET", "/api/v1/openings/{opening_id}/candidates"): DESK,
    ("GET", "/api/v1/referrals"): ALL_BUT_ADMIN,
    ("POST", "/api/v1/referrals"): DESK,
    ("GET", "/api/v1/referrals/{referral_id}"): ALL_BUT_ADMIN,
    ("POST", "/api/v1/referrals/{referral_id}/hire"): ALL_BUT_ADMIN,
    ("POST", "/api/v1/referrals/{referral_id}/leave"): ALL_BUT_ADMIN,
    ("POST", "/api/v1/referrals/{referral_id}/decline"): ALL_BUT_ADMIN,
    ("POST", "/api/v1/referrals/{referral_id}/no-show"): ALL_BUT_ADMIN,
    ("GET", "/api/v1/visits"): DESK,
    ("POST", "/api/v1/visits"): DESK,
    ("GET", "/api/v1/visits/{visit_id}"): DESK,
    ("GET", "/api/v1/visits/due"): DESK,
    ("GET", "/api/v1/users"): ADMIN,
    ("POST", "/api/v1/users"): ADMIN,
    ("POST", "/api/v1/users/{user_id}/active"): ADMIN,
    ("GET", "/api/v1/users/{user_id}/tokens"): ADMIN,
    ("GET", "/api/v1/tokens"): ANY,
    ("POST", "/api/v1/tokens"): ANY,
    ("DELETE", "/api/v1/tokens/{token_id}"): ANY,
    ("GET", "/api/v1/audit"): BUREAU,
    ("GET", "/api/v1/placements/retention"): BUREAU,
    ("GET", "/api/v1/subsidies/due"): BUREAU,
    ("GET", "/api/v1/subsidies"): BUREAU,
    ("POST", "/api/v1/subsidies"): BUREAU,
    ("GET", "/api/v1/subsidies/rules"): BUREAU,
    ("GET", "/api/v1/recounts"): DESK,
    ("POST", "/api/v1/recounts"): BUREAU,
    ("GET", "/api/v1/recounts/{period}"): DESK,
    ("GET", "/api/v1/recounts/{period}/seeking"): DESK,
    ("POST", "/api/v1/allocations"): BUREAU,
    ("GET", "/api/v1/allocations/{run_id}"): BUREAU,
    ("POST", "/api/v1/allocations/{run_id}/accept"): BUREAU,
    ("GET", "/api/v1/matching/models"): BUREAU,
    ("POST", "/api/v1/imports/workers"): BUREAU,
    ("GET", "/api/v1/exports/workers.xlsx"): BUREAU,
    ("GET", "/api/v1/exports/placements.xlsx"): BUREAU,
    ("GET", "/api/v1/exports/recount-{period}.xlsx"): BUREAU,
    ("GET", "/api/v1/exports/seeking-{period}.xlsx"): DESK,
    ("GET", "/api/v1/exports/visits-due.xlsx"): DESK,
    ("GET", "/api/v1/exports/subsidies-due.xlsx"): BUREAU,
    ("POST", "/api/v1/trips/plan"): BUREAU,
    ("GET", "/api/v1/trips"): BUREAU,
    ("GET", "/api/v1/trips/{trip_id}"): BUREAU,
    ("POST", "/api/v1/trips/{trip_id}/confirm"): BUREAU,
    ("POST", "/api/v1/trips/{trip_id}/cancel"): BUREAU,
    ("POST", "/api/v1/trips/{trip_id}/passengers"): BUREAU,
    ("POST", "/api/v1/trips/{trip_id}/passengers/{referral_id}/check-in"): BUREAU,
    ("GET", "/api/v1/trips/{trip_id}/manifest"): BUREAU,
    ("GET", "/api/v1/trips/{trip_id}/manifest.xlsx"): BUREAU,
}
UNGUARDED = ("/api/v1/openapi.json", "/api/v1/docs")
RULE_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


@functools.cache  # one entry per route rule, asked on every request
def openapi_path(rule: str) -> str:
    """``/api/v1/workers/<int:worker_id>`` → ``/api/v1/workers/{worker_id}``."""
    return RULE_ARGUMENT.sub(r"{\1}", rule)


def _check() -> None:
    rule = request.url_rule
    if rule is None or request.method in ("HEAD", "OPTIONS"):
        return
    path = openapi_path(rule.rule)
    if not (path.startswith("/api/") or path == "/healthz") or path.startswith(UNGUARDED):
        return
    key = (request.method, path)
    if key in ACCESS and ACCESS[key] is PUBLIC:
        return
    if current_actor().role not in ACCESS.get(key, frozenset()):
        raise Forbidden()


def init_app(app: Flask) -> None:
    app.before_request(_check)
