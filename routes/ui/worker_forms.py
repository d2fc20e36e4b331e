"""The desk's changes to a worker: edit the worker, and record how a referral ended — hired,
declined or not turned up. A refused change shows its reasons next to the form; nothing is
written."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from marshmallow import fields

from jobs_app.extensions import db
from jobs_app.models import ReferralStatus, Role
from jobs_app.services import referrals, workers
from routes.schemas.common import Schema, optional_text
from routes.schemas.referrals import HireIn
from routes.schemas.workers import WorkerPatch
from routes.ui.desk import choices, worker_page
from routes.ui.forms import actor, done, form_values, guard, load, refusal_errors, save

blueprint = Blueprint("worker_forms", __name__, url_prefix="/desk")
blueprint.before_request(guard(Role.desk, Role.bureau))

BOOLEANS = ("is_household_head", "cares_for_children", "cares_for_elderly")
EDITABLE = ("name", "id_number", "phone", "ability", "education", "health", "skills",
            "skills_note", "constraints_note", *BOOLEANS)  # fmt: skip


class OutcomeIn(Schema):
    """A referral that ended without a hire: when, and why."""

    date = fields.Date(load_default=None)
    reason = optional_text(200)


@blueprint.route("/workers/<int:worker_id>/edit", methods=["GET", "POST"])
def edit_worker(worker_id: int):
    found = workers.get(db.session, actor=actor(), worker_id=worker_id,
                        audit_read=request.method == "GET")  # fmt: skip
    db.session.commit()  # the form shows the ID number: the read is audited
    values, errors = _values_of(found), {}
    if request.method == "POST":
        values = form_values(BOOLEANS, ("skills", "wish_provinces"))
        fields_, errors = load(WorkerPatch(partial=True), _changes(values, found))
        if fields_ is not None:
            _, refused = save(lambda: workers.update(db.session, actor=actor(),
                                                     worker_id=worker_id, **fields_))  # fmt: skip
            if refused is None:
                return done("Saved.", "ui.desk.worker", worker_id=worker_id)
            errors = refusal_errors(refused)
        values["skills"] = "、".join(values["skills"])
        values["wish_provinces"] = "、".join(values["wish_provinces"])
    return render_template("desk/worker_form.html", worker=found, values=values, errors=errors,
                           choices=choices()), 422 if errors else 200  # fmt: skip


def _changes(values: dict, found) -> dict:
    """Every editable field, a blank one cleared; the status only when it changed."""
    changes = {name: values.get(name) for name in EDITABLE}
    changes["wishes"] = {"scope": values.get("wish_scope"), "provinces": values["wish_provinces"],
                         "min_wage": values.get("wish_min_wage")}  # fmt: skip
    status, reason = values.get("status"), values.get("status_reason")
    if status != found.status.value or reason != found.status_reason:
        changes.update(status=status, status_reason=reason)
    return changes


def _values_of(found) -> dict:
    values = {name: getattr(found, name) for name in EDITABLE}
    values.update(status=found.status, status_reason=found.status_reason,
                  wish_scope=found.wish_scope, wish_min_wage=found.wish_min_wage)  # fmt: skip
    values = {k: getattr(v, "value", v) for k, v in values.items() if v is not None}
    values["skills"] = "、".join(found.skills or [])
    values["wish_provinces"] = "、".join(found.wish_provinces or [])
    return values


@blueprint.route("/referrals/<int:referral_id>/hire", methods=["POST"])
def hire(referral_id: int):
    """The desk records a hire the employer told it of (by phone, as often as not)."""
    return _close(referral_id, HireIn, referrals.hire, "Hire recorded.", form="hire")


@blueprint.route("/referrals/<int:referral_id>/decline", methods=["POST"])
def decline(referral_id: int):
    return _close(referral_id, OutcomeIn, referrals.decline, "Declined.", form="end")


@blueprint.route("/referrals/<int:referral_id>/no-show", methods=["POST"])
def no_show(referral_id: int):
    return _close(referral_id, OutcomeIn, referrals.no_show, "No-show recorded.", form="end")


def _close(referral_id: int, schema: type[Schema], outcome, message: str, *, form: str):
    """Record how a referral ended (``outcome``, a referrals service call) from ``form``."""
    referral = referrals.get(db.session, actor=actor(), referral_id=referral_id)
    fields_, errors = load(schema(), form_values())
    if fields_ is None:
        return _refused(referral, form, errors, 422)
    _, refused = save(lambda: outcome(db.session, actor=actor(), referral_id=referral_id,
                                      **fields_))  # fmt: skip
    if refused is not None:
        return _refused(referral, form, refusal_errors(refused), refused.status)
    return done(message, "ui.desk.worker", worker_id=referral.worker_id)


def _refused(referral, form: str, errors: dict, status: int):
    """The worker page again, the refused form's values and errors beside it; a referral no
    longer waiting (a second click, another clerk) has no form, so the page says so on top."""
    if referral.status != ReferralStatus.referred:
        flash("；".join(p for problems in errors.values() for p in problems), "error")
        return redirect(url_for("ui.desk.worker", worker_id=referral.worker_id))
    return worker_page(referral.worker_id, referral_id=referral.id, form=form, errors=errors,
                       submitted=form_values()), status  # fmt: skip
