"""Users mint, list and revoke their own API tokens; the administrator revokes anyone's."""

from datetime import datetime, timedelta

import time_machine

from jobs_app import clock
from jobs_app.extensions import db
from jobs_app.models import AuthToken
from tests.factories import PASSWORD


def bearer(app, secret: str):
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def mint(client, label="台账同步", **extra):
    return client.post("/api/v1/tokens", json={"label": label, **extra})


def audit_of(as_role, action: str) -> list[dict]:
    query = {"entity": "auth_token", "action": action}
    return as_role("bureau").get("/api/v1/audit", query_string=query).json["items"]


def test_a_minted_token_is_shown_once_and_works_at_once(app, as_role):
    answer = mint(as_role("desk"))
    assert answer.status_code == 201
    assert answer.headers["Cache-Control"] == "no-store"  # the secret: kept by no cache
    assert answer.json["kind"] == "bearer" and answer.json["label"] == "台账同步"
    assert answer.json["revoked_at"] is None
    me = bearer(app, answer.json["token"]).get("/api/v1/auth/me")
    assert me.status_code == 200 and me.json["username"] == "desk"


def test_the_list_holds_the_callers_tokens_and_never_a_secret(app, as_role):
    secret = mint(as_role("desk")).json["token"]
    mint(as_role("employer"), label="别人的")
    listed = as_role("desk").get("/api/v1/tokens").json
    assert listed["total"] == 2  # the world's token and the one just minted
    assert [t["label"] for t in listed["items"]] == ["台账同步", None]
    assert {"id", "kind", "label", "created_at", "expires_at", "revoked_at"} == set(
        listed["items"][0]
    )
    with app.app_context():
        digests = db.session.scalars(db.select(AuthToken.digest)).all()
    body = as_role("desk").get("/api/v1/tokens").get_data(as_text=True)
    assert secret not in body and all(digest not in body for digest in digests)


def test_a_revoked_token_is_refused_on_the_next_request(app, as_role):
    minted = mint(as_role("desk")).json
    holder = bearer(app, minted["token"])
    assert holder.get("/api/v1/workers").status_code == 200
    assert holder.delete(f"/api/v1/tokens/{minted['id']}").status_code == 204
    assert holder.get("/api/v1/workers").status_code == 401
    listed = as_role("desk").get("/api/v1/tokens").json["items"]
    assert next(t for t in listed if t["id"] == minted["id"])["revoked_at"] is not None


def test_someone_elses_token_is_not_found_and_keeps_working(app, as_role):
    minted = mint(as_role("employer")).json
    for role in ("desk", "other_employer", "bureau"):
        assert as_role(role).delete(f"/api/v1/tokens/{minted['id']}").status_code == 404
    assert as_role("desk").delete("/api/v1/tokens/999999").status_code == 404
    assert bearer(app, minted["token"]).get("/api/v1/auth/me").status_code == 200


def test_the_admin_lists_and_revokes_a_users_tokens(app, as_role):
    minted = mint(as_role("employer"), label="出租车间电脑").json
    user_id = as_role("employer").get("/api/v1/auth/me").json["id"]
    admin = as_role("admin")
    listed = admin.get(f"/api/v1/users/{user_id}/tokens").json["items"]
    assert "出租车间电脑" in [t["label"] for t in listed]
    assert admin.delete(f"/api/v1/tokens/{minted['id']}").status_code == 204
    assert bearer(app, minted["token"]).get("/api/v1/auth/me").status_code == 401
    assert admin.get("/api/v1/users/999999/tokens").status_code == 404


def test_creation_and_revocation_are_in_the_audit_log_once(app, as_role):
    minted = mint(as_role("desk")).json
    as_role("desk").delete(f"/api/v1/tokens/{minted['id']}")
    as_role("desk").delete(f"/api/v1/tokens/{minted['id']}")  # again: nothing new
    created, revoked = audit_of(as_role, "create"), audit_of(as_role, "revoke")
    assert [e["entity_id"] for e in created] == [minted["id"]]
    assert [e["entity_id"] for e in revoked] == [minted["id"]]
    assert revoked[0]["detail"]["label"] == "台账同步"
    assert minted["token"] not in str(created + revoked)


def test_a_login_session_can_be_ended_from_elsewhere(app, as_role):
    browser = app.test_client()
    login = {"username": "bureau", "password": PASSWORD}
    assert browser.post("/api/v1/auth/login", json=login).status_code == 200
    listed = as_role("bureau").get("/api/v1/tokens").json["items"]
    session_id = next(t["id"] for t in listed if t["kind"] == "session")
    assert as_role("bureau").delete(f"/api/v1/tokens/{session_id}").status_code == 204
    assert browser.get("/api/v1/auth/me").status_code == 401


def test_a_token_dies_when_it_expires(app, as_role):
    expires = (clock.now() + timedelta(days=1)).replace(microsecond=0)
    minted = mint(as_role("desk"), expires_at=expires.isoformat()).json
    listed = as_role("desk").get("/api/v1/tokens").json["items"]
    assert datetime.fromisoformat(listed[0]["expires_at"]) == expires
    holder = bearer(app, minted["token"])
    assert holder.get("/api/v1/auth/me").status_code == 200
    with time_machine.travel(expires + timedelta(seconds=1), tick=False):
        assert holder.get("/api/v1/auth/me").status_code == 401


def test_a_token_needs_a_label_and_a_future_expiry_in_beijing_time(as_role):
    desk = as_role("desk")
    assert desk.post("/api/v1/tokens", json={}).json["errors"] == {"label": ["此项必填"]}
    past = (clock.now() - timedelta(minutes=1)).isoformat()
    answer = mint(desk, expires_at=past)
    assert answer.status_code == 422
    assert answer.json["errors"] == {"expires_at": ["失效时间须晚于当前时间"]}
    beijing_time = mint(desk, expires_at="2030-01-01T08:00:00").json["expires_at"]
    assert beijing_time == "2030-01-01T00:00:00+00:00"
