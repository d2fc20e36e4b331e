"""Households: a desk's own township's, or all for the bureau."""

from __future__ import annotations

from flask.views import MethodView

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import households
from routes.blueprint import Blueprint
from routes.schemas.households import HouseholdPage, HouseholdPatch, HouseholdQuery, HouseholdSchema

blp = Blueprint("households", __name__, url_prefix="/api/v1/households", description="Households")


@blp.route("")
class Households(MethodView):
    @blp.arguments(HouseholdQuery, location="query")
    @blp.response(200, HouseholdPage)
    def get(self, query):
        """Households the caller may see, filtered and paged."""
        return households.get_all(db.session, actor=current_actor(), **query)

    @blp.arguments(HouseholdSchema)
    @blp.response(201, HouseholdSchema)
    def post(self, fields):
        """Register a household in a township."""
        household = households.create(db.session, actor=current_actor(), **fields)
        db.session.commit()
        return household


@blp.route("/<int:household_id>")
class HouseholdById(MethodView):
    @blp.response(200, HouseholdSchema)
    def get(self, household_id):
        return households.get(db.session, actor=current_actor(), household_id=household_id)

    @blp.arguments(HouseholdPatch(partial=True))
    @blp.response(200, HouseholdSchema)
    def patch(self, changes, household_id):
        household = households.update(
            db.session, actor=current_actor(), household_id=household_id, **changes
        )
        db.session.commit()
        return household
