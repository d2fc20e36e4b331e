"""Response headers, proxy awareness and personal data kept out of logs.

- A strict Content-Security-Policy: scripts only from this origin (no inline script), no
  framing; the pages and the vendored libraries are built for it.
- ``Cache-Control: no-store`` on every API answer except the public document and health
  check, since most of them carry names, ID numbers or phones.
- Behind a reverse proxy, ``PROXY_COUNT`` (the number of proxies in front) makes the client
  address, scheme and host the real ones, so throttling counts the right address.
- Log lines have ID numbers and mobile numbers masked, including the access log's URLs.
"""

from __future__ import annotations

import logging
import re

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # Swagger UI and ECharts set style attributes
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
CACHEABLE_API = ("/api/v1/openapi.json", "/api/v1/docs")

ID_NUMBER = re.compile(r"(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9])")
MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")


def mask_personal_data(text: str) -> str:
    """ID numbers and mobile numbers in free text, masked as the API masks them."""
    text = ID_NUMBER.sub(lambda m: f"{m[1]}********{m[2]}", text)
    return MOBILE.sub(lambda m: f"{m[1]}****{m[2]}", text)


class MaskPersonalData(logging.Filter):
    """Masks ID numbers and phones in every record that passes, whatever logged it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def _secure_headers(response):
    present = {name.lower() for name, _ in response.headers}
    response.headers.extend(
        (name, value) for name, value in HEADERS.items() if name.lower() not in present
    )
    if request.path.startswith("/api/") and not request.path.startswith(CACHEABLE_API):
        response.headers["Cache-Control"] = "no-store"
    return response


def install_log_masking() -> None:
    """Put the filter on the loggers that write requests and on the root's handlers."""
    mask = MaskPersonalData()
    for name in ("werkzeug", "gunicorn.access", "gunicorn.error", "jobs_app"):
        logging.getLogger(name).addFilter(mask)
    for handler in logging.getLogger().handlers:
        handler.addFilter(mask)


def init_app(app: Flask) -> None:
    app.after_request(_secure_headers)
    proxies = int(app.config.get("PROXY_COUNT") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    install_log_masking()
