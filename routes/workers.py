"""Workers: registered and edited by their township's desk, seen in full by the bureau."""

from __future__ import annotations

from flask.views import MethodView

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import sessions, workers
from routes.blueprint import Blueprint
from routes.schemas.workers import WorkerPage, WorkerPatch, WorkerQuery, WorkerSchema

blp = Blueprint("workers", __name__, url_prefix="/api/v1/workers", description="Workers")


@blp.route("")
class Workers(MethodView):
    @blp.arguments(WorkerQuery, location="query")
    @blp.response(200, WorkerPage)
    def get(self, query):
        """Workers the caller may see; ``q`` finds a name or an ID number. IDs are masked."""
        return workers.get_all(db.session, actor=current_actor(), **query)

    @blp.arguments(WorkerSchema)
    @blp.response(201, WorkerSchema)
    def post(self, fields):
        """Register a worker; sex and birth date come from the ID number."""
        worker = workers.create(db.session, actor=current_actor(), **fields)
        db.session.commit()
        return worker


@blp.route("/<int:worker_id>")
class WorkerById(MethodView):
    @blp.response(200, WorkerSchema)
    def get(self, worker_id):
        """One worker, unmasked; the read is written to the audit log."""
        worker = workers.get(db.session, actor=current_actor(), worker_id=worker_id)
        sessions.commit_keeping_loaded(db.session)
        return worker

    @blp.arguments(WorkerPatch(partial=True))
    @blp.response(200, WorkerSchema)
    def patch(self, changes, worker_id):
        worker = workers.update(db.session, actor=current_actor(), worker_id=worker_id, **changes)
        db.session.commit()
        return worker
