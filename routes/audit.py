"""The audit log, for the bureau."""

from __future__ import annotations

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import audit
from routes.blueprint import Blueprint
from routes.schemas.users import AuditPage, AuditQuery

blp = Blueprint("audit", __name__, url_prefix="/api/v1/audit", description="Audit log")


@blp.route("")
@blp.arguments(AuditQuery, location="query")
@blp.response(200, AuditPage)
def list_audit(query):
    """Unmasked reads and changes: who, when, what."""
    return audit.get_all(db.session, actor=current_actor(), **query)
