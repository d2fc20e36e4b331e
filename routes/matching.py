"""Ranked openings for a worker and ranked candidates for an opening."""

from __future__ import annotations

from flask import jsonify
from marshmallow import fields, validate

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import matching
from routes.blueprint import Blueprint
from routes.schemas.common import Schema
from routes.schemas.workers import WorkerRowSchema
from routes.suggestions import reason_texts, shown_suggestions

blp = Blueprint("matching", __name__, url_prefix="/api/v1", description="Matching")


class LimitArgs(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class ReasonSchema(Schema):
    code = fields.String()
    text = fields.String()


class OpeningMatch(Schema):
    opening_id = fields.Integer()
    title = fields.String()
    employer_name = fields.String()
    score = fields.Float()
    reasons = fields.List(fields.Nested(ReasonSchema))


class OpeningMatches(Schema):
    items = fields.List(fields.Nested(OpeningMatch))


class CandidateMatch(Schema):
    worker_id = fields.Integer()
    score = fields.Float()
    reasons = fields.List(fields.Nested(ReasonSchema))
    worker = fields.Nested(WorkerRowSchema)


class CandidateMatches(Schema):
    items = fields.List(fields.Nested(CandidateMatch))


@blp.route("/workers/<int:worker_id>/matches")
@blp.arguments(LimitArgs, location="query")
@blp.response(200, OpeningMatches)
def worker_matches(args, worker_id):
    """The openings that suit the worker best, each with a score and its reasons."""
    ranked = matching.matches_for_worker(
        db.session, actor=current_actor(), worker_id=worker_id, limit=args["limit"]
    )
    # Built as the schema's plain types and answered as is (flask-smorest passes a Response
    # through): marshmallow walking 20 matches and their reasons was a tenth of the busiest
    # request. The schema still documents the answer; schemathesis checks the two agree.
    return jsonify(items=shown_suggestions(ranked))


@blp.route("/openings/<int:opening_id>/candidates")
@blp.arguments(LimitArgs, location="query")
@blp.response(200, CandidateMatches)
def opening_candidates(args, opening_id):
    """The seeking workers who suit the opening best (a desk sees its own township's)."""
    ranked = matching.candidates_for_opening(
        db.session, actor=current_actor(), opening_id=opening_id, limit=args["limit"]
    )
    return {
        "items": [
            {
                "worker_id": item.worker.id,
                "score": round(item.match.score, 4),
                "reasons": reason_texts(item.match),
                "worker": item.worker,
            }
            for item in ranked
        ]
    }
