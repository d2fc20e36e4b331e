"""Dedicated transport: plan trips, confirm or cancel them, print manifests, check in."""

from __future__ import annotations

from flask import Response, current_app, render_template
from flask.views import MethodView

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import transport
from routes.blueprint import Blueprint
from routes.schemas.transport import (
    CheckInIn,
    ConfirmIn,
    LatePassengerIn,
    PlanIn,
    PlanOut,
    TripPage,
    TripQuery,
    TripSchema,
)

blp = Blueprint("transport", __name__, url_prefix="/api/v1/trips",
                description="Dedicated transport (点对点专车): trips and manifests")  # fmt: skip
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NO_STORE = {"Cache-Control": "no-store"}


def _rules():
    """The planner's rules, with the load share the deployment configures."""
    share = current_app.config.get("TRANSPORT_LOAD_SHARE", transport.DEFAULT_LOAD_SHARE)
    return transport.rules_for(float(share))


@blp.route("/plan", methods=["POST"])
@blp.arguments(PlanIn)
@blp.response(200, PlanOut)
def plan(fields):
    """Draft the trips for hired far placements starting in the window (replaces drafts;
    confirmed trips stay)."""
    outcome = transport.plan(db.session, actor=current_actor(), rules=_rules(), **fields)
    db.session.commit()
    return outcome


@blp.route("")
class Trips(MethodView):
    @blp.arguments(TripQuery, location="query")
    @blp.response(200, TripPage)
    def get(self, query):
        """Trips by departure; filter by status, departure days and destination."""
        return transport.get_all(db.session, actor=current_actor(), **query)


@blp.route("/<int:trip_id>")
@blp.response(200, TripSchema)
def get_trip(trip_id):
    """One trip with its stops in pickup order and its passengers."""
    return transport.get(db.session, actor=current_actor(), trip_id=trip_id)


@blp.route("/<int:trip_id>/confirm", methods=["POST"])
@blp.arguments(ConfirmIn)
@blp.response(200, TripSchema)
def confirm(fields, trip_id):
    """Confirm a draft, optionally naming the escort; re-plans keep it."""
    trip = transport.confirm(db.session, actor=current_actor(), trip_id=trip_id, **fields)
    db.session.commit()
    return trip


@blp.route("/<int:trip_id>/cancel", methods=["POST"])
@blp.response(200, TripSchema)
def cancel(trip_id):
    """Cancel a trip that has not left; its seats are freed for the next plan."""
    trip = transport.cancel(db.session, actor=current_actor(), trip_id=trip_id)
    db.session.commit()
    return trip


@blp.route("/<int:trip_id>/passengers", methods=["POST"])
@blp.arguments(LatePassengerIn)
@blp.response(200, TripSchema)
def add_late(fields, trip_id):
    """Seat a placement hired after planning, moving nobody already on the trip."""
    trip = transport.add_late(db.session, actor=current_actor(), trip_id=trip_id,
                              rules=_rules(), **fields)  # fmt: skip
    db.session.commit()
    return trip


@blp.route("/<int:trip_id>/passengers/<int:referral_id>/check-in", methods=["POST"])
@blp.arguments(CheckInIn)
@blp.response(200, TripSchema)
def check_in(fields, trip_id, referral_id):
    """Mark whether the passenger boarded; one who did not is recorded as a no-show on the
    placement, which frees its headcount."""
    trip = transport.check_in(db.session, actor=current_actor(), trip_id=trip_id,
                              referral_id=referral_id, **fields)  # fmt: skip
    db.session.commit()
    return trip


@blp.route("/<int:trip_id>/manifest")
@blp.response(200, content_type="text/html")
def manifest(trip_id):
    """The printable A4 passenger manifest (乘车名单), in Chinese."""
    sheet = transport.manifest(db.session, actor=current_actor(), trip_id=trip_id)
    db.session.commit()
    page = render_template("transport/manifest.html", sheet=sheet)
    return Response(page, mimetype="text/html", headers=NO_STORE)


@blp.route("/<int:trip_id>/manifest.xlsx")
@blp.response(200, content_type=XLSX)
def manifest_xlsx(trip_id):
    """The passenger manifest as an Excel workbook."""
    sheet = transport.manifest(db.session, actor=current_actor(), trip_id=trip_id)
    db.session.commit()
    name = f"trip-{trip_id}-manifest.xlsx"
    headers = {**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(transport.xlsx(sheet), mimetype=XLSX, headers=headers)
