"""The township service desk's pages: workers, the worker page, registration, zero-clearing
and the referral letter. The bureau may open them too, district-wide."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from jobs_app import clock
from jobs_app.errors import Conflict, InvalidInput
from jobs_app.extensions import db
from jobs_app.i18n import translate
from jobs_app.models import (
    Ability,
    Category,
    Education,
    FollowUpKind,
    Health,
    Role,
    WishScope,
    WorkerStatus,
)
from jobs_app.services import (
    dashboard,
    households,
    matching,
    recounts,
    referrals,
    sessions,
    townships,
    visits,
    workers,
    zero_clearing,
)
from jobs_app.ui_text import language
from routes.schemas.workers import WorkerSchema
from routes.ui.forms import (
    actor,
    attempt,
    done,
    form_values,
    guard,
    input_errors,
    load,
    own_township_code,
    page_number,
    parse_date,
    township_choices,
)

blueprint = Blueprint("desk", __name__, url_prefix="/desk")
blueprint.before_request(guard(Role.desk, Role.bureau))

PER_PAGE = 20
MATCH_LIMIT = 10
CHOICES = {
    "category": Category, "ability": Ability, "education": Education, "health": Health,
    "status": WorkerStatus, "wish_scope": WishScope, "kind": FollowUpKind,
}  # fmt: skip
WORKER_BOOLEANS = ("dibao", "tekun", "is_household_head", "cares_for_children",
                   "cares_for_elderly")  # fmt: skip


def choices():
    return {name: list(vocabulary) for name, vocabulary in CHOICES.items()}


@blueprint.route("/workers", endpoint="workers")
def workers_list():
    args = {k: v for k, v in request.args.items() if v and k != "page"}
    filters = {k: args[k] for k in ("q", "status", "category", "ability", "township_code")
               if k in args}  # fmt: skip
    page = workers.get_all(
        db.session, actor=actor(), page=page_number(), per_page=PER_PAGE, **filters
    )
    return render_template("desk/workers.html", page=page, args=args, choices=choices(),
                           townships=townships.get_all(db.session))  # fmt: skip


@blueprint.route("/workers/new", methods=["GET", "POST"])
def register():
    household = _household_to_join()
    values, errors = {"status": "seeking", "wish_scope": "anywhere"}, {}
    if request.method == "POST":
        values = form_values(WORKER_BOOLEANS, ("skills", "wish_provinces"))
        values.setdefault("township_code", own_township_code())
        if household is not None:
            values = _joining(values, household)
        fields, errors = load(WorkerSchema(), _worker_fields(values))
        if fields is not None:
            try:
                worker = workers.create(db.session, actor=actor(), **fields)
                db.session.commit()
                return done("Registered.", "ui.desk.worker", worker_id=worker.id)
            except InvalidInput as error:
                db.session.rollback()
                errors = input_errors(error)
            except Conflict as error:  # the one conflict of a registration: a known ID number
                db.session.rollback()
                errors = {"id_number": [translate(error.message, language())]}
        values["skills"] = "、".join(values.get("skills", []))
        values["wish_provinces"] = "、".join(values.get("wish_provinces", []))
    return render_template("desk/register.html", values=values, errors=errors,
                           choices=choices(), township_choices=township_choices(),
                           own_township=own_township_code(),
                           household=household), 422 if errors else 200  # fmt: skip


def _household_to_join():
    """The household named by ``?household_id=`` (the household page's link), if any."""
    household_id = request.values.get("household_id", type=int)
    if household_id is None:
        return None
    return households.get(db.session, actor=actor(), household_id=household_id)


def _joining(values: dict, household) -> dict:
    """A worker added to a household takes its township and its poverty facts."""
    kept = {k: v for k, v in values.items() if k not in workers.HOUSEHOLD_FIELDS}
    return {**kept, "household_id": household.id, "township_code": household.township.code}


def _worker_fields(values: dict) -> dict:
    """The form's flat fields in the API's shape (wishes nested)."""
    fields = {k: v for k, v in values.items() if not k.startswith("wish_")}
    fields["wishes"] = {"scope": values.get("wish_scope", "anywhere"),
                        "provinces": values.get("wish_provinces", [])}  # fmt: skip
    if values.get("wish_min_wage"):
        fields["wishes"]["min_wage"] = values["wish_min_wage"]
    fields.setdefault("phone", None)
    return fields


@blueprint.route("/workers/<int:worker_id>")
def worker(worker_id: int):
    return worker_page(worker_id)


def worker_page(worker_id: int, **forms):
    """The worker page; ``forms`` carries a refused form's values and errors back to it."""
    found = workers.get(db.session, actor=actor(), worker_id=worker_id)
    sessions.commit_keeping_loaded(db.session)  # the unmasked read is audited
    placed = referrals.get_all(db.session, actor=actor(), page=1, per_page=100,
                               worker_id=worker_id).items  # fmt: skip
    seen = {r.id: visits.get_all(db.session, actor=actor(), page=1, per_page=50,
                                 referral_id=r.id).items for r in placed}  # fmt: skip
    matchable = found.status == WorkerStatus.seeking and found.ability != Ability.none
    matches = (matching.matches_for_worker(db.session, actor=actor(), worker_id=worker_id,
                                           limit=MATCH_LIMIT) if matchable else [])  # fmt: skip
    return render_template(
        "desk/worker.html", worker=found, age=workers.age(found), matches=matches,
        matchable=matchable, referrals=placed, visits=seen, choices=choices(),
        history=dashboard.status_history(db.session, actor=actor(), worker_id=worker_id),
        follow_ups=zero_clearing.follow_ups(db.session, actor=actor(), worker_id=worker_id),
        today=clock.today(), reason_language=language(), outcome=forms,
    )  # fmt: skip


@blueprint.route("/workers/<int:worker_id>/referrals", methods=["POST"])
def refer(worker_id: int):
    opening_id = request.form.get("opening_id", type=int)
    return attempt(
        lambda: referrals.create(db.session, actor=actor(), worker_id=worker_id,
                                 opening_id=opening_id or 0),
        "Referred.", "ui.desk.worker", worker_id=worker_id,
    )  # fmt: skip


@blueprint.route("/workers/<int:worker_id>/follow-ups", methods=["POST"])
def follow_up(worker_id: int):
    kind = request.form.get("kind", "")
    if kind not in FollowUpKind.__members__:
        kind = FollowUpKind.contacted.value
    note = request.form.get("note", "").strip() or None
    result = attempt(
        lambda: zero_clearing.follow_up(db.session, actor=actor(), worker_id=worker_id,
                                        kind=FollowUpKind(kind), note=note),
        "Done.", "ui.desk.worker", worker_id=worker_id,
    )  # fmt: skip
    if request.form.get("back") == "zero-clearing":
        return redirect(url_for("ui.desk.zero_clearing"))
    return result


@blueprint.route("/referrals/<int:referral_id>/visits", methods=["POST"])
def visit(referral_id: int):
    referral = referrals.get(db.session, actor=actor(), referral_id=referral_id)
    mark = request.form.get("month_mark", type=int)
    visited_on = parse_date(request.form.get("visited_on")) or clock.today()
    return attempt(
        lambda: visits.create(db.session, actor=actor(), referral_id=referral_id,
                              visited_on=visited_on, month_mark=mark,
                              still_employed=request.form.get("still_employed") == "1",
                              note=request.form.get("note", "").strip() or None),
        "Done.", "ui.desk.worker", worker_id=referral.worker_id,
    )  # fmt: skip


@blueprint.route("/zero-clearing", endpoint="zero_clearing")
def zero_clearing_list():
    done_recounts = recounts.get_all(db.session, actor=actor())
    if not done_recounts:
        return render_template("desk/zero_clearing.html", recount=None, page=None)
    latest = done_recounts[0]
    page = zero_clearing.seeking(db.session, actor=actor(), period=latest.period,
                                 page=page_number(), per_page=50)  # fmt: skip
    return render_template("desk/zero_clearing.html", recount=latest, page=page,
                           choices=choices(), args={})  # fmt: skip


@blueprint.route("/referrals/<int:referral_id>/letter")
def letter(referral_id: int):
    """The printable referral letter (推荐信) the worker takes to the employer."""
    referral = referrals.get(db.session, actor=actor(), referral_id=referral_id, audit_read=True)
    sessions.commit_keeping_loaded(db.session)
    return render_template("desk/letter.html", referral=referral, worker=referral.worker,
                           opening=referral.opening, age=workers.age(referral.worker))  # fmt: skip
