"""An employer's openings, as its staff read them."""

from jobs_app.extensions import db
from tests import factories


def test_an_employer_reads_its_openings_in_one_query_with_its_name(app, as_role, world, sql_sent):
    with app.app_context():
        factories.opening(db.session, employer_id=world.employer_a)
        db.session.commit()
    employer = as_role("employer")
    employer.get("/api/v1/openings")  # the bearer token is looked up and remembered
    with sql_sent() as statements:
        listed = employer.get("/api/v1/openings").json["items"]
    assert len(listed) == 1 and listed[0]["employer_name"] and listed[0]["employer_kind"]
    [page] = statements  # one page, not full: no count, and no query per opening
    assert page.count("JOIN township") == 1  # the opening's; the employer's is never shown
