"""Form handling shared by the pages: role checks, loading forms through the API's schemas."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user
from marshmallow import ValidationError

from jobs_app import ui_text
from jobs_app.errors import Conflict, DomainError, InvalidInput
from jobs_app.extensions import db
from jobs_app.i18n import translate, translate_errors
from jobs_app.models import Role, Township
from jobs_app.services import townships
from jobs_app.services.access import Actor
from routes.schemas.common import Schema

SKILL_SEPARATORS = re.compile(r"[、,，;；\s]+")


def actor() -> Actor:
    return current_user.actor


def page_number(largest: int = 100_000) -> int:
    """``?page=`` as a page number; anything that is not one reads as the first page."""
    number = request.args.get("page", "1")
    return min(int(number), largest) if number.isdigit() and int(number) > 0 else 1


def township_choices() -> list[tuple[str, str]]:
    return [(t.code, t.name) for t in townships.get_all(db.session)]


def own_township() -> Township | None:
    """The desk's township; none for the bureau, which names one in its forms."""
    township_id = actor().township_id
    return townships.get(db.session, township_id) if township_id is not None else None


def own_township_code() -> str | None:
    township = own_township()
    return township.code if township else None


def guard(*roles: Role) -> Callable[[], Any]:
    """A blueprint's ``before_request``: log in first, then only the given roles."""

    def check():
        if not current_user.is_authenticated:
            return redirect(url_for("ui.auth.login", next=request.full_path.rstrip("?")))
        if current_user.actor.role not in roles:
            abort(403)
        return None

    return check


def form_values(names_bool: tuple[str, ...] = (), names_list: tuple[str, ...] = ()) -> dict:
    """The submitted form as a dict: blanks left out, check boxes as booleans, lists split."""
    values: dict[str, Any] = {}
    for name, value in request.form.items():
        if name == "csrf_token" or name in names_bool or not value.strip():
            continue
        values[name] = value.strip()
    for name in names_bool:
        values[name] = name in request.form
    for name in names_list:
        values[name] = [part for part in SKILL_SEPARATORS.split(values.get(name, "")) if part]
    return values


def load(schema: Schema, values: dict) -> tuple[dict | None, dict]:
    """Validate with the API's schema; the errors come back per field, in the page language."""
    try:
        return schema.load(values), {}
    except ValidationError as error:
        return None, field_errors(error.messages)


def field_errors(messages: Any) -> dict[str, list[str]]:
    """Flatten nested marshmallow messages (``wishes.min_wage``) to the form's field names."""
    translated = translate_errors(messages, ui_text.language())
    flat: dict[str, list[str]] = {}
    for name, problems in translated.items():
        if isinstance(problems, dict):
            for inner, inner_problems in field_errors(problems).items():
                flat[f"{name}_{inner}" if name != "wishes" else f"wish_{inner}"] = inner_problems
        elif isinstance(problems, list):
            flat[str(name)] = [p if isinstance(p, str) else str(p) for p in problems]
        else:
            flat[str(name)] = [str(problems)]
    return flat


def input_errors(error: InvalidInput) -> dict[str, list[str]]:
    return field_errors(error.errors) if error.errors else {}


def done(message: str, endpoint: str, **values: Any):
    """After a change: say so, and go back to a page (post/redirect/get)."""
    flash(ui_text.gettext(message), "success")
    return redirect(url_for(endpoint, **values))


def attempt(change: Callable[[], Any], message: str, endpoint: str, **values: Any):
    """Carry out one change and commit; a refused one is explained on the page, translated."""
    try:
        change()
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        flash(explain(error), "error")
        return redirect(url_for(endpoint, **values))
    return done(message, endpoint, **values)


def explain(error: DomainError) -> str:
    """A refusal in the page language: what went wrong and, per field, why."""
    problems = [p for ps in error.errors.values() for p in ps] if error.errors else []
    language = ui_text.language()
    return "；".join(translate(message, language) for message in [error.message, *problems])


def parse_date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def save(change: Callable[[], Any]) -> tuple[Any, DomainError | None]:
    """Carry out one change and commit; a refused one (bad input, a conflict) rolls back
    and comes back, for the form to show next to its fields. Not-found and forbidden pass."""
    try:
        result = change()
        db.session.commit()
        return result, None
    except (InvalidInput, Conflict) as error:
        db.session.rollback()
        return None, error


def refusal_errors(error: DomainError) -> dict[str, list[str]]:
    """A refusal per field, or under ``form`` when it names none (an opening full)."""
    if error.errors:
        return field_errors(error.errors)
    return {"form": [translate(error.message, ui_text.language())]}
