"""Visits due, retention and subsidies."""

from __future__ import annotations

from marshmallow import fields, validate

from jobs_app.models import ClaimStatus
from routes.schemas.common import Schema, optional_text


class DueVisitQuery(Schema):
    township_code = fields.String()
    overdue = fields.Boolean(load_default=False)
    within_days = fields.Integer(load_default=7, validate=validate.Range(min=0, max=90))


class DueVisitSchema(Schema):
    referral_id = fields.Integer()
    worker_id = fields.Integer()
    worker_name = fields.String()
    township_code = fields.String()
    employer_name = fields.String()
    hired_on = fields.Date()
    month_mark = fields.Integer()
    due_on = fields.Date()
    overdue_days = fields.Integer()


class DueVisitList(Schema):
    items = fields.List(fields.Nested(DueVisitSchema))
    total = fields.Integer()


class RetentionQuery(Schema):
    months = fields.Integer(load_default=3, validate=validate.OneOf([1, 3, 6, 12]))
    by = fields.String(
        load_default="employer_kind",
        validate=validate.OneOf(["employer_kind", "province", "township"]),
    )


class RetentionRow(Schema):
    group = fields.String()
    hires = fields.Integer()
    retained = fields.Integer()
    rate = fields.Float(allow_none=True)


class RetentionList(Schema):
    months = fields.Integer()
    by = fields.String()
    items = fields.List(fields.Nested(RetentionRow))


class DueSubsidySchema(Schema):
    referral_id = fields.Integer()
    worker_id = fields.Integer()
    worker_name = fields.String()
    employer_name = fields.String()
    province = fields.String()
    hired_on = fields.Date()
    rule_code = fields.String()
    rule_name = fields.String()
    amount = fields.Integer()


class DueSubsidyList(Schema):
    items = fields.List(fields.Nested(DueSubsidySchema))
    total = fields.Integer()
    amount = fields.Integer()


class DecisionIn(Schema):
    referral_id = fields.Integer(required=True)
    rule_code = fields.String(required=True)
    status = fields.Enum(ClaimStatus, by_value=True, required=True)
    note = optional_text(200)


class ClaimSchema(Schema):
    id = fields.Integer()
    referral_id = fields.Integer()
    rule_code = fields.Function(lambda claim: claim.rule.code)
    rule_name = fields.Function(lambda claim: claim.rule.name)
    status = fields.Enum(ClaimStatus, by_value=True)
    amount = fields.Integer()
    decided_on = fields.Date()
    note = fields.String(allow_none=True)


class ClaimQuery(Schema):
    status = fields.Enum(ClaimStatus, by_value=True)


class ClaimList(Schema):
    items = fields.List(fields.Nested(ClaimSchema))


class RuleSchema(Schema):
    code = fields.String()
    name = fields.String()
    scope = fields.String()
    scope_value = fields.String(allow_none=True)
    min_months = fields.Integer()
    amount = fields.Integer()
    valid_from = fields.Date()
    valid_to = fields.Date(allow_none=True)
    source = fields.String(allow_none=True)
    active = fields.Boolean()


class RuleList(Schema):
    items = fields.List(fields.Nested(RuleSchema))
