"""Logging in and out, the language switch, and ``/`` as each role's home."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from jobs_app import ui_text
from jobs_app.auth import LoggedIn
from jobs_app.extensions import db, limiter
from jobs_app.models import Role, TokenKind
from jobs_app.services import users
from routes.auth import THROTTLED, _failed, _login_limit, _username_key

blueprint = Blueprint("auth", __name__)

HOMES = {Role.desk: "ui.desk.workers", Role.employer: "ui.employer.openings"}


@blueprint.route("/")
def home():
    """Each role's home: the bureau's dashboard is ``/`` itself."""
    if not current_user.is_authenticated:
        return redirect(url_for("ui.auth.login"))
    role = current_user.actor.role
    if role == Role.bureau:
        from routes.ui.bureau import dashboard

        return dashboard()
    if role in HOMES:
        return redirect(url_for(HOMES[role]))
    return render_template("auth/admin.html")


@blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit(
    _login_limit,
    key_func=_username_key,
    deduct_when=_failed,
    error_message=THROTTLED,
    methods=["POST"],
)
@limiter.limit(_login_limit, deduct_when=_failed, error_message=THROTTLED, methods=["POST"])
def login():  # fmt: skip
    if request.method == "GET":
        return render_template("auth/login.html")
    user = users.authenticate(
        db.session,
        username=request.form.get("username", "").strip(),
        password=request.form.get("password", ""),
    )
    if user is None:
        error = ui_text.gettext("Wrong username or password.")
        return render_template("auth/login.html", error=error), 401
    token = users.issue_token(db.session, user=user, kind=TokenKind.session)
    db.session.commit()
    language = session.get("lang")
    session.clear()  # a fresh session: nothing from before the login survives but the language
    if language:
        session["lang"] = language
    login_user(LoggedIn.of(user, token))
    return redirect(_safe_next() or url_for("ui.auth.home"))


def _safe_next() -> str | None:
    """Only a path on this site: never an open redirect."""
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@blueprint.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated and current_user.session_token:
        users.revoke_token(db.session, token=current_user.session_token)
        db.session.commit()
    logout_user()
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    return redirect(url_for("ui.auth.login"))


@blueprint.route("/language", methods=["POST"])
def language():
    """The 中文 / English switch; the choice lives in the (signed) session cookie."""
    chosen = request.form.get("lang", "zh")
    session["lang"] = chosen if chosen in ui_text.LANGUAGES else "zh"
    return redirect(_back())


def _back() -> str:
    target = request.form.get("back", "")
    if target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("ui.auth.home")
