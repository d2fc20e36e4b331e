"""Accounts, login and the audit log."""

from __future__ import annotations

from typing import ClassVar

from marshmallow import fields, validate

from jobs_app.models import Role
from routes.schemas.common import PageArgs, Schema, page_of


class LoginIn(Schema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=60))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))


class UserSchema(Schema):
    id = fields.Integer(dump_only=True)
    username = fields.String(required=True, validate=validate.Length(min=3, max=60))
    password = fields.String(load_only=True, required=True)
    role = fields.Enum(Role, by_value=True, required=True)
    township_code = fields.String(allow_none=True, load_default=None)
    employer_id = fields.Integer(allow_none=True, load_default=None)
    active = fields.Boolean(dump_only=True)

    dumped_from: ClassVar = {"township_code": "township.code"}


class MeSchema(UserSchema):
    township_name = fields.Function(lambda u: u.township.name if u.township else None)
    employer_name = fields.Function(lambda u: u.employer.name if u.employer else None)
    csrf_token = fields.String(dump_only=True)


class ActiveIn(Schema):
    active = fields.Boolean(required=True)


class AuditEntrySchema(Schema):
    id = fields.Integer()
    at = fields.DateTime()
    user_id = fields.Integer(allow_none=True)
    action = fields.String()
    entity = fields.String()
    entity_id = fields.Integer(allow_none=True)
    detail = fields.Dict()


class AuditQuery(PageArgs):
    entity = fields.String()
    entity_id = fields.Integer()
    action = fields.String()


UserPage = page_of(UserSchema, "UserPage")
AuditPage = page_of(AuditEntrySchema, "AuditPage")
