"""HTTP layer: thin blueprints that parse, authorise, call one service and shape the answer."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from jobs_app.extensions import api
    from routes import access

    access.init_app(app)
    from routes import (
        allocations,
        audit,
        auth,
        employers,
        health,
        households,
        ledger,
        matching,
        openings,
        placements,
        recounts,
        referrals,
        tokens,
        townships,
        transport,
        users,
        visits,
        workers,
    )
    from routes.ui import blueprint as ui_blueprint

    for module in (
        auth, health, townships, households, workers, employers, openings, referrals, visits,
        users, audit, matching, placements, recounts, allocations, ledger, transport, tokens,
    ):  # fmt: skip
        api.register_blueprint(module.blp)
    app.register_blueprint(ui_blueprint)
