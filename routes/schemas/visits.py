"""Follow-up visits."""

from __future__ import annotations

from marshmallow import fields, validate

from routes.schemas.common import PageArgs, Schema, optional_text, page_of


class VisitSchema(Schema):
    id = fields.Integer(dump_only=True)
    referral_id = fields.Integer(required=True)
    visited_on = fields.Date(required=True)
    still_employed = fields.Boolean(required=True)
    month_mark = fields.Integer(allow_none=True, validate=validate.OneOf([1, 3, 6]))
    note = optional_text(500)
    created_at = fields.DateTime(dump_only=True)


class VisitQuery(PageArgs):
    referral_id = fields.Integer()


VisitPage = page_of(VisitSchema, "VisitPage")
