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
    from jobs_app.cli import demo, ledger, operations, transport, users

    app.cli.add_command(users.users)
    app.cli.add_command(demo.seed_demo)
    app.cli.add_command(ledger.import_ledgers)
    app.cli.add_command(ledger.export_ledgers)
    app.cli.add_command(operations.recount)
    app.cli.add_command(operations.scheduler)
    app.cli.add_command(operations.matching_group)
    app.cli.add_command(operations.backup)
    app.cli.add_command(transport.transport_group)
