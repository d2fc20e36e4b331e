"""Two app instances on one database, as behind a load balancer: a desk's session made on
one works on the other, what one writes the other reads, and headcount holds across both."""

from datetime import timedelta

from jobs_app import clock
from jobs_app.extensions import db
from tests import factories
from tests.factories import PASSWORD
from tests.routes.test_races import all_at_once


def test_key_flows_across_two_instances(app, world, another_instance):
    left, right = another_instance(), another_instance()
    desk_left, desk_right = left.test_client(), right.test_client()
    assert (
        desk_left.post(
            "/api/v1/auth/login", json={"username": "desk", "password": PASSWORD}
        ).status_code
        == 200
    )
    desk_right.set_cookie("session", desk_left.get_cookie("session").value)
    assert desk_right.get("/api/v1/auth/me").json["username"] == "desk"
    with app.app_context():
        opening = factories.opening(db.session, employer_id=world.employer_a, headcount=3)
        db.session.commit()
        opening_id = opening.id
    worker = desk_left.post(
        "/api/v1/workers",
        json={
            "name": "跨实例",
            "id_number": factories.id_number(),
            "phone": "13900001111",
            "township_code": factories.LONGSHA,
            "category": "monitored",
            "ability": "ordinary",
            "status": "seeking",
        },
    ).json
    assert desk_right.get(f"/api/v1/workers/{worker['id']}").json["name"] == "跨实例"
    referral = desk_right.post(
        "/api/v1/referrals", json={"worker_id": worker["id"], "opening_id": opening_id}
    ).json
    start = (clock.today() + timedelta(days=7)).isoformat()
    hired = desk_left.post(
        f"/api/v1/referrals/{referral['id']}/hire", json={"start_date": start, "wage": 2600}
    )
    assert hired.status_code == 200 and hired.json["status"] == "hired"
    assert desk_left.post("/api/v1/auth/logout").status_code == 204
    assert desk_right.get("/api/v1/auth/me").status_code == 401  # logged out everywhere


def test_headcount_holds_when_hires_race_on_two_instances(
    app, world, is_postgres, another_instance
):
    left, right = another_instance(), another_instance()
    with app.app_context():
        opening = factories.opening(db.session, employer_id=world.employer_a, headcount=2)
        referral_ids = [
            factories.referral(
                db.session, worker_id=factories.worker(db.session).id, opening_id=opening.id
            ).id
            for _ in range(8)
        ]
        db.session.commit()
    token = world.tokens["bureau"]
    start = (clock.today() + timedelta(days=7)).isoformat()

    def hire(instance, referral_id):
        client = instance.test_client()
        return lambda: (
            client.post(
                f"/api/v1/referrals/{referral_id}/hire",
                json={"start_date": start, "wage": 2500},
                headers={"Authorization": f"Bearer {token}"},
            ).status_code
        )

    codes = all_at_once([hire(left if n % 2 else right, r) for n, r in enumerate(referral_ids)])
    assert codes.count(200) <= 2
    if is_postgres:
        assert codes.count(200) == 2 and codes.count(409) == 6
