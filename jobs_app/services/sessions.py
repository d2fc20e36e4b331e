"""Committing a request's work without reading back what its answer is built from."""

from __future__ import annotations

from sqlalchemy.orm import Session, scoped_session


def commit_keeping_loaded(session: Session | scoped_session) -> None:
    """Commit, keeping the loaded objects as they are.

    A commit expires everything, so an answer built after it read each object again: the
    worker of an audited read, the referral just written with its worker and opening. What
    the request loaded or wrote is what the database now holds, for this answer."""
    current = session() if isinstance(session, scoped_session) else session
    expiring = current.expire_on_commit
    current.expire_on_commit = False
    try:
        current.commit()
    finally:
        current.expire_on_commit = expiring
