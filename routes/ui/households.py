"""The desk's household pages: register a household, edit it, and see its workers, from where
a worker is added to it. The bureau may open them too, district-wide."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from jobs_app.extensions import db
from jobs_app.models import Category, Role
from jobs_app.services import households
from routes.schemas.households import HouseholdPatch, HouseholdSchema
from routes.ui.forms import (
    actor,
    done,
    form_values,
    guard,
    load,
    own_township,
    own_township_code,
    refusal_errors,
    save,
    township_choices,
)

blueprint = Blueprint("households", __name__, url_prefix="/desk/households")
blueprint.before_request(guard(Role.desk, Role.bureau))

BOOLEANS = ("dibao", "tekun")
FIELDS = ("village", "category", "dibao", "tekun", "helper_name", "helper_phone")


@blueprint.route("/new", methods=["GET", "POST"])
def register():
    values, errors = {}, {}
    if request.method == "POST":
        values = form_values(BOOLEANS)
        values.setdefault("township_code", own_township_code())
        fields, errors = load(HouseholdSchema(), values)
        if fields is not None:
            made, refused = save(lambda: households.create(db.session, actor=actor(), **fields))
            if refused is None:
                return done("Registered.", "ui.households.household", household_id=made.id)
            errors = refusal_errors(refused)
    return _form(values, errors, household=None)


@blueprint.route("/<int:household_id>")
def household(household_id: int):
    found = households.get(db.session, actor=actor(), household_id=household_id)
    members = households.members(db.session, actor=actor(), household_id=household_id)
    return render_template("desk/household.html", household=found, members=members)


@blueprint.route("/<int:household_id>/edit", methods=["GET", "POST"])
def edit(household_id: int):
    found = households.get(db.session, actor=actor(), household_id=household_id)
    values, errors = _values_of(found), {}
    if request.method == "POST":
        values = form_values(BOOLEANS)
        changes = {name: values.get(name) for name in FIELDS}
        if actor().role == Role.bureau and values.get("township_code"):
            changes["township_code"] = values["township_code"]
        fields, errors = load(HouseholdPatch(partial=True), changes)
        if fields is not None:
            _, refused = save(lambda: households.update(
                db.session, actor=actor(), household_id=household_id, **fields))  # fmt: skip
            if refused is None:
                return done("Saved.", "ui.households.household", household_id=household_id)
            errors = refusal_errors(refused)
    return _form(values, errors, household=found)


def _values_of(found) -> dict:
    values = {name: getattr(found, name) for name in FIELDS}
    values["category"] = found.category.value
    values["township_code"] = found.township.code
    return {k: v for k, v in values.items() if v is not None}


def _form(values: dict, errors: dict, household):
    return render_template(
        "desk/household_form.html", values=values, errors=errors, household=household,
        categories=list(Category), township_choices=township_choices(),
        own_township=own_township(),
    ), 422 if errors else 200  # fmt: skip
