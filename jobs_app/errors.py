"""Domain errors raised by services, and their one mapping to HTTP answers."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from jobs_app.i18n import request_language, translate, translate_errors


class DomainError(Exception):
    """A rule of the service was not met. ``message`` is an English msgid (see i18n)."""

    status = 400
    message = "The request cannot be carried out."

    def __init__(self, message: str | None = None, errors: dict[str, Any] | None = None):
        super().__init__(message or self.message)
        if message:
            self.message = message
        self.errors = errors or {}


class NotFound(DomainError):
    status = 404
    message = "Not found."


class Forbidden(DomainError):
    status = 403
    message = "Your role may not do this."


class Conflict(DomainError):
    status = 409
    message = "This conflicts with the current state."


class HeadcountFull(Conflict):
    message = "The opening has no free headcount."


class WorkerAlreadyPlaced(Conflict):
    message = "The worker already holds an active placement."


class InvalidTransition(Conflict):
    message = "The referral is not in a state that allows this."


class UnreadableInput(DomainError):
    """A request whose content cannot be read at all, such as an upload of the wrong kind."""

    status = 400
    message = "The request cannot be read."


class InvalidInput(DomainError):
    """Input that passed the schema but breaks a rule needing the database."""

    status = 422
    message = "Some fields are not valid."

    @classmethod
    def field(cls, name: str, problem: str) -> InvalidInput:
        return cls(errors={name: [problem]})


def error_body(status: int, message: str, errors: dict[str, Any] | None = None) -> dict:
    language = request_language()
    body: dict[str, Any] = {"code": status, "message": translate(message, language)}
    if errors:
        body["errors"] = translate_errors(errors, language)
    return body


def domain_error_response(error: DomainError):
    return jsonify(error_body(error.status, error.message, error.errors)), error.status


def _http_error(error: HTTPException):
    """Every HTTP error as JSON; webargs' 422 carries field errors keyed by location."""
    messages = getattr(error, "data", {}).get("messages") if hasattr(error, "data") else None
    errors = _merge_locations(messages) if messages else None
    message = "Some fields are not valid." if errors else (error.description or error.name)
    response = jsonify(error_body(error.code or 500, message, errors))
    response.status_code = error.code or 500
    for name, value in ((getattr(error, "data", None) or {}).get("headers") or {}).items():
        response.headers[name] = value
    return response


def _merge_locations(messages: dict[str, Any]) -> dict[str, Any]:
    """``{"json": {"phone": [...]}, "query": {...}}`` → ``{"phone": [...], ...}``."""
    merged: dict[str, Any] = {}
    for location_errors in messages.values():
        if isinstance(location_errors, dict):
            merged.update(location_errors)
    return merged


def init_app(app: Flask) -> None:
    app.register_error_handler(DomainError, domain_error_response)
    app.register_error_handler(HTTPException, _http_error)
