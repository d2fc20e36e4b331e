"""Households."""

from __future__ import annotations

from typing import ClassVar

from marshmallow import fields

from jobs_app.models import Category
from routes.schemas.common import PageArgs, Phone, Schema, optional_text, page_of, text


class HouseholdSchema(Schema):
    id = fields.Integer(dump_only=True)
    township_code = text(40, required=True)
    township_name = fields.Function(lambda h: h.township.name, dump_only=True)
    village = optional_text(60)
    category = fields.Enum(Category, by_value=True, required=True)
    dibao = fields.Boolean(load_default=False)
    tekun = fields.Boolean(load_default=False)
    helper_name = optional_text(40)
    helper_phone = Phone(allow_none=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)

    dumped_from: ClassVar = {"township_code": "township.code"}


class HouseholdPatch(HouseholdSchema):
    """Every field optional; defaults do not apply to a change."""

    dibao = fields.Boolean()
    tekun = fields.Boolean()


class HouseholdQuery(PageArgs):
    township_code = fields.String()
    category = fields.Enum(Category, by_value=True)


HouseholdPage = page_of(HouseholdSchema, "HouseholdPage")
