"""Who may do what (SPEC's table of users): every role against every resource.

Each row is one operation and the answer each role must get. A desk asking for another
township's object gets 404 (it does not exist for them); a role that may never use a kind
of resource gets 403.
"""

from datetime import date, timedelta
from itertools import count

import pytest

from jobs_app import clock
from jobs_app.extensions import db
from jobs_app.identity import make_id_number
from jobs_app.models import TokenKind, User
from jobs_app.services import users
from tests import factories
from tests.factories import LONGSHA

ROLES = ("desk", "other_desk", "employer", "other_employer", "bureau", "admin")
_serial = count(300)


@pytest.fixture
def objects(app, world):
    """A worker, household, opening and referral of 龙沙镇 and employer A; a spare API token
    of the bureau's."""
    with app.app_context():
        worker = factories.worker(db.session)
        opening = factories.opening(db.session, employer_id=world.employer_a, headcount=50)
        referral = factories.referral(db.session, worker_id=worker.id, opening_id=opening.id)
        bureau = db.session.scalar(db.select(User).where(User.username == "bureau"))
        token, _ = users.new_token(db.session, user_id=bureau.id, kind=TokenKind.bearer)
        db.session.commit()
        return {
            "worker": worker.id, "household": worker.household_id, "opening": opening.id,
            "referral": referral.id, "employer": world.employer_a, "user": bureau.id,
            "token": token.id,
        }  # fmt: skip


def new_worker():
    birth = date(1980, 1, 1) + timedelta(days=next(_serial))
    return {"name": "测试", "id_number": make_id_number("500101", birth, 222),
            "phone": "13800000000", "township_code": LONGSHA, "category": "lifted",
            "ability": "ordinary", "status": "seeking"}  # fmt: skip


def new_opening(ids):
    return {"employer_id": ids["employer"], "title": "包装工", "headcount": 3, "wage_min": 2000,
            "wage_max": 2600, "province": "重庆市", "city": "万州区", "township_code": LONGSHA,
            "start_date": (clock.today() + timedelta(days=30)).isoformat()}  # fmt: skip


def fresh_referral(app, ids):
    """Each role refers a worker of its own making, so the rows never collide."""
    with app.app_context():
        worker = factories.worker(db.session)
        db.session.commit()
        return {"worker_id": worker.id, "opening_id": ids["opening"]}


# (method, path template, body maker, {role: expected status})
MATRIX = [
    ("get", "/api/v1/townships", None, dict.fromkeys(ROLES, 200)),
    ("get", "/api/v1/households", None,
     {"desk": 200, "other_desk": 200, "employer": 403, "other_employer": 403, "bureau": 200,
      "admin": 403}),
    ("get", "/api/v1/households/{household}", None,
     {"desk": 200, "other_desk": 404, "employer": 403, "other_employer": 403, "bureau": 200,
      "admin": 403}),
    ("post", "/api/v1/households", lambda app, ids: {"township_code": LONGSHA,
                                                     "category": "marginal"},
     {"desk": 201, "other_desk": 422, "employer": 403, "other_employer": 403, "bureau": 201,
      "admin": 403}),
    ("get", "/api/v1/workers", None,
     {"desk": 200, "other_desk": 200, "employer": 403, "other_employer": 403, "bureau": 200,
      "admin": 403}),
    ("get", "/api/v1/workers/{worker}", None,
     {"desk": 200, "other_desk": 404, "employer": 403, "other_employer": 403, "bureau": 200,
      "admin": 403}),
    ("patch", "/api/v1/workers/{worker}", lambda app, ids: {"skills_note": "会开叉车"},
     {"desk": 200, "other_desk": 404, "employer": 403, "other_employer": 403, "bureau": 200,
      "admin": 403}),
    ("post", "/api/v1/workers", lambda app, ids: new_worker(),
     {"desk": 201, "other_desk": 422, "employer": 403, "other_employer": 403, "bureau": 201,
      "admin": 403}),
    ("get", "/api/v1/employers", None,
     {"desk": 200, "other_desk": 200, "employer": 200, "other_employer": 200, "bureau": 200,
      "admin": 403}),
    ("get", "/api/v1/employers/{employer}", None,
     {"desk": 200, "other_desk": 200, "employer": 200, "other_employer": 404, "bureau": 200,
      "admin": 403}),
    ("post", "/api/v1/employers", lambda app, ids: {"name": "新单位", "kind": "enterprise",
                                                    "province": "广东省", "city": "东莞市"},
     {"desk": 403, "other_desk": 403, "employer": 403, "other_employer": 403, "bureau": 201,
      "admin": 403}),
    ("patch", "/api/v1/employers/{employer}", lambda app, ids: {"contact_name": "李经理"},
     {"desk": 403, "other_desk": 403, "employer": 200, "other_employer": 404, "bureau": 200,
      "admin": 403}),
    ("get", "/api/v1/openings", None,
     {"desk": 200, "other_desk": 200, "employer": 200, "other_employer": 200, "bureau": 200,
      "admin": 403}),
    ("get", "/api/v1/openings/{opening}", None,
     {"desk": 200, "other_desk": 200, "employer": 200, "other_employer": 404, "bureau": 200,
      "admin": 403}),
    ("post", "/api/v1/openings", lambda app, ids: new_opening(ids),
     {"desk": 403, "other_desk": 403, "employer": 201, "other_employer": 422, "bureau": 201,
      "admin": 403}),
    ("patch", "/api/v1/openings/{opening}", lambda app, ids: {"wage_max": 3200},
     {"desk": 403, "other_desk": 403, "employer": 200, "other_employer": 404, "bureau": 200,
      "admin": 403}),
    ("get", "/api/v1/referrals", None,
     {"desk": 200, "other_desk": 200, "employer": 200, "other_employer": 200, "bureau": 200,
      "admin": 403}),
    ("get", "/api/v1/referrals/{referral}", None,
     {"desk": 200, "other_desk": 404, "employer": 200, "other_employer": 404, "bureau": 200,
      "admin": 403}),
    ("post", "/api/v1/referrals", fresh_referral,
     {"desk": 201, "other_desk": 422, "employer": 403, "other_employer": 403, "bureau": 201,
      "admin": 403}),
    ("get", "/api/v1/visits", None,
     {"desk": 200, "other_desk": 200, "employer": 403, "other_employer": 403, "bureau": 200,
      "admin": 403}),
    ("get", "/api/v1/users", None,
     {"desk": 403, "other_desk": 403, "employer": 403, "other_employer": 403, "bureau": 403,
      "admin": 200}),
    ("get", "/api/v1/audit", None,
     {"desk": 403, "other_desk": 403, "employer": 403, "other_employer": 403, "bureau": 200,
      "admin": 403}),
    ("get", "/api/v1/tokens", None, dict.fromkeys(ROLES, 200)),
    ("post", "/api/v1/tokens", lambda app, ids: {"label": "台账同步"}, dict.fromkeys(ROLES, 201)),
    ("get", "/api/v1/users/{user}/tokens", None,
     {"desk": 403, "other_desk": 403, "employer": 403, "other_employer": 403, "bureau": 403,
      "admin": 200}),
    ("delete", "/api/v1/tokens/{token}", None,
     {"desk": 404, "other_desk": 404, "employer": 404, "other_employer": 404, "bureau": 204,
      "admin": 204}),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "body", "expected"), MATRIX,
                         ids=[f"{m} {p}" for m, p, _, _ in MATRIX])  # fmt: skip
def test_each_role_gets_what_its_role_allows(app, as_role, objects, method, path, body, expected):
    answers = {}
    for role in ROLES:
        call = getattr(as_role(role), method)
        kwargs = {"json": body(app, objects)} if body else {}
        answers[role] = call(path.format(**objects), **kwargs).status_code
    assert answers == expected


def test_lists_hold_only_what_the_role_may_see(app, as_role, objects):
    assert as_role("other_desk").get("/api/v1/workers").json["total"] == 0
    assert as_role("other_desk").get("/api/v1/referrals").json["total"] == 0
    assert as_role("other_employer").get("/api/v1/openings").json["total"] == 0
    employers = as_role("employer").get("/api/v1/employers").json["items"]
    assert [e["id"] for e in employers] == [objects["employer"]]


def test_employer_cannot_change_its_own_kind_or_certification(as_role, objects):
    answer = as_role("employer").patch(
        f"/api/v1/employers/{objects['employer']}", json={"workshop_certified": True}
    )
    assert answer.status_code == 403
