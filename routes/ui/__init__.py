"""The web pages: server-rendered HTML for the desk, the employer and the bureau.

Plain Flask blueprints (not flask-smorest), so they stay out of the OpenAPI document. They
call the same services as the JSON API and show domain errors as pages, not JSON.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from werkzeug.exceptions import Forbidden

from jobs_app import ui_text
from jobs_app.errors import DomainError
from jobs_app.i18n import translate
from routes.ui import (
    allocations,
    audit,
    auth,
    bureau,
    desk,
    employer,
    households,
    ledger,
    trips,
    worker_forms,
)

blueprint = Blueprint("ui", __name__)
for child in (auth, desk, households, worker_forms, employer, bureau, trips, ledger,
              allocations, audit):  # fmt: skip
    blueprint.register_blueprint(child.blueprint)


@blueprint.record_once
def _text(state) -> None:
    ui_text.init_app(state.app)


@blueprint.errorhandler(DomainError)
def _domain_error(error: DomainError):
    message = translate(error.message, ui_text.language())
    return render_template("auth/error.html", message=message), error.status


@blueprint.errorhandler(Forbidden)
def _forbidden(error: Forbidden):
    message = translate("Your role may not do this.", ui_text.language())
    return render_template("auth/error.html", message=message), 403
