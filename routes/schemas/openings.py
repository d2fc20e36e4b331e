"""Openings."""

from __future__ import annotations

from typing import ClassVar

from marshmallow import fields, validate

from jobs_app.models import EmployerKind, OpeningStatus
from routes.schemas.common import PageArgs, Province, Schema, non_negative, page_of, text

AGE = validate.Range(min=16, max=80)


class OpeningSchema(Schema):
    id = fields.Integer(dump_only=True)
    employer_id = fields.Integer(required=True)
    employer_name = fields.Function(lambda o: o.employer.name, dump_only=True)
    employer_kind = fields.Function(lambda o: o.employer.kind.value, dump_only=True)
    title = text(100, required=True)
    description = fields.String(allow_none=True, validate=validate.Length(max=2000))
    skills = fields.List(fields.String(validate=validate.Length(min=1, max=30)), load_default=list)
    headcount = fields.Integer(required=True, validate=validate.Range(min=1, max=10000))
    hired_count = fields.Integer(dump_only=True)
    free_headcount = fields.Integer(dump_only=True)
    wage_min = fields.Integer(required=True, validate=non_negative)
    wage_max = fields.Integer(required=True, validate=non_negative)
    province = Province(required=True)
    city = text(30, required=True)
    township_code = fields.String(load_default=None, allow_none=True)
    age_min = fields.Integer(load_default=16, validate=AGE)
    age_max = fields.Integer(load_default=60, validate=AGE)
    board = fields.Boolean(load_default=False)
    lodging = fields.Boolean(load_default=False)
    social_insurance = fields.Boolean(load_default=False)
    start_date = fields.Date(required=True)
    status = fields.Enum(OpeningStatus, by_value=True, dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)

    dumped_from: ClassVar = {"township_code": "township.code"}


class OpeningPatch(OpeningSchema):
    """A change to an opening; ``status`` can close or reopen it."""

    skills = fields.List(fields.String(validate=validate.Length(min=1, max=30)))
    age_min = fields.Integer(validate=AGE)
    age_max = fields.Integer(validate=AGE)
    board = fields.Boolean()
    lodging = fields.Boolean()
    social_insurance = fields.Boolean()
    township_code = fields.String(allow_none=True)
    status = fields.Enum(OpeningStatus, by_value=True)

    class Meta:
        exclude = ("employer_id",)


class OpeningQuery(PageArgs):
    status = fields.Enum(OpeningStatus, by_value=True)
    kind = fields.Enum(EmployerKind, by_value=True)
    province = Province()
    employer_id = fields.Integer()
    township_code = fields.String()
    q = fields.String()


OpeningPage = page_of(OpeningSchema, "OpeningPage")
