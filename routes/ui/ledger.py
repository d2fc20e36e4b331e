"""The bureau's ledger import: upload, see the dry run's report, then commit it.

The upload is kept in the instance folder between the dry run and the commit, under a
random name, so the commit imports exactly the file that was checked.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from jobs_app.errors import UnreadableInput
from jobs_app.extensions import db
from jobs_app.models import Role
from jobs_app.services import ledger
from jobs_app.ui_text import gettext, language
from routes.ui.forms import actor, explain, guard, input_errors

blueprint = Blueprint("ledger", __name__, url_prefix="/bureau/import")
blueprint.before_request(guard(Role.bureau))

TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _uploads() -> Path:
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _upload_path(token: str) -> Path | None:
    if not TOKEN.match(token):
        return None
    path = _uploads() / f"{token}.xlsx"
    return path if path.exists() else None


@blueprint.route("/", methods=["GET", "POST"], endpoint="upload")
def upload():
    if request.method == "GET":
        return render_template("bureau/import.html", report=None)
    sheet = request.files.get("file")
    if sheet is None or not sheet.filename:
        return render_template("bureau/import.html", report=None,
                               file_error=gettext("Choose an .xlsx ledger.")), 422  # fmt: skip
    token = secrets.token_hex(16)
    path = _uploads() / f"{token}.xlsx"
    sheet.save(path)
    try:
        report = ledger.import_workers(
            db.session, actor=actor(), path_or_stream=str(path), dry_run=True
        )
    except UnreadableInput as error:
        path.unlink()
        problem = "；".join(input_errors(error).get("file", [])) or explain(error)
        return render_template("bureau/import.html", report=None, file_error=problem), 422
    db.session.rollback()
    keep_good = "keep_good" in request.form
    return render_template("bureau/import.html", report=report.as_dict(language()),
                           token=token, keep_good=keep_good)  # fmt: skip


@blueprint.route("/<token>", methods=["POST"], endpoint="commit")
def commit(token: str):
    path = _upload_path(token)
    if path is None:
        flash(gettext("The upload has expired; upload the ledger again."), "error")
        return redirect(url_for("ui.ledger.upload"))
    keep_good = "keep_good" in request.form
    report = ledger.import_workers(
        db.session, actor=actor(), path_or_stream=str(path), dry_run=False, keep_good=keep_good
    )
    db.session.commit()
    path.unlink()
    return render_template("bureau/import.html", report=report.as_dict(language()),
                           token=None), 422 if report.refused else 200  # fmt: skip
