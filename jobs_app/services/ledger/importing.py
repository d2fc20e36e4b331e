"""Import of the bureau's worker ledger: every row checked, then upserted by ID number.

A district's ledger has 100,000 rows, so the registration service (one ORM worker at a time)
is not called per row. Rows are read as a stream and checked in Python with the registration
rules; the workers already registered are looked up a chunk at a time; new and changed rows
are written in bulk. A real run writes inside a savepoint: when a row is bad and the import is
all-or-nothing, the savepoint is rolled back and nothing is left half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import IO

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.models import Household, Referral, ReferralStatus, Role, Township, Worker
from jobs_app.services import audit
from jobs_app.services.access import Actor, require
from jobs_app.services.ledger.columns import normalise
from jobs_app.services.ledger.problems import RowProblem
from jobs_app.services.ledger.reading import Ledger, read_ledger
from jobs_app.services.ledger.report import ImportReport
from jobs_app.services.ledger.rows import RowChecker, WorkerRow
from jobs_app.services.ledger.store import Change, LedgerStore

CHUNK_ROWS = 2000
Progress = Callable[[int, int | None], None]
REGISTERED_FACTS = (
    Worker.id, Worker.id_number, Worker.household_id, Worker.township_id, Worker.name,
    Worker.phone, Worker.education, Worker.health, Worker.ability, Worker.skills, Worker.status,
    Household.village, Household.category, Household.dibao, Household.tekun,
    Household.helper_name, Household.helper_phone,
)  # fmt: skip
# Township names as clerks shorten them: 龙沙镇 → 龙沙, 高笋塘街道 → 高笋塘.
_SUFFIXES = ("街道", "镇", "乡")


def import_workers(
    session: Session,
    *,
    actor: Actor,
    path_or_stream: str | IO[bytes],
    dry_run: bool,
    keep_good: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Check every row of a worker ledger and, unless a dry run, create or update the workers.

    All-or-nothing unless ``keep_good``: then the good rows are written and the bad ones are
    in the report (``write_error_sheet`` gives them back with a 问题 column).
    ``progress(rows_read, rows_in_sheet_or_None)`` is called after each chunk.
    """
    require(actor, Role.bureau)
    report = ImportReport(dry_run=dry_run)
    with read_ledger(path_or_stream) as ledger:
        report.header = ledger.header
        report.errors.extend(ledger.problems)
        if not ledger.problems:
            _Import(session, actor, ledger, report, keep_good).run(progress)
    if report.written:
        audit.record(session, actor=actor, action="import", entity="ledger", detail={
            "created": report.created, "updated": report.updated,
            "unchanged": report.unchanged, "bad_rows": len(report.bad_rows),
        })  # fmt: skip
    return report


@dataclass
class _Plan:
    """What one chunk of good rows asks for."""

    new: list[WorkerRow] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)


class _Import:
    """One run over a ledger's rows, a chunk at a time."""

    def __init__(self, session, actor, ledger: Ledger, report: ImportReport, keep_good: bool):
        self.session, self.ledger, self.report, self.keep_good = session, ledger, report, keep_good
        today = clock.today()
        self.checker = RowChecker(ledger.headers, _townships(session), today)
        self.store = LedgerStore(session, actor=actor, today=today)

    def run(self, progress: Progress | None) -> None:
        savepoint = None if self.report.dry_run else self.session.begin_nested()
        total = self.ledger.total_rows - self.ledger.header_row if self.ledger.total_rows else None
        done = 0
        for chunk_number, chunk in enumerate(_chunks(self.ledger.rows, CHUNK_ROWS)):
            plan = self._plan(self._checked(chunk), dict(chunk))
            if savepoint is not None and (self.keep_good or not self.report.errors):
                self.store.create(plan.new)
                self.store.update(plan.changed)
                self.store.refresh_statistics(chunk_number)
            done += len(chunk)
            if progress:
                progress(done, total)
        self.report.warnings = self.checker.warnings
        if savepoint is not None:
            self._finish(savepoint)

    def _finish(self, savepoint) -> None:
        if self.report.errors and not self.keep_good:
            savepoint.rollback()
            return
        savepoint.commit()
        self.report.written = True
        # The bulk statements bypassed the identity map: later reads must see the new rows.
        self.session.expire_all()

    def _checked(self, chunk: list[tuple[int, tuple]]) -> list[WorkerRow]:
        good = []
        for number, cells in chunk:
            found = self.checker.check(number, self.ledger.values(cells))
            if isinstance(found, WorkerRow):
                good.append(found)
            else:
                self._refuse(found, cells)
        return good

    def _plan(self, rows: list[WorkerRow], cells: dict[int, tuple]) -> _Plan:
        """New, changed or unchanged, against the workers registered under these IDs."""
        plan = _Plan()
        known = _registered(self.session, [row.id_number for row in rows])
        for row in rows:
            current = known.get(row.id_number)
            if current is None:
                plan.new.append(row)
                continue
            changes = _differences(row, current)
            if "status" in changes and current.placed:
                self._refuse([RowProblem(row.row, self.ledger.headers["status"], "placed")],
                             cells[row.row])  # fmt: skip
            elif changes:
                plan.changed.append(Change(row, current.id, current.household_id, changes))
            else:
                self.report.unchanged += 1
        self.report.created += len(plan.new)
        self.report.updated += len(plan.changed)
        return plan

    def _refuse(self, problems: list[RowProblem], cells: tuple) -> None:
        self.report.errors.extend(problems)
        self.report.bad_rows[problems[0].row] = cells


def _differences(row: WorkerRow, current) -> dict[str, object]:
    """The fields whose ledger value differs from the registry's."""
    return {name: value for name, value in row.fields.items() if getattr(current, name) != value}


def _registered(session: Session, id_numbers: list[str]) -> dict[str, object]:
    """The registered workers with these ID numbers, with their household's facts."""
    if not id_numbers:
        return {}
    placed = exists().where(
        Referral.worker_id == Worker.id, Referral.status == ReferralStatus.hired
    )
    statement = (
        select(*REGISTERED_FACTS, placed.label("placed"))
        .join(Household, Worker.household_id == Household.id)
        .where(Worker.id_number.in_(id_numbers))
    )
    return {row.id_number: row for row in session.execute(statement)}


def _townships(session: Session) -> dict[str, int]:
    """Every spelling a ledger may use for a township: code, name, name without its suffix."""
    spellings: dict[str, int] = {}
    for township in session.execute(select(Township.id, Township.code, Township.name)):
        spellings[township.code] = township.id
        spellings[normalise(township.name)] = township.id
        for suffix in _SUFFIXES:
            if township.name.endswith(suffix) and len(township.name) > len(suffix) + 1:
                spellings.setdefault(township.name[: -len(suffix)], township.id)
    return spellings


def _chunks(rows: Iterable[tuple[int, tuple]], size: int) -> Iterator[list[tuple[int, tuple]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk
