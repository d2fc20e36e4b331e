"""Every operation of the OpenAPI document against every role, from the access table.

A route missing from ``routes.access.ACCESS`` fails here (and answers 403 to everybody in
the service), so no new route escapes the table. A role the table refuses gets 403 before
its request is even parsed; a role it admits never gets 401 or 403 on the objects of its
own scope (the services then apply object scope: see test_access.py). Field-level: nothing
an employer may read carries poverty category, health, or a full ID number or phone.
"""

import re

import pytest

from jobs_app import background
from jobs_app.extensions import db
from jobs_app.models import Worker
from routes.access import ACCESS, PUBLIC
from tests import factories

ROLES = ("desk", "employer", "bureau", "admin")


@pytest.fixture
def spec(app):
    return app.test_client().get("/api/v1/openapi.json").json


def operations(spec) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "patch", "put", "delete")
    ]


@pytest.fixture
def scope(app, world):
    """One object of each kind inside the desk's township and employer A (token 0 does not
    exist, so no role's own token is revoked halfway through the run)."""
    with app.app_context():
        worker = factories.worker(db.session)
        opening = factories.opening(db.session, employer_id=world.employer_a, headcount=9)
        referral = factories.referral(db.session, worker_id=worker.id, opening_id=opening.id)
        db.session.commit()
        return {
            "worker_id": worker.id, "household_id": worker.household_id,
            "employer_id": world.employer_a, "opening_id": opening.id,
            "referral_id": referral.id, "visit_id": 1, "user_id": 1, "run_id": 1,
            "trip_id": 1, "period": "2026-11", "token_id": 0,
        }  # fmt: skip


def call(client, method: str, path: str, scope: dict):
    url = re.sub(r"{(\w+)}", lambda m: str(scope[m[1]]), path)
    answer = client.open(url, method=method, json={} if method != "GET" else None)
    answer.close()
    return answer.status_code


def test_every_operation_has_a_row_and_every_row_an_operation(spec):
    documented = set(operations(spec))
    assert documented - ACCESS.keys() == set(), "operations missing from routes.access.ACCESS"
    assert ACCESS.keys() - documented == set(), "rows for operations that no longer exist"


def test_each_role_is_admitted_or_refused_as_the_table_says(app, as_role, spec, scope):
    wrong = {}
    for method, path in operations(spec):
        allowed = ACCESS[(method, path)]
        anonymous = call(app.test_client(), method, path, scope)
        if allowed is not PUBLIC and anonymous != 401:
            wrong[(method, path, "anonymous")] = anonymous
        for role in ROLES:
            code = call(as_role(role), method, path, scope)
            background.wait_all(app)
            admitted = allowed is PUBLIC or any(r.value == role for r in allowed)
            if admitted == (code in (401, 403)):
                wrong[(method, path, role)] = code
    assert wrong == {}


def test_an_employer_never_receives_poverty_health_or_full_numbers(app, as_role, spec, scope):
    with app.app_context():
        worker = db.session.get(Worker, scope["worker_id"])
        secrets_of_worker = (worker.id_number, worker.phone)
    employer = as_role("employer")
    for method, path in operations(spec):
        allowed = ACCESS[(method, path)]
        if method != "GET" or allowed is PUBLIC or all(r.value != "employer" for r in allowed):
            continue
        url = re.sub(r"{(\w+)}", lambda m: str(scope[m[1]]), path)
        body = employer.get(url).get_data(as_text=True)
        for secret in secrets_of_worker:
            assert secret not in body, url
        for field in ('"category"', '"health"', '"dibao"', '"tekun"'):
            assert field not in body, (url, field)
