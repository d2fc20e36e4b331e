"""Login, logout and who am I."""

from __future__ import annotations

from flask import current_app, jsonify, request, session
from flask.views import MethodView
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf

from jobs_app.auth import LoggedIn, current_actor
from jobs_app.errors import DomainError
from jobs_app.extensions import db, limiter
from jobs_app.models import TokenKind
from jobs_app.services import users
from routes.blueprint import Blueprint
from routes.schemas.users import LoginIn, MeSchema

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Login sessions")

THROTTLED = "Too many login attempts; wait a minute and try again."


class WrongCredentials(DomainError):
    status = 401
    message = "Wrong username or password."


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _username_key() -> str:
    body = request.get_json(silent=True) or request.form
    return "login-user:" + str(body.get("username", "")).strip().lower()


def _failed(response) -> bool:
    return response.status_code == 401


ME = MeSchema()


def _me():
    user = current_user.user
    return {**ME.dump(user), "csrf_token": generate_csrf()}


@blp.route("/login")
class Login(MethodView):
    # Failed logins are throttled per username and per address.
    decorators = (
        limiter.limit(_login_limit, key_func=_username_key, deduct_when=_failed,
                      error_message=THROTTLED),
        limiter.limit(_login_limit, deduct_when=_failed, error_message=THROTTLED),
    )  # fmt: skip

    @blp.arguments(LoginIn)
    @blp.response(200, MeSchema)
    def post(self, credentials):
        """Log in: sets a session cookie; the answer carries the CSRF token for forms."""
        user = users.authenticate(db.session, **credentials)
        if user is None:
            raise WrongCredentials()
        token = users.issue_token(db.session, user=user, kind=TokenKind.session)
        db.session.commit()
        session.clear()  # a fresh session: nothing from before the login survives it
        login_user(LoggedIn.of(user, token))
        return jsonify(_me())


@blp.route("/logout", methods=["POST"])
@blp.response(204)
def logout():
    """End the session; its token is revoked, so a copied cookie dies with it."""
    current_actor()
    if current_user.session_token:
        users.revoke_token(db.session, token=current_user.session_token)
        db.session.commit()
    logout_user()
    session.clear()


@blp.route("/me")
@blp.response(200, MeSchema)
def me():
    """The logged-in user, their role and scope."""
    current_actor()
    return jsonify(_me())
