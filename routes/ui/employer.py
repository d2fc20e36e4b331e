"""The employer's pages: its openings, the candidates referred to it (masked), its placed
workers; hiring, declining and reporting departures."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from jobs_app import clock
from jobs_app.errors import InvalidInput
from jobs_app.extensions import db
from jobs_app.i18n import translate
from jobs_app.models import OpeningStatus, ReferralStatus, Role
from jobs_app.services import openings, referrals, townships, workers
from jobs_app.ui_text import language
from routes.schemas.openings import OpeningPatch, OpeningSchema
from routes.ui.forms import (
    actor,
    attempt,
    done,
    form_values,
    guard,
    input_errors,
    load,
    parse_date,
)

blueprint = Blueprint("employer", __name__, url_prefix="/employer")
blueprint.before_request(guard(Role.employer))

OPENING_BOOLEANS = ("board", "lodging", "social_insurance")
OPENING_FIELDS = ("title", "description", "skills", "headcount", "wage_min", "wage_max",
                  "province", "city", "township_code", "age_min", "age_max", "start_date",
                  *OPENING_BOOLEANS)  # fmt: skip


@blueprint.route("/", endpoint="openings")
def openings_list():
    page = openings.get_all(db.session, actor=actor(), page=1, per_page=100)
    return render_template("employer/openings.html", openings=page.items)


@blueprint.route("/openings/new", methods=["GET", "POST"])
def post_opening():
    values = {"province": "重庆市", "city": "万州区", "age_min": 16, "age_max": 60}
    errors: dict = {}
    if request.method == "POST":
        values = form_values(OPENING_BOOLEANS, ("skills",))
        fields, errors = load(OpeningSchema(), {**values, "employer_id": actor().employer_id})
        if fields is not None:
            try:
                openings.create(db.session, actor=actor(), **fields)
                db.session.commit()
                return done("Saved.", "ui.employer.openings")
            except InvalidInput as error:
                db.session.rollback()
                errors = input_errors(error)
    return _form(values, errors, opening=None)


@blueprint.route("/openings/<int:opening_id>/edit", methods=["GET", "POST"])
def edit_opening(opening_id: int):
    opening = openings.get(db.session, actor=actor(), opening_id=opening_id)
    values, errors = _values_of(opening), {}
    if request.method == "POST":
        values = form_values(OPENING_BOOLEANS, ("skills",))
        fields, errors = load(OpeningPatch(partial=True), values)
        if fields is not None:
            try:
                openings.update(db.session, actor=actor(), opening_id=opening_id, **fields)
                db.session.commit()
                return done("Saved.", "ui.employer.openings")
            except InvalidInput as error:
                db.session.rollback()
                errors = input_errors(error)
    return _form(values, errors, opening=opening)


def _form(values: dict, errors: dict, opening):
    if isinstance(values.get("skills"), list):
        values["skills"] = "、".join(values["skills"])
    township_choices = [(t.code, t.name) for t in townships.get_all(db.session)]
    return render_template("employer/opening_form.html", values=values, errors=errors,
                           opening=opening, township_choices=township_choices,
                           ), 422 if errors else 200  # fmt: skip


def _values_of(opening) -> dict:
    values = {name: getattr(opening, name, None) for name in OPENING_FIELDS}
    values["township_code"] = opening.township.code if opening.township else None
    values["start_date"] = opening.start_date.isoformat()
    return {k: v for k, v in values.items() if v is not None}


@blueprint.route("/openings/<int:opening_id>/close", methods=["POST"])
def close_opening(opening_id: int):
    return attempt(
        lambda: openings.update(db.session, actor=actor(), opening_id=opening_id,
                                status=OpeningStatus.closed),
        "Closed.", "ui.employer.openings",
    )  # fmt: skip


@blueprint.route("/candidates")
def candidates():
    page = referrals.get_all(db.session, actor=actor(), page=1, per_page=100,
                             status=ReferralStatus.referred)  # fmt: skip
    return render_template("employer/candidates.html", referrals=page.items, age=workers.age,
                           today=clock.today())  # fmt: skip


@blueprint.route("/referrals/<int:referral_id>/hire", methods=["POST"])
def hire(referral_id: int):
    start = parse_date(request.form.get("start_date")) or clock.today()
    wage = request.form.get("wage", type=int)
    if wage is None or wage < 0:
        flash(translate("Not a valid integer.", language()), "error")
        return redirect(url_for("ui.employer.candidates"))
    return attempt(
        lambda: referrals.hire(db.session, actor=actor(), referral_id=referral_id,
                               start_date=start, wage=wage),
        "Hire recorded.", "ui.employer.candidates",
    )  # fmt: skip


@blueprint.route("/referrals/<int:referral_id>/decline", methods=["POST"])
def decline(referral_id: int):
    reason = request.form.get("reason", "").strip() or None
    return attempt(
        lambda: referrals.decline(db.session, actor=actor(), referral_id=referral_id,
                                  reason=reason),
        "Declined.", "ui.employer.candidates",
    )  # fmt: skip


@blueprint.route("/placed")
def placed():
    page = referrals.get_all(db.session, actor=actor(), page=1, per_page=100,
                             status=ReferralStatus.hired)  # fmt: skip
    return render_template("employer/placed.html", referrals=page.items, age=workers.age,
                           today=clock.today())  # fmt: skip


@blueprint.route("/referrals/<int:referral_id>/leave", methods=["POST"])
def leave(referral_id: int):
    left_on = parse_date(request.form.get("date")) or clock.today()
    reason = request.form.get("reason", "").strip()
    return attempt(
        lambda: referrals.leave(db.session, actor=actor(), referral_id=referral_id,
                                date=left_on, reason=reason or "—"),
        "Departure recorded.", "ui.employer.placed",
    )  # fmt: skip
