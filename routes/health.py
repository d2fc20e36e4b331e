"""Liveness and database reachability, for load balancers and monitoring."""

from __future__ import annotations

from flask import jsonify
from marshmallow import fields
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from jobs_app.extensions import db
from routes.blueprint import Blueprint
from routes.schemas.common import Schema

blp = Blueprint("health", __name__, url_prefix="/", description="Health check")


class HealthSchema(Schema):
    status = fields.String()
    database = fields.String()


@blp.route("/healthz")
@blp.response(200, HealthSchema)
@blp.alt_response(503, schema=HealthSchema, description="The database does not answer")
def healthz():
    """200 when the service and its database answer, 503 when the database does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify({"status": "degraded", "database": "unavailable"}), 503
    return jsonify({"status": "ok", "database": "ok"})
