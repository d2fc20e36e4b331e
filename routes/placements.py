"""After the hire: follow-ups on the zero-clearing list, visits due, retention, subsidies."""

from __future__ import annotations

from flask.views import MethodView

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import placements, subsidies, zero_clearing
from routes.blueprint import Blueprint
from routes.schemas.placements import (
    ClaimList,
    ClaimQuery,
    ClaimSchema,
    DecisionIn,
    DueSubsidyList,
    DueVisitList,
    DueVisitQuery,
    RetentionList,
    RetentionQuery,
    RuleList,
)
from routes.schemas.recounts import FollowUpIn, FollowUpList, FollowUpSchema

blp = Blueprint(
    "placements",
    __name__,
    url_prefix="/api/v1",
    description="Follow-ups, visits due, retention and subsidies",
)


@blp.route("/workers/<int:worker_id>/follow-ups")
class FollowUps(MethodView):
    @blp.response(200, FollowUpList)
    def get(self, worker_id):
        """The worker's follow-ups, newest first."""
        return {
            "items": zero_clearing.follow_ups(
                db.session, actor=current_actor(), worker_id=worker_id
            )
        }

    @blp.arguments(FollowUpIn)
    @blp.response(201, FollowUpSchema)
    def post(self, fields, worker_id):
        """Record a follow-up: contacted, referred, unreachable or no longer seeking."""
        record = zero_clearing.follow_up(
            db.session, actor=current_actor(), worker_id=worker_id, **fields
        )
        db.session.commit()
        return record


@blp.route("/visits/due")
@blp.arguments(DueVisitQuery, location="query")
@blp.response(200, DueVisitList)
def visits_due(query):
    """Follow-up visits (1, 3 and 6 months after the hire) due soon or overdue."""
    due = placements.due_visits(
        db.session,
        actor=current_actor(),
        township_code=query.get("township_code"),
        overdue_only=query["overdue"],
        within_days=query["within_days"],
    )
    return {"items": due, "total": len(due)}


@blp.route("/placements/retention")
@blp.arguments(RetentionQuery, location="query")
@blp.response(200, RetentionList)
def retention(query):
    """Share of hires still in place after 3 or 6 months, by employer kind, province or
    township."""
    rows = placements.retention(db.session, actor=current_actor(), **query)
    return {**query, "items": rows}


@blp.route("/subsidies/due")
@blp.response(200, DueSubsidyList)
def subsidies_due():
    """Subsidies earned and not yet decided, with the rule that grants each."""
    due = subsidies.due(db.session, actor=current_actor())
    return {"items": due, "total": len(due), "amount": sum(item.amount for item in due)}


@blp.route("/subsidies")
class Subsidies(MethodView):
    @blp.arguments(ClaimQuery, location="query")
    @blp.response(200, ClaimList)
    def get(self, query):
        """Subsidies decided: paid or refused."""
        return {
            "items": subsidies.decided(
                db.session, actor=current_actor(), status=query.get("status")
            )
        }

    @blp.arguments(DecisionIn)
    @blp.response(201, ClaimSchema)
    def post(self, fields):
        """Mark a due subsidy paid or refused."""
        claim = subsidies.decide(db.session, actor=current_actor(), **fields)
        db.session.commit()
        return claim


@blp.route("/subsidies/rules")
@blp.response(200, RuleList)
def subsidy_rules():
    """The dated rules that decide which subsidies are due."""
    return {"items": subsidies.rules(db.session, actor=current_actor())}
