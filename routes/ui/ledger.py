"""The bureau's ledger import: upload, watch the check (a dry run), read its report, import.

Both the check and the import run in the background (a district's ledger takes ~25 s); the
run's page shows the rows read so far and polls ``/status`` until the report is there. The
upload is kept in the instance folder between the check and the import, under a random
token, so the import reads exactly the file that was checked.
"""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from jobs_app import background, jobs
from jobs_app.models import Role
from jobs_app.services import ledger
from jobs_app.ui_text import format_share, gettext, language
from routes.ui.forms import actor, guard

blueprint = Blueprint("ledger", __name__, url_prefix="/bureau/import")
blueprint.before_request(guard(Role.bureau))

KEEP_UPLOADS_SECONDS = 7 * 24 * 3600


def _uploads() -> ledger.Uploads:
    return ledger.Uploads(Path(current_app.instance_path) / "uploads")


def _start(uploads: ledger.Uploads, run: ledger.ImportRun) -> None:
    app, who = current_app._get_current_object(), actor()
    background.start(app, f"ledger-{run.stage}-{run.token[:8]}", lambda a: jobs.run_ledger_import(
        a, actor=who, uploads=uploads, token=run.token))  # fmt: skip


def _run_or_404(token: str) -> ledger.ImportRun:
    return _uploads().get(token) or abort(404)


def progress_text(run: ledger.ImportRun) -> str:
    """How far a run has got, in the page language: 12,000 of 100,000 rows read (12%)."""
    if not run.rows_total:
        return gettext("{read} rows read").format(read=f"{run.rows_read:,}")
    return gettext("{read} of {total} rows read ({share})").format(
        read=f"{run.rows_read:,}", total=f"{run.rows_total:,}", share=format_share(run.progress)
    )


@blueprint.route("/", methods=["GET", "POST"], endpoint="upload")
def upload():
    if request.method == "GET":
        return render_template("bureau/import.html", run=None)
    sheet = request.files.get("file")
    if sheet is None or not sheet.filename:
        return render_template("bureau/import.html", run=None,
                               file_error=gettext("Choose an .xlsx ledger.")), 422  # fmt: skip
    uploads = _uploads()
    uploads.prune(older_than_seconds=KEEP_UPLOADS_SECONDS)
    run = uploads.keep(sheet.stream, keep_good="keep_good" in request.form)
    _start(uploads, run)
    return redirect(url_for("ui.ledger.run", token=run.token), 303)


@blueprint.route("/<token>", endpoint="run")
def show(token: str):
    run = _run_or_404(token)
    return render_template("bureau/import.html", run=run, progress_text=progress_text(run),
                           errors=run.problems("errors", language()))  # fmt: skip


@blueprint.route("/<token>/status", endpoint="status")
def status(token: str):
    """What the run's page polls: its status and the rows read so far."""
    run = _run_or_404(token)
    return jsonify(status=run.status.value, stage=run.stage.value, progress=run.progress,
                   rows_read=run.rows_read, rows_total=run.rows_total,
                   progress_text=progress_text(run))  # fmt: skip


@blueprint.route("/<token>/errors.xlsx", endpoint="errors")
def error_sheet(token: str):
    """The check's bad rows as a workbook: corrected in Excel, it can be uploaded again."""
    _run_or_404(token)
    path = _uploads().error_sheet(token)
    if not path.exists():
        abort(404)
    return send_file(path, as_attachment=True, download_name="台账问题行.xlsx")


@blueprint.route("/<token>", methods=["POST"], endpoint="commit")
def commit(token: str):
    uploads = _uploads()
    run = uploads.claim_commit(token)
    if run is None:
        flash(gettext("This ledger cannot be imported now; upload it again."), "error")
        return redirect(url_for("ui.ledger.upload"))
    _start(uploads, run)
    return redirect(url_for("ui.ledger.run", token=token), 303)
