"""Townships."""

from __future__ import annotations

from marshmallow import fields

from jobs_app.models import TownshipKind
from routes.schemas.common import Schema


class TownshipSchema(Schema):
    code = fields.String()
    name = fields.String()
    kind = fields.Enum(TownshipKind, by_value=True)
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)
    coordinates_approximate = fields.Boolean()


class TownshipList(Schema):
    items = fields.List(fields.Nested(TownshipSchema))
    total = fields.Integer()
