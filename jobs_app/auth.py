"""Authentication glue: login sessions and bearer tokens for Flask-Login, and CSRF.

A login creates a server-side session token (stored hashed) and only that token goes into
the signed cookie, so logging out revokes it and a copied cookie dies with it.
"""

from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import UserMixin, current_user
from flask_wtf.csrf import CSRFError

from jobs_app.errors import DomainError, domain_error_response
from jobs_app.extensions import csrf, db, login_manager
from jobs_app.models import TokenKind, User
from jobs_app.services import users
from jobs_app.services.access import Actor

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Reachable without logging in: the login itself, the health check and the API's own docs.
PUBLIC_PATHS = ("/api/v1/auth/login", "/healthz", "/api/v1/openapi.json", "/api/v1/docs")


class LoggedIn(UserMixin):
    """The user behind a request, and how they proved it. Only live tokens of active users
    get this far, so the account row is read only when a page shows it."""

    def __init__(self, actor: Actor, session_token: str | None = None, user: User | None = None):
        self.actor = actor
        self.session_token = session_token
        self._user = user

    @classmethod
    def of(cls, user: User, session_token: str | None = None) -> LoggedIn:
        return cls(Actor.of(user), session_token, user)

    def get_id(self) -> str | None:
        return self.session_token

    @property
    def user(self) -> User:
        if self._user is None:
            self._user = users.own_account(db.session, user_id=self.actor.user_id)
        return self._user


class Unauthenticated(DomainError):
    status = 401
    message = "Login required."


def current_actor() -> Actor:
    """The acting user; raises 401 when nobody is logged in."""
    if not current_user.is_authenticated:
        raise Unauthenticated()
    return current_user.actor


@login_manager.user_loader
def _load_session(token: str) -> LoggedIn | None:
    user = users.user_for_token(db.session, token=token, kind=TokenKind.session)
    return LoggedIn.of(user, token) if user else None


@login_manager.request_loader
def _load_bearer(req) -> LoggedIn | None:
    scheme, _, token = req.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    actor = users.actor_for_bearer(db.session, token=token.strip())
    return LoggedIn(actor) if actor else None


@login_manager.unauthorized_handler
def _unauthorized():
    raise Unauthenticated()


def _require_login() -> None:
    """Every API route needs a user, except logging in and the health check."""
    if request.path.startswith("/api/") and not request.path.startswith(PUBLIC_PATHS):
        current_actor()


def _check_csrf() -> None:
    """Cookie-authenticated changes need a CSRF token, or a same-origin JSON request.

    A cross-site page cannot send ``application/json`` without a CORS preflight, which this
    service never grants, and browsers name the requesting site in ``Sec-Fetch-Site`` and
    ``Origin``; so a same-origin JSON (or empty) body is proof enough for API calls. HTML
    forms and any other body must carry the token. Bearer-token calls carry no cookie and
    need neither.
    """
    if request.method not in UNSAFE_METHODS or request.headers.get("Authorization"):
        return
    if request.headers.get("X-CSRFToken") or request.headers.get("X-CSRF-Token"):
        csrf.protect()
        return
    bodiless = not request.content_length and not request.content_type
    if request.path.startswith("/api/") and (request.is_json or bodiless) and _same_origin():
        return
    csrf.protect()


def _same_origin() -> bool:
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    return origin is None or origin.rstrip("/") == request.host_url.rstrip("/")


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, building the cookie's signer only when a request
    carries the cookie: API calls come with a bearer token and no cookie, and building the
    signer for nothing was 4 % of a cheap request's time."""

    def open_session(self, app: Flask, request):
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)


class CsrfRefused(DomainError):
    status = 400


def _csrf_error(error: CSRFError):
    missing = "missing" in (error.description or "").lower()
    message = "The CSRF token is missing." if missing else "The CSRF token is invalid."
    return domain_error_response(CsrfRefused(message))


def init_app(app: Flask) -> None:
    app.session_interface = CookieSessions()
    app.before_request(_require_login)
    app.before_request(_check_csrf)
    app.register_error_handler(CSRFError, _csrf_error)
