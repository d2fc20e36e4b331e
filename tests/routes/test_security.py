"""Headers, caching, proxies, throttling shared across instances, and logs without IDs."""

import logging
import secrets

import pytest
import redis

from jobs_app import create_app
from jobs_app.extensions import db
from jobs_app.models import Role
from jobs_app.security import mask_personal_data
from tests import factories
from tests.factories import PASSWORD

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def test_every_answer_carries_the_security_headers(app, as_role):
    for answer in (app.test_client().get("/healthz"), as_role("desk").get("/api/v1/workers"),
                   app.test_client().get("/api/v1/docs")):  # fmt: skip
        policy = answer.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        script_sources = next(p for p in policy.split("; ") if p.startswith("script-src"))
        assert "unsafe-inline" not in script_sources
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Referrer-Policy"] == "same-origin"


def test_personal_data_is_never_cached_but_the_api_document_may_be(app, as_role):
    assert as_role("desk").get("/api/v1/workers").headers["Cache-Control"] == "no-store"
    assert "no-store" not in app.test_client().get("/api/v1/openapi.json").headers.get(
        "Cache-Control", "")  # fmt: skip


def test_id_numbers_and_phones_are_masked_in_log_lines(app, caplog):
    caplog.set_level(logging.INFO, logger="werkzeug")
    logging.getLogger("werkzeug").info(
        '"GET /api/v1/workers?q=50010119850304123X HTTP/1.1" 200 - %s', "13912345678"
    )
    assert "50010119850304123X" not in caplog.text and "13912345678" not in caplog.text
    assert "500101********123X" in caplog.text and "139****5678" in caplog.text


def test_masking_leaves_other_numbers_alone():
    assert mask_personal_data("trip 12 carried 22 of 45, opening 20200609") == (
        "trip 12 carried 22 of 45, opening 20200609"
    )


def test_behind_a_proxy_throttling_counts_the_real_client(another_instance):
    client = another_instance(PROXY_COUNT=1).test_client()

    def attempt(address: str, username: str) -> int:
        return client.post("/api/v1/auth/login", json={"username": username, "password": "x"},
                           headers={"X-Forwarded-For": address}).status_code  # fmt: skip

    codes = [attempt("203.0.113.7", f"user{n}") for n in range(11)]
    assert codes[:10] == [401] * 10 and codes[10] == 429
    assert attempt("203.0.113.8", "someone") == 401


def test_session_cookie_is_secure_when_configured(tmp_path, monkeypatch):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "true")
    app = create_app({"TESTING": True, "SECRET_KEY": secrets.token_hex(32),
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 's.db'}"})  # fmt: skip
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.skipif(not redis_answers(), reason="Redis at 127.0.0.1:6379 is not running")
def test_login_throttling_is_shared_across_instances_through_redis(app, another_instance):
    redis.Redis.from_url(REDIS_URL).flushdb()
    with app.app_context():
        factories.user(db.session, "clerk", Role.bureau)
        db.session.commit()
    first = another_instance(RATELIMIT_STORAGE_URI=REDIS_URL).test_client()
    second = another_instance(RATELIMIT_STORAGE_URI=REDIS_URL).test_client()
    wrong = {"username": "clerk", "password": "wrong-password-1"}
    for client in (first, second) * 5:
        assert client.post("/api/v1/auth/login", json=wrong).status_code == 401
    assert second.post("/api/v1/auth/login", json=wrong).status_code == 429
    right = {"username": "clerk", "password": PASSWORD}
    assert first.post("/api/v1/auth/login", json=right).status_code == 429
    redis.Redis.from_url(REDIS_URL).flushdb()
