"""What every command shares: one transaction, and domain errors as clear CLI failures."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from jobs_app.errors import DomainError
from jobs_app.extensions import db
from jobs_app.i18n import translate_errors


@contextmanager
def one_transaction() -> Iterator[None]:
    """Commit on success; on a domain error roll back and exit non-zero naming the fields."""
    try:
        yield
    except DomainError as error:
        db.session.rollback()
        details = translate_errors(error.errors, "en") if error.errors else {}
        fields = "; ".join(f"{name}: {', '.join(msgs)}" for name, msgs in details.items())
        raise click.ClickException(f"{error.message} {fields}".strip()) from None
    except BaseException:
        db.session.rollback()
        raise
    db.session.commit()
