"""Follow-up visits."""

from __future__ import annotations

from flask.views import MethodView

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import visits
from routes.blueprint import Blueprint
from routes.schemas.visits import VisitPage, VisitQuery, VisitSchema

blp = Blueprint("visits", __name__, url_prefix="/api/v1/visits", description="Follow-up visits")


@blp.route("")
class Visits(MethodView):
    @blp.arguments(VisitQuery, location="query")
    @blp.response(200, VisitPage)
    def get(self, query):
        return visits.get_all(db.session, actor=current_actor(), **query)

    @blp.arguments(VisitSchema)
    @blp.response(201, VisitSchema)
    def post(self, fields):
        """Record a follow-up visit to a placed worker."""
        visit = visits.create(db.session, actor=current_actor(), **fields)
        db.session.commit()
        return visit


@blp.route("/<int:visit_id>")
@blp.response(200, VisitSchema)
def get_visit(visit_id):
    return visits.get(db.session, actor=current_actor(), visit_id=visit_id)
