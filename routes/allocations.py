"""The monthly batch allocation: start a run, watch it, review and accept its proposals."""

from __future__ import annotations

from flask import current_app
from marshmallow import fields

from jobs_app import background, jobs
from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.models import ProposalStatus, RunStatus
from jobs_app.services import allocations, learning
from routes.blueprint import Blueprint
from routes.schemas.common import PageArgs, Schema, page_of

blp = Blueprint("allocations", __name__, url_prefix="/api/v1", description="Batch allocation")


class RunIn(Schema):
    candidates_per_worker = fields.Integer(load_default=10)


class RunSchema(Schema):
    id = fields.Integer()
    status = fields.Enum(RunStatus, by_value=True)
    progress = fields.Float()
    message = fields.String(allow_none=True)
    parameters = fields.Dict()
    started_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
    workers = fields.Integer()
    openings = fields.Integer()
    candidates = fields.Integer()
    proposals = fields.Integer()
    total_score = fields.Float()
    greedy_total = fields.Float(allow_none=True)


class ProposalSchema(Schema):
    id = fields.Integer()
    worker_id = fields.Integer()
    opening_id = fields.Integer()
    score = fields.Float()
    status = fields.Enum(ProposalStatus, by_value=True)
    referral_id = fields.Integer(allow_none=True)
    skip_reason = fields.String(allow_none=True)


ProposalPage = page_of(ProposalSchema, "ProposalPage")


class RunWithProposals(RunSchema):
    proposal_page = fields.Nested(ProposalPage)


class AcceptIn(Schema):
    proposal_ids = fields.List(fields.Integer(), load_default=None, allow_none=True)


class AcceptOut(Schema):
    accepted = fields.Integer()
    skipped = fields.Integer()
    referral_ids = fields.List(fields.Integer())


class ModelSchema(Schema):
    id = fields.Integer()
    version = fields.String()
    trained_at = fields.DateTime()
    n_rows = fields.Integer()
    library_versions = fields.Dict()
    metrics = fields.Dict()
    beats_transparent = fields.Boolean()
    active = fields.Boolean()


class ModelList(Schema):
    items = fields.List(fields.Nested(ModelSchema))


@blp.route("/allocations", methods=["POST"])
@blp.arguments(RunIn)
@blp.response(202, RunSchema)
def start_run(fields):
    """Start a run; it works in the background — poll it for progress."""
    run = allocations.start(db.session, actor=current_actor(), **fields)
    db.session.commit()
    app = current_app._get_current_object()
    background.start(app, f"allocation-{run.id}", lambda a: jobs.run_allocation(a, run.id))
    return run


@blp.route("/allocations/<int:run_id>")
@blp.arguments(PageArgs, location="query")
@blp.response(200, RunWithProposals)
def get_run(query, run_id):
    """The run's progress and totals, and a page of its proposals, best first."""
    run = allocations.get(db.session, actor=current_actor(), run_id=run_id)
    page = allocations.proposals(db.session, actor=current_actor(), run_id=run_id, **query)
    return {**{name: getattr(run, name) for name in RunSchema().fields}, "proposal_page": page}


@blp.route("/allocations/<int:run_id>/accept", methods=["POST"])
@blp.arguments(AcceptIn)
@blp.response(200, AcceptOut)
def accept(fields, run_id):
    """Accept all proposals, or those named: each becomes a referral unless it went stale."""
    accepted = allocations.accept(db.session, actor=current_actor(), run_id=run_id, **fields)
    db.session.commit()
    return accepted


@blp.route("/matching/models")
@blp.response(200, ModelList)
def models():
    """Trained ranking models with their hold-out metrics; at most one is active."""
    return {"items": learning.get_all(db.session, actor=current_actor())}
