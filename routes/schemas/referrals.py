"""Referrals, with the worker in full for desks and the bureau and masked for employers."""

from __future__ import annotations

from marshmallow import fields, validate

from jobs_app.models import ReferralStatus
from routes.schemas.common import PageArgs, Schema, non_negative, optional_text, page_of, text
from routes.schemas.workers import MaskedWorkerSchema


class ReferralIn(Schema):
    worker_id = fields.Integer(required=True)
    opening_id = fields.Integer(required=True)
    note = optional_text(200)


class OpeningBrief(Schema):
    id = fields.Integer()
    title = fields.String()
    employer_id = fields.Integer()
    employer_name = fields.Function(lambda o: o.employer.name)
    province = fields.String()
    city = fields.String()


class WorkerBrief(MaskedWorkerSchema):
    """Desks and the bureau see the worker's full numbers on a referral."""

    id_number = fields.String()
    phone = fields.String(allow_none=True)


class ReferralSchema(Schema):
    id = fields.Integer()
    worker_id = fields.Integer()
    opening_id = fields.Integer()
    status = fields.Enum(ReferralStatus, by_value=True)
    referred_on = fields.Date()
    hired_on = fields.Date(allow_none=True)
    wage = fields.Integer(allow_none=True)
    ended_on = fields.Date(allow_none=True)
    end_reason = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    worker = fields.Nested(WorkerBrief)
    opening = fields.Nested(OpeningBrief)
    updated_at = fields.DateTime()


class MaskedReferralSchema(ReferralSchema):
    worker = fields.Nested(MaskedWorkerSchema)


class HireIn(Schema):
    start_date = fields.Date(required=True)
    wage = fields.Integer(required=True, validate=non_negative)


class LeaveIn(Schema):
    date = fields.Date(required=True)
    reason = text(200, required=True)


class ReferralQuery(PageArgs):
    status = fields.Enum(ReferralStatus, by_value=True)
    worker_id = fields.Integer(validate=validate.Range(min=1))
    opening_id = fields.Integer(validate=validate.Range(min=1))


ReferralPage = page_of(ReferralSchema, "ReferralPage")
MaskedReferralPage = page_of(MaskedReferralSchema, "MaskedReferralPage")
