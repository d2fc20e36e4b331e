"""The ``jobs-app`` command: Flask's CLI group with the service's own commands.

Each command is a thin wrapper: parse options, call one service, commit, print.
"""

from __future__ import annotations

from flask import Flask
from flask.cli import FlaskGroup


def _create_app():
    from jobs_app import create_app

    return create_app()


main = FlaskGroup(create_app=_create_app, help="Labor matching and transfer-employment service.")


def init_app(app: Flask) -> None:
    from jobs_app.cli import demo, users

    app.cli.add_command(users.users)
    app.cli.add_command(demo.seed_demo)
