"""The bureau's trip planner: plan the dedicated buses for a window, see each bus's
collection tour drawn from the townships' coordinates, and print its manifest."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from jobs_app import clock
from jobs_app.errors import DomainError
from jobs_app.extensions import db
from jobs_app.models import Role
from jobs_app.services import transport
from jobs_app.ui_text import gettext
from routes.ui.forms import actor, explain, guard, parse_date

blueprint = Blueprint("trips", __name__, url_prefix="/bureau/trips")
blueprint.before_request(guard(Role.bureau))

WINDOW_DAYS = 14


@blueprint.route("/", endpoint="planner")
def planner():
    today = clock.today()
    trips = transport.get_all(db.session, actor=actor(), page=1, per_page=100,
                              from_date=today).items  # fmt: skip
    window = {"from_date": today, "to_date": today + timedelta(days=WINDOW_DAYS)}
    return render_template("bureau/trips.html", trips=trips, window=window,
                           tours={t.id: _tour(t) for t in trips})  # fmt: skip


def _tour(trip) -> list[dict]:
    """The pickups in order, at the townships' (approximate) centres: the schematic's points."""
    return [
        {"name": stop.township.name, "lon": stop.township.lon, "lat": stop.township.lat,
         "time": stop.planned_time.strftime("%H:%M")}
        for stop in trip.stops
        if stop.township.lon is not None and stop.township.lat is not None
    ]  # fmt: skip


@blueprint.route("/plan", methods=["POST"])
def plan():
    today = clock.today()
    start = parse_date(request.form.get("from_date")) or today
    end = parse_date(request.form.get("to_date")) or start + timedelta(days=WINDOW_DAYS)
    city = request.form.get("destination_city", "").strip() or None
    share = current_app.config.get("TRANSPORT_LOAD_SHARE", transport.DEFAULT_LOAD_SHARE)
    try:
        outcome = transport.plan(db.session, actor=actor(), from_date=start, to_date=end,
                                 destination_city=city,
                                 rules=transport.rules_for(float(share)))  # fmt: skip
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(explain(error), "error")
        return redirect(url_for("ui.trips.planner"))
    flash(f"{gettext('Trips planned')}：{len(outcome.trips)}；"
          f"{gettext('Without a seat')}：{len(outcome.unplanned)}", "success")  # fmt: skip
    return redirect(url_for("ui.trips.planner"))
