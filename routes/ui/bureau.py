"""The bureau's pages: the dashboard (``/`` for the bureau) and its links onward."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, render_template, url_for

from jobs_app import clock
from jobs_app.extensions import db
from jobs_app.models import Role
from jobs_app.services import dashboard as figures
from jobs_app.services import placements, recount_figures, recounts, subsidies, transport
from jobs_app.ui_text import gettext, label
from routes.ui.forms import actor, guard

blueprint = Blueprint("bureau", __name__, url_prefix="/bureau")
blueprint.before_request(guard(Role.bureau))

TREND_SERIES = ("seeking", "employed_local", "employed_province", "employed_out",
                "public_post", "self_employed")  # fmt: skip
TRIP_DAYS = 60


@blueprint.route("/", endpoint="dashboard")
def dashboard_page():
    return dashboard()


def dashboard():
    """How the district stands: also what ``/`` shows a bureau user."""
    guard_response = guard(Role.bureau)()
    if guard_response is not None:
        return guard_response
    session, who = db.session, actor()
    done = recounts.get_all(session, actor=who)
    latest = recount_figures.figures(session, done[0]) if done else None
    threshold = current_app.config["WORKSHOP_POOR_SHARE"]
    due = subsidies.due(session, actor=who)
    today = clock.today()
    trips = transport.get_all(session, actor=who, page=1, per_page=100, from_date=today,
                              to_date=today + timedelta(days=TRIP_DAYS)).items  # fmt: skip
    by_kind = figures.placements_by(session, actor=who, by="kind")
    by_province = figures.placements_by(session, actor=who, by="province")
    charts = _chart_data(figures.recount_trend(session, actor=who), by_kind, by_province)
    return render_template(
        "bureau/dashboard.html", latest=latest, charts=charts, by_kind=by_kind,
        by_province=by_province, threshold=threshold, trips=trips,
        below=figures.workshops_below(session, actor=who, threshold=threshold),
        retention={months: placements.retention(session, actor=who, months=months,
                                                by="employer_kind") for months in (3, 6)},
        due=due, due_total=sum(item.amount for item in due),
        exports=[(gettext("Workers ledger (Excel)"), "/api/v1/exports/workers.xlsx"),
                 (gettext("Placements ledger (Excel)"), "/api/v1/exports/placements.xlsx")],
        manifest_url=lambda trip: f"/api/v1/trips/{trip.id}/manifest",
        workers_url=url_for("ui.desk.workers"),
    )  # fmt: skip


def _chart_data(trend: list[dict], by_kind, by_province) -> dict:
    """What the charts draw, with their labels in the page language (JSON, not script)."""
    return {
        "trend": {
            "periods": [row["period"] for row in trend],
            "series": [
                {"name": label(s), "key": s, "values": [row[s] for row in trend]}
                for s in TREND_SERIES
            ],
        },
        "byKind": [{"name": label(kind), "value": count} for kind, count in by_kind],
        "byProvince": [{"name": province, "value": count} for province, count in by_province],
    }
