"""Workers, in full for desks and the bureau, and masked for employers."""

from __future__ import annotations

from typing import ClassVar

from marshmallow import ValidationError, fields, validate, validates_schema

from jobs_app import clock
from jobs_app.identity import age_on, mask_id_number, mask_phone
from jobs_app.models import Ability, Category, Education, Health, WishScope, WorkerStatus
from routes.schemas.common import (
    IdNumber,
    PageArgs,
    Phone,
    Province,
    Schema,
    non_negative,
    optional_text,
    page_of,
    text,
)


class WishesSchema(Schema):
    scope = fields.Enum(WishScope, by_value=True, load_default=WishScope.anywhere)
    provinces = fields.List(Province(), load_default=list)
    min_wage = fields.Integer(allow_none=True, load_default=None, validate=non_negative)


class WishesPatch(WishesSchema):
    """Wishes changed in part: absent keys stay as they are."""

    scope = fields.Enum(WishScope, by_value=True)
    provinces = fields.List(Province())
    min_wage = fields.Integer(allow_none=True, validate=non_negative)


def _age(worker) -> int:
    return age_on(worker.birth_date, clock.today())


class WorkerSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = text(40, required=True)
    id_number = IdNumber(required=True)
    sex = fields.String(dump_only=True)
    birth_date = fields.Date(dump_only=True)
    age = fields.Function(_age, dump_only=True)
    phone = Phone(required=True, allow_none=True)
    township_code = text(40, required=True)
    township_name = fields.Function(lambda w: w.township.name, dump_only=True)
    household_id = fields.Integer(load_default=None, allow_none=True)
    is_household_head = fields.Boolean(load_default=False)
    village = optional_text(60)
    category = fields.Enum(Category, by_value=True)
    dibao = fields.Boolean()
    tekun = fields.Boolean()
    helper_name = optional_text(40)
    helper_phone = Phone(allow_none=True)
    ability = fields.Enum(Ability, by_value=True, required=True)
    education = fields.Enum(Education, by_value=True, allow_none=True)
    health = fields.Enum(Health, by_value=True, load_default=Health.healthy)
    skills = fields.List(fields.String(validate=validate.Length(min=1, max=30)), load_default=list)
    skills_note = optional_text(200)
    wishes = fields.Nested(WishesSchema, load_default=lambda: {"scope": WishScope.anywhere})
    cares_for_children = fields.Boolean(load_default=False)
    cares_for_elderly = fields.Boolean(load_default=False)
    constraints_note = optional_text(200)
    status = fields.Enum(WorkerStatus, by_value=True, required=True)
    status_since = fields.Date(allow_none=True)
    status_reason = optional_text(200)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)

    dumped_from: ClassVar = {
        "township_code": "township.code",
        "helper_name": "household.helper_name",
        "helper_phone": "household.helper_phone",
    }

    @validates_schema
    def _category_or_household(self, data, partial=False, **_kwargs):
        """A new household needs its category; joining one takes the household's."""
        if partial:
            return
        if data.get("household_id") is None and data.get("category") is None:
            raise ValidationError("Missing data for required field.", "category")


class WorkerPatch(WorkerSchema):
    """A partial change: absent fields stay, and no defaults are filled in."""

    is_household_head = fields.Boolean()
    health = fields.Enum(Health, by_value=True)
    skills = fields.List(fields.String(validate=validate.Length(min=1, max=30)))
    wishes = fields.Nested(WishesPatch)
    cares_for_children = fields.Boolean()
    cares_for_elderly = fields.Boolean()

    class Meta:
        exclude = ("household_id",)


class WorkerRowSchema(WorkerSchema):
    """A worker in a list: the ID number is masked; open the worker to read it."""

    id_number = fields.Function(lambda w: mask_id_number(w.id_number))


class MaskedWorkerSchema(Schema):
    """What an employer may know of a candidate: no poverty or health facts, masked numbers."""

    id = fields.Integer()
    name = fields.String()
    id_number = fields.Function(lambda w: mask_id_number(w.id_number))
    phone = fields.Function(lambda w: mask_phone(w.phone) if w.phone else None)
    sex = fields.String()
    age = fields.Function(_age)
    township_name = fields.Function(lambda w: w.township.name)
    education = fields.Enum(Education, by_value=True, allow_none=True)
    ability = fields.Enum(Ability, by_value=True)
    skills = fields.List(fields.String())


class WorkerQuery(PageArgs):
    township_code = fields.String()
    status = fields.Enum(WorkerStatus, by_value=True)
    category = fields.Enum(Category, by_value=True)
    ability = fields.Enum(Ability, by_value=True)
    q = fields.String(validate=validate.Length(min=1, max=40))


WorkerPage = page_of(WorkerRowSchema, "WorkerPage")
