"""Shared fields, validators and the paged-list envelope."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from jobs_app import clock
from jobs_app.identity import InvalidIdNumber, is_valid_phone, parse_id_number
from jobs_app.places import canonical_province
from jobs_app.services.paging import MAX_PER_PAGE


def validate_id_number(value: str) -> None:
    try:
        parse_id_number(value, clock.today())
    except InvalidIdNumber as error:
        raise ValidationError(str(error)) from None


def validate_phone(value: str) -> None:
    if not is_valid_phone(value):
        raise ValidationError("Not a valid mainland mobile number.")


def validate_province(value: str) -> None:
    if canonical_province(value) is None:
        raise ValidationError("Unknown province.")


def non_negative(value: int) -> None:
    if value is not None and value < 0:
        raise ValidationError("Must not be negative.")


class IdNumber(fields.String):
    """An ID number, trimmed and with a capital X, checked against GB 11643."""

    def __init__(self, **kwargs):
        super().__init__(validate=validate_id_number, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip().upper()


class Phone(fields.String):
    def __init__(self, **kwargs):
        super().__init__(validate=validate_phone, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


class Province(fields.String):
    """A province, stored by its full name whatever spelling the clerk used."""

    def __init__(self, **kwargs):
        super().__init__(validate=validate_province, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        return canonical_province(text) or text


def text(max_length: int, **kwargs) -> fields.String:
    return fields.String(validate=validate.Length(min=1, max=max_length), **kwargs)


def optional_text(max_length: int) -> fields.String:
    return fields.String(validate=validate.Length(max=max_length), allow_none=True)


class PageArgs(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE))


def page_of(item_schema: type[Schema], name: str) -> type[Schema]:
    """The list envelope ``{"items", "total", "page", "per_page"}`` around one item schema."""
    return type(
        name,
        (Schema,),
        {
            "items": fields.List(fields.Nested(item_schema)),
            "total": fields.Integer(),
            "page": fields.Integer(),
            "per_page": fields.Integer(),
        },
    )


class DatedReason(Schema):
    """Body of decline and no-show: an optional day and reason."""

    date = fields.Date(load_default=None, allow_none=True)
    reason = optional_text(200)
