"""Townships of the district."""

from __future__ import annotations

from jobs_app.extensions import db
from jobs_app.services import townships
from routes.blueprint import Blueprint
from routes.schemas.places import TownshipList

blp = Blueprint("townships", __name__, url_prefix="/api/v1/townships", description="Townships")


@blp.route("")
@blp.response(200, TownshipList)
def list_townships():
    """All 52 townships (镇乡街道) with their 12-digit codes."""
    items = townships.get_all(db.session)
    return {"items": items, "total": len(items)}
