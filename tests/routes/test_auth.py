"""Logging in and out, sessions that die, throttling and CSRF."""

from jobs_app.extensions import db
from jobs_app.models import Role
from tests import factories
from tests.factories import PASSWORD


def make_user(app, name="clerk", role=Role.bureau):
    with app.app_context():
        factories.user(db.session, name, role)
        db.session.commit()


def login(client, username="clerk", password=PASSWORD):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_login_sets_an_httponly_lax_session_cookie(app):
    make_user(app)
    client = app.test_client()
    answer = login(client)
    assert answer.status_code == 200
    assert answer.json["role"] == "bureau" and answer.json["csrf_token"]
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/api/v1/auth/me").json["username"] == "clerk"


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(app):
    make_user(app)
    client = app.test_client()
    for username, password in (("clerk", "wrong-password-1"), ("nobody", PASSWORD)):
        answer = login(client, username, password)
        assert answer.status_code == 401
        assert answer.json["message"] == "用户名或密码错误"


def test_api_needs_a_login(app):
    answer = app.test_client().get("/api/v1/workers")
    assert answer.status_code == 401 and answer.json["message"] == "请先登录"


def test_logout_kills_the_session_even_for_a_copied_cookie(app):
    make_user(app)
    client = app.test_client()
    login(client)
    stolen = client.get_cookie("session").value
    assert client.post("/api/v1/auth/logout").status_code == 204
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/api/v1/auth/me").status_code == 401


def test_failed_logins_are_throttled_per_username(app):
    make_user(app)
    client = app.test_client()
    answers = [login(client, "clerk", "wrong-password-1").status_code for _ in range(11)]
    assert answers[:10] == [401] * 10 and answers[10] == 429
    assert login(client).status_code == 429


def test_successful_logins_are_not_throttled(app):
    make_user(app)
    for _ in range(12):
        assert login(app.test_client()).status_code == 200


def test_cookie_session_changes_need_csrf_unless_same_origin_json(app):
    make_user(app)
    client = app.test_client()
    token = login(client).json["csrf_token"]
    form = client.post("/api/v1/employers", data={"name": "x"})
    assert form.status_code == 400 and form.json["message"] == "缺少 CSRF 令牌"
    cross = client.post("/api/v1/employers", json={}, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 400
    forged = client.post("/api/v1/employers", json={}, headers={"X-CSRFToken": "forged"})
    assert forged.status_code == 400 and forged.json["message"] == "CSRF 令牌无效"
    with_token = client.post("/api/v1/employers", json={}, headers={"X-CSRFToken": token})
    assert with_token.status_code == 422  # past CSRF, stopped by validation
    same_origin = client.post("/api/v1/employers", json={})
    assert same_origin.status_code == 422


def test_bearer_token_works_and_dies_when_the_account_is_disabled(app, world, as_role):
    bureau = as_role("bureau")
    assert bureau.get("/api/v1/workers").status_code == 200
    with app.app_context():
        user_id = db.session.scalar(db.select(factories.User.id).where(
            factories.User.username == "bureau"))  # fmt: skip
    assert as_role("admin").post(f"/api/v1/users/{user_id}/active",
                                 json={"active": False}).status_code == 200  # fmt: skip
    assert bureau.get("/api/v1/workers").status_code == 401


def test_passwords_are_stored_hashed(app):
    make_user(app)
    with app.app_context():
        user = db.session.scalar(db.select(factories.User))
        assert PASSWORD not in user.password_hash
        assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))
