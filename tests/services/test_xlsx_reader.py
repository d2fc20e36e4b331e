"""The fast sheet reader gives the same values openpyxl does, and refuses hostile XML."""

import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from jobs_app.errors import UnreadableInput
from jobs_app.services.ledger.xlsx import SheetReader


def workbook_bytes(rows, *, title_gap: bool = True) -> bytes:
    book = Workbook()
    sheet = book.active
    for number, row in enumerate(rows, start=3 if title_gap else 1):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(number, column, value)
    sheet.cell(1, 1, "台账（标题行）")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def openpyxl_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_values_match_openpyxl_for_text_numbers_dates_and_gaps():
    rows = [
        ("姓名", "身份证号", "出生日期", "月收入", "低保", None, "备注"),
        ("张秀英", "50010119880609122X", date(1988, 6, 9), 3800, True, None, "会缝纫"),
        ("李四", 500101198503041231, datetime(1985, 3, 4, 8, 30), 4200.5, False, None, None),
    ]
    content = workbook_bytes(rows)
    reader = SheetReader(io.BytesIO(content))
    ours = list(reader.rows())
    theirs = openpyxl_rows(content)
    assert len(ours) == len(theirs) == 5
    assert ours[1] == ()  # the blank row between the title and the header
    for mine, expected in zip(ours[2:], theirs[2:], strict=True):
        assert mine == tuple(expected[: len(mine)]) and not any(expected[len(mine) :])
    assert ours[3][1] == "50010119880609122X" and ours[4][1] == theirs[4][1]
    assert reader.total_rows == 5


def test_a_worksheet_with_entities_is_refused():
    content = workbook_bytes([("姓名",)])
    hostile = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<worksheet", b'<!DOCTYPE w [<!ENTITY x "boom">]><worksheet', 1
                )
            target.writestr(item, data)
    hostile.seek(0)
    with pytest.raises(UnreadableInput) as refused:
        list(SheetReader(hostile).rows())
    assert refused.value.errors == {"file": ["The file is not an .xlsx workbook."]}
