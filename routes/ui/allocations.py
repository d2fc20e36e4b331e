"""The bureau's review of the monthly batch allocation: start a run, watch its progress,
read its proposals (worker → opening, best first) and accept them as referrals."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from jobs_app import background, jobs
from jobs_app.extensions import db
from jobs_app.models import Role, RunStatus
from jobs_app.services import allocations, dashboard, openings, workers
from routes.ui.forms import actor, attempt, done, guard

blueprint = Blueprint("allocations", __name__, url_prefix="/bureau/allocations")
blueprint.before_request(guard(Role.bureau))

PER_PAGE = 50


@blueprint.route("/", endpoint="review")
def review():
    run = dashboard.latest_allocation_run(db.session, actor=actor())
    rows = []
    if run is not None and run.status == RunStatus.done:
        page = allocations.proposals(db.session, actor=actor(), run_id=run.id, page=1,
                                     per_page=PER_PAGE)  # fmt: skip
        rows = [(p, workers.get(db.session, actor=actor(), worker_id=p.worker_id,
                                audit_read=False),
                 openings.get(db.session, actor=actor(), opening_id=p.opening_id))
                for p in page.items]  # fmt: skip
    return render_template("bureau/allocations.html", run=run, rows=rows,
                           running=run is not None and run.status not in (
                               RunStatus.done, RunStatus.failed))  # fmt: skip


@blueprint.route("/", methods=["POST"], endpoint="start")
def start():
    run = allocations.start(db.session, actor=actor())
    db.session.commit()
    app = current_app._get_current_object()
    background.start(app, f"allocation-{run.id}", lambda a: jobs.run_allocation(a, run.id))
    return done("Allocation started.", "ui.allocations.review")


@blueprint.route("/<int:run_id>/accept", methods=["POST"], endpoint="accept")
def accept(run_id: int):
    chosen = [int(v) for v in request.form.getlist("proposal_id") if v.isdigit()]
    return attempt(
        lambda: allocations.accept(db.session, actor=actor(), run_id=run_id,
                                   proposal_ids=chosen or None),
        "Accepted proposals became referrals.", "ui.allocations.review",
    )  # fmt: skip
