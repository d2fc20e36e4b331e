"""A desk clerk opens a seeking worker and sees the openings that suit her, with reasons."""

from datetime import timedelta

import pytest
import schemathesis
from schemathesis.checks import response_schema_conformance

from jobs_app import clock
from jobs_app.extensions import db
from tests import factories
from tests.factories import LONGJU


@pytest.fixture
def jobs(app, world):
    with app.app_context():
        seamstress = factories.worker(
            db.session, name="张秀英", skills=["缝纫"], wishes={"scope": "local", "min_wage": 2000}
        )
        welder = factories.worker(db.session, name="李建国", skills=["焊工"], township_code=LONGJU)
        sewing = factories.opening(
            db.session, employer_id=world.employer_a, title="缝纫工", skills=["缝纫"], board=True
        )
        far = factories.opening(
            db.session,
            employer_id=world.employer_b,
            title="焊工",
            skills=["焊工"],
            province="山东省",
            city="济宁市",
            township_code=None,
            wage_min=5500,
            wage_max=8000,
            start_date=clock.today() + timedelta(days=20),
        )
        db.session.commit()
        return {
            "seamstress": seamstress.id,
            "welder": welder.id,
            "sewing": sewing.id,
            "far": far.id,
        }


def test_desk_sees_matches_with_reasons_in_plain_chinese(as_role, jobs):
    answer = as_role("desk").get(f"/api/v1/workers/{jobs['seamstress']}/matches?limit=20")
    assert answer.status_code == 200, answer.json
    items = answer.json["items"]
    assert [item["opening_id"] for item in items] == [jobs["sewing"]]  # the far job breaks "local"
    codes = {reason["code"]: reason["text"] for reason in items[0]["reasons"]}
    assert "缝纫" in codes["skill_match"]
    english = (
        as_role("desk")
        .get(f"/api/v1/workers/{jobs['seamstress']}/matches", headers={"Accept-Language": "en"})
        .json
    )
    english_texts = {r["code"]: r["text"] for r in english["items"][0]["reasons"]}
    assert english_texts.keys() == codes.keys()
    assert all(any(c.isascii() and c.isalpha() for c in text) for text in english_texts.values())


def test_matches_read_the_worker_in_one_query_of_what_ranking_uses(as_role, jobs, sql_sent):
    desk = as_role("desk")
    first = desk.get(f"/api/v1/workers/{jobs['seamstress']}/matches").json  # indexes built
    with sql_sent() as statements:
        again = desk.get(f"/api/v1/workers/{jobs['seamstress']}/matches").json
    assert again == first
    [read] = [s for s in statements if s.startswith("SELECT") and "FROM worker" in s]
    assert "JOIN township" not in read  # her township is the index's place
    assert "helper_name" not in read and "id_number" not in read and "phone" not in read


def test_matches_are_best_first_and_limited(as_role, jobs):
    items = as_role("bureau").get(f"/api/v1/workers/{jobs['welder']}/matches?limit=1").json
    assert [item["opening_id"] for item in items["items"]] == [jobs["far"]]
    too_many = as_role("bureau").get(f"/api/v1/workers/{jobs['welder']}/matches?limit=101")
    assert too_many.status_code == 422


def test_matches_follow_who_may_see_the_worker(as_role, jobs):
    assert (
        as_role("other_desk").get(f"/api/v1/workers/{jobs['seamstress']}/matches").status_code
        == 404
    )
    assert (
        as_role("employer").get(f"/api/v1/workers/{jobs['seamstress']}/matches").status_code == 403
    )


def test_candidates_for_an_opening_are_limited_to_the_desks_township(as_role, jobs):
    bureau = as_role("bureau").get(f"/api/v1/openings/{jobs['far']}/candidates").json
    assert [item["worker_id"] for item in bureau["items"]] == [jobs["welder"]]
    assert "*" in bureau["items"][0]["worker"]["id_number"]
    desk = as_role("desk").get(f"/api/v1/openings/{jobs['far']}/candidates").json
    assert desk["items"] == []
    other = as_role("other_desk").get(f"/api/v1/openings/{jobs['far']}/candidates").json
    assert [item["worker_id"] for item in other["items"]] == [jobs["welder"]]
    assert (
        as_role("employer").get(f"/api/v1/openings/{jobs['sewing']}/candidates").status_code == 403
    )


def test_a_hire_takes_the_worker_out_of_every_ranking(as_role, jobs):
    desk = as_role("desk")
    referral = desk.post(
        "/api/v1/referrals", json={"worker_id": jobs["seamstress"], "opening_id": jobs["sewing"]}
    ).json
    start = (clock.today() + timedelta(days=14)).isoformat()
    desk.post(f"/api/v1/referrals/{referral['id']}/hire", json={"start_date": start, "wage": 2500})
    assert desk.get(f"/api/v1/workers/{jobs['seamstress']}/matches").json["items"] == []
    candidates = as_role("bureau").get(f"/api/v1/openings/{jobs['sewing']}/candidates").json
    assert jobs["seamstress"] not in [item["worker_id"] for item in candidates["items"]]


def test_an_opening_she_is_referred_to_is_not_suggested_again(as_role, jobs):
    desk = as_role("desk")
    desk.post(
        "/api/v1/referrals", json={"worker_id": jobs["seamstress"], "opening_id": jobs["sewing"]}
    )
    assert desk.get(f"/api/v1/workers/{jobs['seamstress']}/matches").json["items"] == []


def test_a_recent_index_is_reused_and_a_stale_one_rebuilt(app, as_role, world, jobs):
    """Under load the opening index is trusted for a second without asking the database;
    after that a new opening shows, and the cached rows survive the request that built them."""
    from jobs_app.services import matching

    desk = as_role("desk")
    url = f"/api/v1/workers/{jobs['seamstress']}/matches?limit=20"
    matching.configure(index_max_age=3600)
    try:
        assert [i["opening_id"] for i in desk.get(url).json["items"]] == [jobs["sewing"]]
        with app.app_context():
            another = factories.opening(
                db.session,
                employer_id=world.employer_a,
                title="缝纫工二",
                skills=["缝纫"],
                board=True,
            )
            db.session.commit()
            another_id = another.id
        # Within the max age the old index answers (and its rows are still readable).
        assert [i["opening_id"] for i in desk.get(url).json["items"]] == [jobs["sewing"]]
        matching.configure(index_max_age=0)
        fresh = {i["opening_id"] for i in desk.get(url).json["items"]}
        assert fresh == {jobs["sewing"], another_id}
    finally:
        matching.configure(index_max_age=0)


def test_matches_answer_as_the_api_document_says(app, world, jobs):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema["/api/v1/workers/{worker_id}/matches"]["GET"]
    case = operation.Case(path_parameters={"worker_id": jobs["seamstress"]}, query={"limit": 5})
    answer = case.call(headers={"Authorization": f"Bearer {world.tokens['desk']}"})
    assert answer.status_code == 200 and answer.json()["items"]
    case.validate_response(answer, checks=[response_schema_conformance])
