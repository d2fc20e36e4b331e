"""Flask extensions, made without an app and bound in ``init_app``."""

from __future__ import annotations

from pathlib import Path

import orjson
from flask import Flask, request
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from jobs_app.models.base import Base

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# JSON columns (skills, wishes, reasons) are read by orjson, several times faster than the
# standard library's parser (which showed as ~4 % of a referral list under cProfile).
db = SQLAlchemy(model_class=Base, engine_options={"json_deserializer": orjson.loads})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
api = Api()


def _client_address() -> str:
    return request.remote_addr or "unknown"


# Only the login routes are throttled, by their own decorators, which check as the view runs.
# With no default or application limits the limiter's per-request hook evaluated nothing,
# at 4 % of a cheap request's time, so init_app takes it off again.
limiter = Limiter(key_func=_client_address, default_limits=[])


def init_app(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    app.before_request_funcs[None].remove(limiter._check_request_limit)
    api.init_app(app)
