"""The bureau's audit log: who did what to which record, and when, filtered and paged."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from jobs_app.clock import DISTRICT_TZ
from jobs_app.extensions import db
from jobs_app.models import Role
from jobs_app.services import audit
from routes.ui.forms import actor, guard, page_number, parse_date

blueprint = Blueprint("audit", __name__, url_prefix="/bureau/audit")
blueprint.before_request(guard(Role.bureau))

PER_PAGE = 50
FILTERS = ("user", "action", "from", "to")
SYSTEM = "system"  # the user filter's value for what the service did by itself
# What the log's codes mean to a reader; a code not named here is shown as it is.
ACTIONS = {
    "create": "Created", "update": "Changed", "read_unmasked": "Read the full ID number",
    "refer": "Referred", "hire": "Hired", "leave": "Left the job", "decline": "Declined",
    "no_show": "Did not show up", "import": "Imported", "export": "Exported",
    "allocate": "Ran the allocation", "plan": "Planned trips", "draft_week": "Drafted trips",
    "print_manifest": "Printed the manifest", "release_seat": "Released a seat",
}  # fmt: skip
ENTITIES = {
    "worker": "Worker", "household": "Household", "employer": "Employer",
    "opening": "Opening", "referral": "Referral", "visit": "Visit", "user": "User account",
    "trip": "Trip", "ledger": "Ledger", "allocation_run": "Allocation run",
    "recount": "Recount", "auth_token": "API token",
}  # fmt: skip


@blueprint.route("/", endpoint="log")
def log():
    args = {name: request.args[name].strip() for name in FILTERS if request.args.get(name)}
    session, who = db.session, actor()
    page = audit.get_all(
        session, actor=who, page=page_number(), per_page=PER_PAGE, **_filters(args)
    )
    return render_template(
        "bureau/audit.html", page=page, args=args, actions=audit.actions(session, actor=who),
        users=audit.usernames(session, actor=who), action_names=ACTIONS,
        entity_names=ENTITIES, district=DISTRICT_TZ,
    )  # fmt: skip


def _filters(args: dict[str, str]) -> dict:
    """The service's filters from the query; a value that means nothing is left out."""
    user = args.get("user", "")
    return {
        "action": args.get("action"),
        "user_id": int(user) if user.isdigit() and len(user) < 10 else None,
        "by_system": user == SYSTEM,
        "since": parse_date(args.get("from")),
        "until": parse_date(args.get("to")),
    }
