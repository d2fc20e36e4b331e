"""The bureau's Excel ledgers: upload a worker ledger, download ledgers in its layout."""

from __future__ import annotations

from collections.abc import Callable
from tempfile import SpooledTemporaryFile

from flask import send_file

from jobs_app.auth import current_actor
from jobs_app.database import needs_transaction
from jobs_app.extensions import db
from jobs_app.i18n import request_language
from jobs_app.services import ledger
from routes.blueprint import Blueprint
from routes.schemas.ledger import (
    ImportOptions,
    ImportReportSchema,
    LedgerUpload,
    WorkerExportQuery,
)

blp = Blueprint("ledger", __name__, url_prefix="/api/v1", description="Excel ledgers (台账)")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Exports up to this size stay in memory; a district's ledger spills to a temporary file.
IN_MEMORY_BYTES = 16 * 1024 * 1024


@blp.route("/imports/workers", methods=["POST"])
@blp.arguments(ImportOptions, location="query")
@blp.arguments(LedgerUpload, location="files")
@blp.response(200, ImportReportSchema)
@blp.alt_response(422, schema=ImportReportSchema, description="Bad rows; nothing written")
def import_workers(options, upload):
    """Create or update workers from a ledger; every bad row is named with row and column."""
    report = ledger.import_workers(
        db.session, actor=current_actor(), path_or_stream=upload["file"].stream, **options
    )
    db.session.commit()
    return report.as_dict(request_language()), 422 if report.refused else 200


@blp.route("/exports/workers.xlsx")
@blp.arguments(WorkerExportQuery, location="query")
@blp.response(200, content_type=XLSX, description="The worker ledger")
@needs_transaction
def export_workers(query):
    """The worker ledger in the bureau's layout (full ID numbers: the bureau's only)."""
    return _download("劳动力台账.xlsx", lambda target: ledger.export_workers(
        db.session, actor=current_actor(), target=target, **query))  # fmt: skip


@blp.route("/exports/placements.xlsx")
@blp.response(200, content_type=XLSX, description="The placements ledger")
@needs_transaction
def export_placements():
    """Placements (hired and left) with employer, place, dates and wage."""
    return _download("上岗离岗台账.xlsx", lambda target: ledger.export_placements(
        db.session, actor=current_actor(), target=target))  # fmt: skip


@blp.route("/exports/recount-<period>.xlsx")
@blp.response(200, content_type=XLSX, description="The recount ledger of a month")
@needs_transaction
def export_recount(period):
    """The recount ledger of a month (YYYY-MM), per township, with the district total."""
    return _download(
        f"月度排查台账-{period}.xlsx",
        lambda target: ledger.export_recount(
            db.session, actor=current_actor(), period=period, target=target
        ),
    )


@blp.route("/exports/seeking-<period>.xlsx")
@blp.arguments(WorkerExportQuery, location="query")
@blp.response(200, content_type=XLSX, description="The zero-clearing list of a month")
@needs_transaction
def export_seeking(query, period):
    """The zero-clearing list of a month; a desk downloads its own township's."""
    return _download(
        f"清零名单-{period}.xlsx",
        lambda target: ledger.export_seeking(
            db.session, actor=current_actor(), period=period, target=target, **query
        ),
    )


@blp.route("/exports/visits-due.xlsx")
@blp.response(200, content_type=XLSX, description="Follow-up visits due")
@needs_transaction
def export_visits_due():
    """Follow-up visits due this week or overdue (a desk's own workers)."""
    return _download(
        "回访提醒.xlsx",
        lambda target: ledger.export_visits_due(db.session, actor=current_actor(), target=target),
    )


@blp.route("/exports/subsidies-due.xlsx")
@blp.response(200, content_type=XLSX, description="Subsidies due")
@needs_transaction
def export_subsidies_due():
    """Subsidies earned and not yet decided, for the finance office."""
    return _download(
        "应发补贴清单.xlsx",
        lambda target: ledger.export_subsidies_due(
            db.session, actor=current_actor(), target=target
        ),
    )


def _download(name: str, export: Callable):
    """Write the export, commit its audit entry, and send it as a file nobody caches."""
    target = SpooledTemporaryFile(max_size=IN_MEMORY_BYTES)  # noqa: SIM115 - send_file closes it
    try:
        export(target)
    except BaseException:
        target.close()
        raise
    db.session.commit()
    target.seek(0)
    response = send_file(target, mimetype=XLSX, as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "no-store"
    return response
