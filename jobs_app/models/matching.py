"""Learned ranking models and batch allocation runs, as the bureau reviews them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from jobs_app.models.base import Base, UtcDateTime, enum_column, utcnow


class MatchingModel(Base):
    """A trained model: its file, what it was trained on, and whether it won its hold-out."""

    __tablename__ = "matching_model"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(sa.String(60), unique=True)
    trained_at: Mapped[datetime] = mapped_column(UtcDateTime())
    n_rows: Mapped[int]
    library_versions: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    metrics: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    beats_transparent: Mapped[bool]
    # Only a model that beat the transparent score is ever active; one at a time.
    active: Mapped[bool] = mapped_column(default=False)
    path: Mapped[str] = mapped_column(sa.String(500))


class RunStatus(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class ProposalStatus(StrEnum):
    proposed = "proposed"
    accepted = "accepted"
    skipped = "skipped"


class AllocationRun(Base):
    __tablename__ = "allocation_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[RunStatus] = mapped_column(enum_column(RunStatus, "run_status"))
    progress: Mapped[float] = mapped_column(default=0.0)
    message: Mapped[str | None] = mapped_column(sa.String(300))
    parameters: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    started_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id"))
    workers: Mapped[int] = mapped_column(default=0)
    openings: Mapped[int] = mapped_column(default=0)
    candidates: Mapped[int] = mapped_column(default=0)
    proposals: Mapped[int] = mapped_column(default=0)
    total_score: Mapped[float] = mapped_column(default=0.0)
    greedy_total: Mapped[float | None]


class AllocationProposal(Base):
    __tablename__ = "allocation_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        sa.ForeignKey("allocation_run.id", ondelete="CASCADE"), index=True
    )
    worker_id: Mapped[int] = mapped_column(sa.ForeignKey("worker.id"))
    opening_id: Mapped[int] = mapped_column(sa.ForeignKey("opening.id"))
    score: Mapped[float]
    status: Mapped[ProposalStatus] = mapped_column(
        enum_column(ProposalStatus, "proposal_status"), default=ProposalStatus.proposed
    )
    referral_id: Mapped[int | None] = mapped_column(sa.ForeignKey("referral.id"))
    skip_reason: Mapped[str | None] = mapped_column(sa.String(200))
