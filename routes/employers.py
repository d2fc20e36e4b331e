"""Employers."""

from __future__ import annotations

from flask.views import MethodView

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import employers
from routes.blueprint import Blueprint
from routes.schemas.employers import EmployerPage, EmployerPatch, EmployerQuery, EmployerSchema

blp = Blueprint("employers", __name__, url_prefix="/api/v1/employers", description="Employers")


@blp.route("")
class Employers(MethodView):
    @blp.arguments(EmployerQuery, location="query")
    @blp.response(200, EmployerPage)
    def get(self, query):
        """Employers; an employer's staff see only their own."""
        return employers.get_all(db.session, actor=current_actor(), **query)

    @blp.arguments(EmployerSchema)
    @blp.response(201, EmployerSchema)
    def post(self, fields):
        """Register an employer (the bureau)."""
        employer = employers.create(db.session, actor=current_actor(), **fields)
        db.session.commit()
        return employer


@blp.route("/<int:employer_id>")
class EmployerById(MethodView):
    @blp.response(200, EmployerSchema)
    def get(self, employer_id):
        return employers.get(db.session, actor=current_actor(), employer_id=employer_id)

    @blp.arguments(EmployerPatch(partial=True))
    @blp.response(200, EmployerSchema)
    def patch(self, changes, employer_id):
        employer = employers.update(
            db.session, actor=current_actor(), employer_id=employer_id, **changes
        )
        db.session.commit()
        return employer
