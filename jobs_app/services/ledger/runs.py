"""A ledger check or import that outlives its request, and how far it has got.

A district's ledger (100,000 rows) takes about 25 s, so the page starts the work in the
background and polls. Each upload is kept in the instance folder under a random token,
``<token>.xlsx``, with its run's state beside it in ``<token>.json``: a check (dry run)
first, then — once — the import. The state is a file and not a row because the import holds
SQLite's write lock for its whole transaction (a failed import changes nothing), so no other
connection could record its progress in the database meanwhile.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO

from sqlalchemy.orm import Session

from jobs_app.errors import UnreadableInput
from jobs_app.services.access import Actor
from jobs_app.services.ledger.importing import import_workers
from jobs_app.services.ledger.problems import RowProblem
from jobs_app.services.ledger.report import ImportReport

TOKEN_LENGTH = 32
# A run whose state has not moved for this long died with its process (nothing was written:
# its transaction went with it). Progress is saved every 2,000 rows, a second or so apart.
STALE_SECONDS = 120
KEPT_PROBLEMS = 500  # the page lists this many; the counts cover them all


class Stage(StrEnum):
    check = "check"
    commit = "commit"


class Status(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


@dataclass
class ImportRun:
    """One upload's latest run: its stage, progress and, when done, its report."""

    token: str
    stage: Stage
    keep_good: bool
    status: Status = Status.queued
    rows_read: int = 0
    rows_total: int | None = None
    report: dict | None = None
    problem: str | None = None  # why a run failed, as an English message to translate
    updated_at: float = field(default_factory=time.time)

    @property
    def finished(self) -> bool:
        return self.status in (Status.done, Status.failed)

    @property
    def progress(self) -> float:
        if self.finished:
            return 1.0
        return min(self.rows_read / self.rows_total, 1.0) if self.rows_total else 0.0

    @property
    def committable(self) -> bool:
        """A finished check whose ledger may be imported: no bad row, or the good ones kept."""
        report = self.report or {}
        return (self.stage == Stage.check and self.status == Status.done
                and (not report.get("error_count") or self.keep_good))  # fmt: skip

    def problems(self, kind: str, language: str) -> list[dict[str, object]]:
        """The report's errors or warnings (the first 500), said in the page's language."""
        kept = (self.report or {}).get(kind, [])
        return [RowProblem(**problem).as_dict(language) for problem in kept]


class Uploads:
    """The instance folder's uploads and their runs' states."""

    def __init__(self, folder: Path):
        self.folder = folder

    def keep(self, stream: IO[bytes], *, keep_good: bool) -> ImportRun:
        """Store an uploaded ledger and queue its check."""
        self.folder.mkdir(parents=True, exist_ok=True)
        run = ImportRun(token=secrets.token_hex(TOKEN_LENGTH // 2), stage=Stage.check,
                        keep_good=keep_good)  # fmt: skip
        with open(self.sheet(run.token), "wb") as target:
            shutil.copyfileobj(stream, target)
        self.save(run)
        return run

    def sheet(self, token: str) -> Path:
        return self.folder / f"{token}.xlsx"

    def error_sheet(self, token: str) -> Path:
        """The bad rows with a 问题 column, for the clerk to correct and upload again."""
        return self.folder / f"{token}.errors.xlsx"

    def get(self, token: str) -> ImportRun | None:
        """The upload's run as last saved; one left behind by a dead process reads as failed."""
        if len(token) != TOKEN_LENGTH or any(c not in "0123456789abcdef" for c in token):
            return None
        try:
            saved = json.loads(self._state(token).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        run = ImportRun(**saved)
        run.stage, run.status = Stage(run.stage), Status(run.status)
        if not run.finished and time.time() - run.updated_at > STALE_SECONDS:
            run.status, run.problem = Status.failed, "The run stopped; nothing was written."
        return run

    def save(self, run: ImportRun) -> None:
        """Replace the state in one step, so a reader never sees half of it."""
        run.updated_at = time.time()
        partial = self._state(run.token).with_suffix(".part")
        partial.write_text(json.dumps(asdict(run), ensure_ascii=False, default=str), "utf-8")
        os.replace(partial, self._state(run.token))

    def claim_commit(self, token: str) -> ImportRun | None:
        """Queue the import of a checked ledger, once: a second claim (a double click) gets
        None, and so does a ledger whose check found bad rows it may not skip."""
        run = self.get(token)
        if run is None or not run.committable or not self.sheet(token).exists():
            return None
        try:
            os.close(os.open(self.folder / f"{token}.commit", os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return None
        run = ImportRun(token=token, stage=Stage.commit, keep_good=run.keep_good)
        self.save(run)
        return run

    def prune(self, *, older_than_seconds: float) -> None:
        """Forget uploads whose state has not changed for this long (running ones change)."""
        cutoff = time.time() - older_than_seconds
        for state in self.folder.glob("*.json"):
            if state.stat().st_mtime < cutoff:
                for path in self.folder.glob(f"{state.stem}.*"):
                    path.unlink(missing_ok=True)

    def _state(self, token: str) -> Path:
        return self.folder / f"{token}.json"


def execute(session: Session, *, actor: Actor, uploads: Uploads, token: str) -> ImportReport:
    """Check or import the upload, saving progress as it goes; the caller commits."""
    run = uploads.get(token)
    run.status = Status.running
    uploads.save(run)

    def progress(rows_read: int, rows_total: int | None) -> None:
        run.rows_read, run.rows_total = rows_read, rows_total
        uploads.save(run)

    return import_workers(session, actor=actor, path_or_stream=str(uploads.sheet(token)),
                          dry_run=run.stage == Stage.check, keep_good=run.keep_good,
                          progress=progress)  # fmt: skip


def finish(uploads: Uploads, token: str, report: ImportReport) -> None:
    """Record the report once the caller has committed; an imported sheet is not kept."""
    run = uploads.get(token)
    run.status, run.rows_read, run.report = Status.done, run.rows_total or run.rows_read, {
        "dry_run": report.dry_run, "created": report.created, "updated": report.updated,
        "unchanged": report.unchanged, "written": report.written, "refused": report.refused,
        "error_count": len(report.errors), "bad_rows": len({p.row for p in report.errors}),
        "errors": [asdict(problem) for problem in report.errors[:KEPT_PROBLEMS]],
        "warnings": [asdict(problem) for problem in report.warnings[:KEPT_PROBLEMS]],
        "error_sheet": bool(report.errors and report.bad_rows),
    }  # fmt: skip
    if run.report["error_sheet"]:
        report.write_error_sheet(str(uploads.error_sheet(token)))
    uploads.save(run)
    if run.stage == Stage.commit:
        uploads.sheet(token).unlink(missing_ok=True)


def fail(uploads: Uploads, token: str, error: Exception) -> None:
    """Record why a run failed; its transaction was rolled back, so nothing was written."""
    run = uploads.get(token)
    run.status = Status.failed
    unreadable = isinstance(error, UnreadableInput)
    run.problem = error.message if unreadable else "The run failed; nothing was written."
    uploads.save(run)
