"""Reading a ledger workbook as a stream of rows, after finding its header row.

The sheet is parsed lazily (``xlsx.SheetReader``), so memory stays flat however long the
ledger is. Ledgers often open with a title row or two, so the header is looked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO

from jobs_app.services.ledger.columns import (
    BY_FIELD,
    HEADER_MARKERS,
    REQUIRED_FIELDS,
    column_for,
)
from jobs_app.services.ledger.problems import RowProblem
from jobs_app.services.ledger.xlsx import SheetReader

HEADER_SEARCH_ROWS = 20


@dataclass
class Ledger:
    """An open ledger: where each known column is, and its data rows still to be read."""

    header_row: int = 0
    header: tuple = ()
    positions: dict[str, int] = field(default_factory=dict)  # field → column index
    total_rows: int | None = None
    problems: list[RowProblem] = field(default_factory=list)
    rows: Iterator[tuple[int, tuple]] = field(default_factory=lambda: iter(()))

    @property
    def headers(self) -> dict[str, str]:
        """Field → the header as this ledger spells it (what a problem names)."""
        return {name: str(self.header[index]).strip() for name, index in self.positions.items()}

    def values(self, cells: tuple) -> dict[str, object]:
        """The known columns of one row, by field."""
        width = len(cells)
        return {name: cells[i] if i < width else None for name, i in self.positions.items()}


@contextmanager
def read_ledger(source: str | IO[bytes]) -> Iterator[Ledger]:
    """Open the first sheet of an .xlsx ledger; the rows are read as they are consumed."""
    sheet = SheetReader(source)  # a file that is no workbook is refused here, naming "file"
    try:
        yield _open(sheet.rows(), sheet.total_rows)
    finally:
        sheet.close()


def _open(cells: Iterator[tuple], total: int | None) -> Ledger:
    numbered = enumerate(cells, start=1)
    for number, row in numbered:
        positions = _positions(row)
        if all(marker in positions for marker in HEADER_MARKERS):
            ledger = Ledger(number, tuple(row), positions, total)
            ledger.problems = _header_problems(number, row)
            ledger.rows = _data_rows(numbered)
            return ledger
        if number >= HEADER_SEARCH_ROWS:
            break
    markers = "/".join(BY_FIELD[m].header for m in HEADER_MARKERS)
    problem = RowProblem(1, markers, "no_header", {"rows": HEADER_SEARCH_ROWS})
    return Ledger(total_rows=total, problems=[problem])


def _positions(row: tuple) -> dict[str, int]:
    """Field → index of the first column whose header names it."""
    positions: dict[str, int] = {}
    for index, header in enumerate(row):
        column = column_for(header)
        if column is not None:
            positions.setdefault(column.field, index)
    return positions


def _header_problems(number: int, row: tuple) -> list[RowProblem]:
    problems = []
    first: dict[str, int] = {}
    for index, header in enumerate(row):
        column = column_for(header)
        if column is None:
            continue
        if column.field in first:
            other = str(row[first[column.field]]).strip()
            problems.append(
                RowProblem(number, str(header).strip(), "duplicate_column", {"other": other})
            )
        first.setdefault(column.field, index)
    missing = [BY_FIELD[name].header for name in REQUIRED_FIELDS if name not in first]
    problems.extend(RowProblem(number, header, "missing_column") for header in missing)
    return problems


def _data_rows(numbered: Iterator[tuple[int, tuple]]) -> Iterator[tuple[int, tuple]]:
    """Rows below the header that hold anything; wholly blank rows are spacing, not data."""
    for number, row in numbered:
        if any(value is not None and str(value).strip() for value in row):
            yield number, row
