"""What an import did, or would do: the counts, every bad row, and the sheet of bad rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import IO

from jobs_app.services.ledger.columns import column_for
from jobs_app.services.ledger.problems import RowProblem
from jobs_app.services.ledger.writing import Column, write_ledger

PROBLEM_HEADER = "问题"


@dataclass
class ImportReport:
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False
    errors: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    header: tuple = ()
    # The bad rows as read, so the clerk gets them back to correct (keep_good's error sheet).
    bad_rows: dict[int, tuple] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        """A real run that wrote nothing because some row is bad (all-or-nothing)."""
        return not self.dry_run and not self.written and bool(self.errors)

    def as_dict(self, language: str = "zh") -> dict[str, object]:
        return {
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "written": self.written,
            "errors": [problem.as_dict(language) for problem in self.errors],
            "warnings": [problem.as_dict(language) for problem in self.warnings],
        }

    def write_error_sheet(self, target: str | IO[bytes], language: str = "zh") -> int:
        """The bad rows with their original columns and a 问题 column; re-importable."""
        problems: dict[int, list[str]] = defaultdict(list)
        for problem in self.errors:
            problems[problem.row].append(f"{problem.column}：{problem.text(language)}")
        headers = [str(h).strip() if h is not None else "" for h in self.header]
        columns = [Column(h, 14, _kind(h)) for h in headers] + [Column(PROBLEM_HEADER, 60)]
        rows = (
            [*_padded(self.bad_rows[number], len(headers)), "；".join(found)]
            for number, found in sorted(problems.items())
            if number in self.bad_rows
        )
        return write_ledger(target, title=None, columns=columns, rows=rows)


def _kind(header: str) -> str:
    column = column_for(header)
    return "id" if column is not None and column.field == "id_number" else "plain"


def _padded(values: tuple, width: int) -> list:
    return list(values[:width]) + [None] * (width - len(values))
