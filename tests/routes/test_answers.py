"""Answers are written by orjson and read as Flask's own JSON would be."""

import dataclasses
import json
from datetime import date, datetime
from decimal import Decimal

from flask.json.provider import DefaultJSONProvider


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
