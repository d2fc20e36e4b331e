"""Employers."""

from __future__ import annotations

from typing import ClassVar

from marshmallow import fields

from jobs_app.models import EmployerKind
from routes.schemas.common import PageArgs, Phone, Province, Schema, optional_text, page_of, text


class EmployerSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = text(100, required=True)
    kind = fields.Enum(EmployerKind, by_value=True, required=True)
    is_leading = fields.Boolean(load_default=False)
    province = Province(required=True)
    city = text(30, required=True)
    township_code = fields.String(load_default=None, allow_none=True)
    address = optional_text(200)
    contact_name = optional_text(40)
    contact_phone = Phone(allow_none=True)
    workshop_certified = fields.Boolean(load_default=False)
    workshop_certified_on = fields.Date(allow_none=True)
    created_at = fields.DateTime(dump_only=True)

    dumped_from: ClassVar = {"township_code": "township.code"}


class EmployerPatch(EmployerSchema):
    is_leading = fields.Boolean()
    workshop_certified = fields.Boolean()
    township_code = fields.String(allow_none=True)


class EmployerQuery(PageArgs):
    kind = fields.Enum(EmployerKind, by_value=True)
    province = Province()
    q = fields.String()


EmployerPage = page_of(EmployerSchema, "EmployerPage")
