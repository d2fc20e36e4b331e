"""Answers are written by orjson and read as Flask's own JSON would be; schemas dump what
marshmallow would."""

import dataclasses
import json
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

import marshmallow
from flask.json.provider import DefaultJSONProvider
from marshmallow import fields

from routes.schemas.common import Schema
from routes.schemas.openings import OpeningSchema
from routes.schemas.referrals import MaskedReferralSchema, ReferralQuery, ReferralSchema
from routes.schemas.workers import MaskedWorkerSchema, WorkerRowSchema, WorkerSchema
from tests import factories


@dataclasses.dataclass
class Seat:
    township: str
    seat: int


def test_answers_read_as_flasks_json_with_chinese_unescaped(app):
    value = {
        "姓名": "张秀英", "b": [1, 2.5, None, True], "a": {"z": 1, "y": Decimal("4000.50")},
        "day": date(2020, 6, 9), "at": datetime(2020, 6, 9, 8, 30), "seat": Seat("龙沙镇", 3),
    }  # fmt: skip
    with app.app_context():
        written = app.json.dumps(value)
        flasks = DefaultJSONProvider(app).dumps(value)
    assert json.loads(written) == json.loads(flasks)
    assert "张秀英" in written and list(json.loads(written)) == sorted(json.loads(flasks))


def test_an_api_answer_is_utf8_json(as_role):
    answer = as_role("desk").get("/api/v1/townships")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert answer.data.endswith(b"\n") and "镇".encode() in answer.data
    assert answer.json == json.loads(answer.data.decode("utf-8"))


def _marshmallows_way(schema, obj):
    """What marshmallow's own Schema writes for one object, nested schemas included."""
    answer = {}
    for attr, field in schema.dump_fields.items():
        if isinstance(field, fields.Nested) and getattr(obj, attr) is not None:
            value = _marshmallows_way(field.schema, getattr(obj, attr))
        elif isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
            value = [_marshmallows_way(field.inner.schema, item) for item in getattr(obj, attr)]
        else:
            value = field.serialize(attr, obj, accessor=schema.get_attribute)
        if value is not marshmallow.missing:
            answer[field.data_key or attr] = value
    return answer


def test_answers_dump_the_same_values_as_marshmallow_would(app, session, world):
    """Our schemas read plain attributes directly (routes/schemas/common.Schema); what they
    write must be what marshmallow's generic reading writes, related rows' fields included."""
    worker = factories.worker(session, name="张秀英", phone="13912345678", skills=["电焊"])
    opening = factories.opening(session, employer_id=world.employer_a)
    referral = factories.referral(session, worker_id=worker.id, opening_id=opening.id)
    session.flush()
    session.expire_all()  # as a request reads them: from their rows
    worker, opening, referral = (
        session.get(type(row), row.id) for row in (worker, opening, referral)
    )
    for schema, obj in (
        (WorkerSchema(), worker), (WorkerRowSchema(), worker), (MaskedWorkerSchema(), worker),
        (OpeningSchema(), opening),
        (ReferralSchema(), referral), (MaskedReferralSchema(), referral),
    ):  # fmt: skip
        written = schema.dump(obj)
        assert written == _marshmallows_way(schema, obj), type(schema).__name__
    assert WorkerSchema().dump(worker)["township_code"] == worker.township.code
    assert WorkerSchema().dump(worker)["helper_name"] == worker.household.helper_name


def test_a_field_with_a_default_or_a_key_of_its_own_dumps_as_marshmallow_would():
    class Shown(Schema):
        name = fields.String(data_key="姓名")
        wage = fields.Integer(dump_default=4000)
        city = fields.String(attribute="place.city")

    row = SimpleNamespace(name="李", place=SimpleNamespace(city="宁波"))
    assert Shown().dump(row) == {"姓名": "李", "wage": 4000, "city": "宁波"}
    assert Shown(many=True).dump([row, row]) == [Shown().dump(row)] * 2


def test_argument_schemas_are_built_once_not_per_request(as_role, monkeypatch):
    built = []
    original = ReferralQuery.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(ReferralQuery, "__init__", counting)
    employer = as_role("employer")
    for page in (1, 2):
        assert employer.get("/api/v1/referrals", query_string={"page": page}).status_code == 200
    assert built == []
