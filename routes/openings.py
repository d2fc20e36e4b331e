"""Openings."""

from __future__ import annotations

from flask.views import MethodView

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import openings
from routes.blueprint import Blueprint
from routes.schemas.openings import OpeningPage, OpeningPatch, OpeningQuery, OpeningSchema

blp = Blueprint("openings", __name__, url_prefix="/api/v1/openings", description="Job openings")


@blp.route("")
class Openings(MethodView):
    @blp.arguments(OpeningQuery, location="query")
    @blp.response(200, OpeningPage)
    def get(self, query):
        """The district's openings; an employer's staff see only their own."""
        return openings.get_all(db.session, actor=current_actor(), **query)

    @blp.arguments(OpeningSchema)
    @blp.response(201, OpeningSchema)
    def post(self, fields):
        """Post an opening (its employer, or the bureau for it)."""
        opening = openings.create(db.session, actor=current_actor(), **fields)
        db.session.commit()
        return opening


@blp.route("/<int:opening_id>")
class OpeningById(MethodView):
    @blp.response(200, OpeningSchema)
    def get(self, opening_id):
        return openings.get(db.session, actor=current_actor(), opening_id=opening_id)

    @blp.arguments(OpeningPatch(partial=True))
    @blp.response(200, OpeningSchema)
    def patch(self, changes, opening_id):
        """Change an opening; ``status: closed`` stops taking referrals."""
        opening = openings.update(
            db.session, actor=current_actor(), opening_id=opening_id, **changes
        )
        db.session.commit()
        return opening
