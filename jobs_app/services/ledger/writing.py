"""Writing a ledger sheet the way the bureau lays it out, streamed row by row.

openpyxl's write-only mode keeps one row in memory at a time. ID numbers are written as text
with the text format, so Excel never turns them into 5.00101E+17 and drops the last digits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

# kind → Excel number format; "plain" cells are written as they come.
FORMATS = {"id": "@", "date": "yyyy-mm-dd", "money": '"¥"#,##0', "integer": "0"}
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)


@dataclass(frozen=True)
class Column:
    """A column of an exported ledger: its Chinese header, width in characters, value kind."""

    header: str
    width: float = 12
    kind: str = "plain"  # plain, id, date, money, integer


def write_ledger(
    target: str | IO[bytes],
    *,
    title: str | None,
    columns: list[Column],
    rows: Iterable[Iterable[object]],
    sheet_name: str = "台账",
) -> int:
    """Write one sheet (optional title row, frozen header row, then ``rows``); count the rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    header_row = 2 if title else 1
    sheet.freeze_panes = f"A{header_row + 1}"
    if title:
        sheet.append([_styled(sheet, title, font=TITLE_FONT)])
    sheet.append([_styled(sheet, c.header, font=HEADER_FONT, centred=True) for c in columns])
    kinds = [column.kind for column in columns]
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, kind, value) for kind, value in zip(kinds, row, strict=True)])
        count += 1
    workbook.save(target)
    return count


def _styled(sheet, value: str, *, font: Font, centred: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    cell.font = font
    if centred:
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def _cell(sheet, kind: str, value: object) -> object:
    """A styled cell for formatted kinds; blanks and plain values go in as they are."""
    if value is None or kind == "plain":
        return value
    if kind == "id":
        value = str(value)
    elif kind == "date" and isinstance(value, datetime):
        value = value.date()
    elif kind == "date" and not isinstance(value, date):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = FORMATS[kind]
    return cell
