"""Recounts, the zero-clearing list and follow-ups."""

from __future__ import annotations

from marshmallow import fields, validate

from jobs_app.models import FollowUpKind
from routes.schemas.common import PageArgs, Schema, optional_text

PERIOD = validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$", error="A month is written YYYY-MM.")


class RecountIn(Schema):
    period = fields.String(required=True, validate=PERIOD)


class RecountRow(Schema):
    period = fields.String()
    as_of = fields.Date()
    workers = fields.Integer()
    run_at = fields.DateTime()
    trigger = fields.String()


class RecountList(Schema):
    items = fields.List(fields.Nested(RecountRow))


class RecountFigures(Schema):
    """Figure sets share their keys: workers, ability_*, employed, each status, newly_*."""

    period = fields.String()
    as_of = fields.Date()
    run_at = fields.DateTime()
    summary = fields.Dict(keys=fields.String(), values=fields.Integer(allow_none=True))
    previous_period = fields.String()
    previous = fields.Dict(allow_none=True)
    last_year_period = fields.String()
    last_year = fields.Dict(allow_none=True)
    by_township = fields.List(fields.Dict())
    by_category = fields.List(fields.Dict())


class FollowUpIn(Schema):
    kind = fields.Enum(FollowUpKind, by_value=True, required=True)
    done_on = fields.Date(load_default=None, allow_none=True)
    note = optional_text(500)


class FollowUpSchema(FollowUpIn):
    id = fields.Integer()
    worker_id = fields.Integer()
    created_at = fields.DateTime()


class FollowUpList(Schema):
    items = fields.List(fields.Nested(FollowUpSchema))


class Suggestion(Schema):
    opening_id = fields.Integer()
    title = fields.String()
    employer_name = fields.String()
    score = fields.Float()
    reasons = fields.List(fields.Dict())


class SeekingWorkerSchema(Schema):
    worker_id = fields.Integer()
    name = fields.String()
    phone = fields.String(allow_none=True)
    township_code = fields.String()
    township_name = fields.String()
    village = fields.String(allow_none=True)
    category = fields.String()
    days_seeking = fields.Integer()
    seeking_since = fields.Date()
    helper_name = fields.String(allow_none=True)
    helper_phone = fields.String(allow_none=True)
    last_follow_up = fields.Nested(FollowUpSchema, allow_none=True)
    suggestions = fields.List(fields.Nested(Suggestion))


class SeekingPage(Schema):
    items = fields.List(fields.Nested(SeekingWorkerSchema))
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


class SeekingQuery(PageArgs):
    township_code = fields.String()
