"""Configuration from the environment and the instance folder.

Precedence: built-in defaults < ``instance/config.py`` < environment < ``test_config``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

DEFAULTS = {
    "TIMEZONE": "Asia/Shanghai",
    "SQLALCHEMY_ENGINE_OPTIONS": {},
    # Seconds a pooled connection may sit idle before it is pinged ahead of use (PostgreSQL).
    "DATABASE_PING_AFTER_IDLE": 1.0,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "WTF_CSRF_TIME_LIMIT": None,
    "WTF_CSRF_CHECK_DEFAULT": False,  # checked by our own hook: bearer-token calls need no token
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    "LOGIN_RATE_LIMIT": "10 per minute",
    "JSON_SORT_KEYS": False,
    # The poor-worker share a workshop must keep to stay certified (SPEC: 30 % by default).
    "WORKSHOP_POOR_SHARE": 0.30,
    # Share of a coach's seats that may be filled (2020 epidemic rule: 50 %, rear rows empty).
    "TRANSPORT_LOAD_SHARE": 0.5,
    # Seconds a built matching index is trusted before its rows' fingerprint is asked again.
    "MATCHING_INDEX_MAX_AGE": 1.0,
    "API_TITLE": "Labor matching and transfer-employment service",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    "OPENAPI_SWAGGER_UI_URL": "/static/vendor/swagger-ui-5.35.0/",
}

# Environment variables read as they are, and those read as booleans.
ENV_STRINGS = (
    "SECRET_KEY",
    "RATELIMIT_STORAGE_URI",
    "PORT",
    "PROXY_COUNT",
    "MATCHING_INDEX_MAX_AGE",
    "DATABASE_PING_AFTER_IDLE",
)
ENV_BOOLEANS = ("SESSION_COOKIE_SECURE",)


def load(app: Flask, test_config: dict | None) -> None:
    """Fill ``app.config``; fail early with a clear message when something is unusable."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    _from_environment(app)
    if test_config:
        app.config.from_mapping(test_config)
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", _database_url(app))
    app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]


def _from_environment(app: Flask) -> None:
    for name in ENV_STRINGS:
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    for name in ENV_BOOLEANS:
        if name in os.environ:
            app.config[name] = os.environ[name].strip().lower() in ("1", "true", "yes", "on")
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]


def _database_url(app: Flask) -> str:
    return "sqlite:///" + str(Path(app.instance_path) / "jobs.db")


def _normalise_url(url: str) -> str:
    """Accept the ``postgres://`` and ``postgresql://`` spellings and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _instance_secret(instance: Path) -> str:
    """Read the instance's secret key, creating it (readable by the owner only) on first run."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    key = path.read_text().strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} holds a secret key shorter than 32 characters; delete it")
    return key
