"""``jobs-app users …``: accounts and API tokens."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from jobs_app.cli.common import one_transaction
from jobs_app.extensions import db
from jobs_app.models import Role, TokenKind, User
from jobs_app.services import users as user_service
from jobs_app.services.access import Actor

ADMIN = Actor(user_id=None, role=Role.admin)


@click.group()
def users() -> None:
    """Manage user accounts."""


@users.command("create")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--township", "township_code", help="Township code (desk users).")
@click.option("--employer", "employer_id", type=int, help="Employer id (employer users).")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def create(username, role, township_code, employer_id, password) -> None:
    """Create a user with a role; desks need --township, employer staff --employer."""
    with one_transaction():
        user_service.create(
            db.session, actor=ADMIN, username=username, password=password, role=Role(role),
            township_code=township_code, employer_id=employer_id,
        )  # fmt: skip
    click.echo(f"created user {username} ({role})")


@users.command("token")
@click.argument("username")
@click.option("--label", default="cli", show_default=True, help="Shown in GET /api/v1/tokens.")
@with_appcontext
def token(username, label) -> None:
    """Print a new API token for USERNAME, used as ``Authorization: Bearer <token>``."""
    user = db.session.scalar(db.select(User).where(User.username == username))
    if user is None:
        raise click.ClickException(f"no user named {username}")
    with one_transaction():
        _, value = user_service.new_token(
            db.session, user_id=user.id, kind=TokenKind.bearer, label=label
        )
    click.echo(value)
