"""Shared fields, validators and the paged-list envelope."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import marshmallow
from marshmallow import ValidationError, fields, missing, validate

from jobs_app import clock
from jobs_app.identity import InvalidIdNumber, is_valid_phone, parse_id_number
from jobs_app.places import canonical_province
from jobs_app.services.paging import MAX_PER_PAGE


class Schema(marshmallow.Schema):
    """marshmallow's Schema, dumping a field that reads ``obj.<name>`` with one ``getattr``.

    marshmallow reads every field's value through four generic calls (field, schema, utils,
    key), which were most of what dumping cost: an employer's referral list, openings page or
    a full search page answered 13–19 % faster reading plain attributes directly and passing
    str / int / bool / None values through as they are (bench/request_cost.py). The
    same values come out: a field with its own way of reading (``attribute=``, a custom
    ``get_value``, a Function) and a schema that overrides ``get_attribute`` go marshmallow's
    way. ``dumped_from`` names fields that are read from a related row (``township.code``)
    yet loaded under their own name.
    """

    dumped_from: ClassVar[dict[str, str]] = {}

    def get_attribute(self, obj: Any, attr: str, default: Any) -> Any:
        path = self.dumped_from.get(attr)
        if path is None:
            return super().get_attribute(obj, attr, default)
        for name in path.split("."):
            obj = getattr(obj, name)
            if obj is None:
                return None
        return obj

    def _serialize(self, obj: Any, *, many: bool = False):
        if many and obj is not None:
            return [self._serialize(item) for item in obj]
        if obj is None or isinstance(obj, Mapping):
            return super()._serialize(obj)
        answer = self.dict_class()
        for key, attr, field, direct, unchanged in self._dump_plan():
            value = getattr(obj, attr, missing) if direct else missing
            if value is missing:  # marshmallow's way, and its dump_default
                value = field.serialize(attr, obj, accessor=self.get_attribute)
            elif type(value) not in unchanged:
                value = field._serialize(value, attr, obj)
            if value is not missing:
                answer[key] = value
        return answer

    def _dump_plan(self) -> list[tuple[str, str, fields.Field, bool, tuple[type, ...]]]:
        """Per schema instance (smorest keeps one per response), each dumped field's key,
        attribute and field; whether it reads a plain attribute; and the types of value it
        writes unchanged."""
        plan = self.__dict__.get("_plan")
        if plan is None:
            plain_schema = type(self).get_attribute is Schema.get_attribute
            plan = self._plan = [
                (
                    attr if field.data_key is None else field.data_key,
                    attr,
                    field,
                    plain_schema
                    and attr not in self.dumped_from
                    and _reads_plain_attribute(field, attr),
                    _written_unchanged(field),
                )
                for attr, field in self.dump_fields.items()
            ]
        return plan


# marshmallow's fields that write a value of this type as it is.
UNCHANGED = {fields.String: str, fields.Integer: int, fields.Boolean: bool}


def _reads_plain_attribute(field: fields.Field, attr: str) -> bool:
    return (
        field._CHECK_ATTRIBUTE
        and field.attribute is None
        and type(field).get_value is fields.Field.get_value
        and "." not in attr
    )


def _written_unchanged(field: fields.Field) -> tuple[type, ...]:
    """The types of value ``field`` writes as they are: None by every field of marshmallow's
    own writing, and a str by a String field (an int by an Integer, …)."""
    writes = type(field)._serialize
    if writes.__module__ != fields.__name__:
        return ()
    for base, kind in UNCHANGED.items():
        if writes is base._serialize and not getattr(field, "as_string", False):
            return (type(None), kind)
    return (type(None),)


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
