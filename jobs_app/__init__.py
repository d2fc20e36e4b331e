"""The labor-matching and transfer-employment service: the application factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app; ``test_config`` overrides the environment and the instance folder."""
    app = Flask(__name__, instance_relative_config=True, static_folder=str(STATIC_DIR))
    from jobs_app import auth, cli, config, database, errors, extensions, security
    from jobs_app.json_provider import OrjsonProvider
    from jobs_app.services import matching

    app.json = OrjsonProvider(app)
    config.load(app, test_config)
    extensions.init_app(app)
    database.init_app(app)
    matching.configure(index_max_age=app.config["MATCHING_INDEX_MAX_AGE"])
    auth.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    cli.init_app(app)

    import routes

    routes.init_app(app)
    return app
