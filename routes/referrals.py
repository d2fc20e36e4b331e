"""Referrals and placements: refer, hire, decline, no-show, leave."""

from __future__ import annotations

from flask import jsonify
from flask.views import MethodView

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import referrals, sessions
from jobs_app.services.access import sees_identity
from routes.blueprint import Blueprint
from routes.schemas.common import DatedReason
from routes.schemas.referrals import (
    HireIn,
    LeaveIn,
    MaskedReferralPage,
    MaskedReferralSchema,
    ReferralIn,
    ReferralQuery,
    ReferralSchema,
)

blp = Blueprint("referrals", __name__, url_prefix="/api/v1/referrals", description="Referrals")


# Built once: a schema and its nested ones cost more to build than to dump one referral
# (a tenth of a new referral's time when built per answer).
IN_FULL, MASKED = ReferralSchema(), MaskedReferralSchema()


def _shown(referral, status: int = 200):
    """Desks and the bureau see the worker in full; employers see masked numbers only."""
    schema = IN_FULL if sees_identity(current_actor()) else MASKED
    return jsonify(schema.dump(referral)), status


@blp.route("")
class Referrals(MethodView):
    @blp.arguments(ReferralQuery, location="query")
    @blp.response(200, MaskedReferralPage)
    def get(self, query):
        """Referrals the caller may see (ID numbers masked in lists)."""
        return referrals.get_all(db.session, actor=current_actor(), **query)

    @blp.arguments(ReferralIn)
    @blp.response(201, ReferralSchema)
    def post(self, fields):
        """Refer a seeking worker to an open opening."""
        referral = referrals.create(db.session, actor=current_actor(), **fields)
        sessions.commit_keeping_loaded(db.session)  # answered as written, not reloaded
        return _shown(referral, 201)


@blp.route("/<int:referral_id>")
@blp.response(200, ReferralSchema)
def get_referral(referral_id):
    """One referral with its worker (masked for employers) and opening."""
    referral = referrals.get(
        db.session, actor=current_actor(), referral_id=referral_id, audit_read=True
    )
    sessions.commit_keeping_loaded(db.session)
    return _shown(referral)


@blp.route("/<int:referral_id>/hire", methods=["POST"])
@blp.arguments(HireIn)
@blp.response(200, ReferralSchema)
def hire(fields, referral_id):
    """Confirm the hire; 409 when the opening is full or the worker is already placed."""
    referral = referrals.hire(db.session, actor=current_actor(), referral_id=referral_id, **fields)
    db.session.commit()
    return _shown(referral)


@blp.route("/<int:referral_id>/leave", methods=["POST"])
@blp.arguments(LeaveIn)
@blp.response(200, ReferralSchema)
def leave(fields, referral_id):
    """Report that a placed worker left, with the day and reason."""
    referral = referrals.leave(db.session, actor=current_actor(), referral_id=referral_id, **fields)
    db.session.commit()
    return _shown(referral)


@blp.route("/<int:referral_id>/decline", methods=["POST"])
@blp.arguments(DatedReason)
@blp.response(200, ReferralSchema)
def decline(fields, referral_id):
    """The referral was turned down."""
    referral = referrals.decline(
        db.session, actor=current_actor(), referral_id=referral_id, **fields
    )
    db.session.commit()
    return _shown(referral)


@blp.route("/<int:referral_id>/no-show", methods=["POST"])
@blp.arguments(DatedReason)
@blp.response(200, ReferralSchema)
def no_show(fields, referral_id):
    """The worker did not turn up; a hired one's headcount is freed."""
    referral = referrals.no_show(
        db.session, actor=current_actor(), referral_id=referral_id, **fields
    )
    db.session.commit()
    return _shown(referral)
