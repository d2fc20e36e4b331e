"""Exports in the bureau's ledger layout, and the round trip back through the import."""

from __future__ import annotations

import io
from datetime import date, timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from jobs_app.extensions import db
from jobs_app.models import AuditEntry
from jobs_app.services import referrals
from jobs_app.services.ledger import (
    Column,
    export_placements,
    export_workers,
    import_workers,
    write_ledger,
)
from tests import factories
from tests.services.test_ledger_import import BUREAU, HEADER


def _register_a_township(session):
    """Workers of several kinds: placed, not seeking, no skills, another township."""
    employer = factories.employer(session, name="济宁如意纺织", kind="east_west",
                                  province="山东省", city="济宁市", township_code=None)  # fmt: skip
    opening = factories.opening(session, employer_id=employer.id, province="山东省",
                                city="济宁市", township_code=None)  # fmt: skip
    placed = factories.worker(session, name="陈光明", helper_name="李明",
                              helper_phone="13800001111", dibao=True, village="五一村")  # fmt: skip
    referral = factories.referral(session, worker_id=placed.id, opening_id=opening.id)
    referrals.hire(session, actor=BUREAU, referral_id=referral.id,
                   start_date=opening.start_date, wage=4000)  # fmt: skip
    factories.worker(session, name="赵敏", status="not_seeking", status_reason="照顾老人",
                     skills=[], phone=None, education="senior", health="chronic")  # fmt: skip
    factories.worker(session, name="孙强", township_code=factories.LONGJU, category="monitored",
                     ability="weak", tekun=True)  # fmt: skip
    session.commit()
    return referral


def _exported(session, **options) -> io.BytesIO:
    target = io.BytesIO()
    export_workers(session, actor=BUREAU, target=target, **options)
    session.commit()
    target.seek(0)
    return target


def test_exported_ledger_has_the_bureau_layout(session):
    _register_a_township(session)
    sheet = load_workbook(_exported(session)).active
    assert sheet.freeze_panes == "A3" and sheet["A1"].value.startswith("劳动力台账")
    assert [cell.value for cell in sheet[2]] == HEADER
    assert sheet.column_dimensions["B"].width == 21
    first = {header: cell for header, cell in zip(HEADER, sheet[3], strict=True)}
    assert isinstance(first["身份证号"].value, str) and first["身份证号"].number_format == "@"
    assert first["出生日期"].number_format == "yyyy-mm-dd"
    assert first["月收入"].value == 4000 and first["月收入"].number_format == '"¥"#,##0'
    assert first["务工单位"].value == "济宁如意纺织" and first["务工地点"].value == "山东省济宁市"
    assert first["就业状态"].value == "市外就业" and first["低保"].value == "是"
    assert sheet.max_row == 5


def test_exported_workers_import_back_unchanged(session):
    _register_a_township(session)
    report = import_workers(session, actor=BUREAU, path_or_stream=_exported(session),
                            dry_run=False)  # fmt: skip
    assert report.errors == [] and report.written
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)


def test_one_townships_export_holds_only_its_workers(session):
    _register_a_township(session)
    sheet = load_workbook(_exported(session, township_code="龙驹镇")).active
    assert sheet["A1"].value.startswith("龙驹镇劳动力台账")
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == ["孙强"]


def test_placements_ledger_lists_hires_and_departures_with_dates_and_wage(session):
    referral = _register_a_township(session)
    left_on = referral.hired_on + timedelta(days=30)
    referrals.leave(session, actor=BUREAU, referral_id=referral.id, date=left_on, reason="回家")
    session.commit()
    target = io.BytesIO()
    assert export_placements(session, actor=BUREAU, target=target) == 1
    rows = list(load_workbook(target).active.iter_rows(min_row=2, values_only=True))
    assert rows[0][:4] == ("姓名", "身份证号", "镇乡（街道）", "用人单位")
    name, _, township, employer, kind, _, place, hired, ended, wage, state, reason = rows[1]
    assert (name, township, employer, kind, place) == (
        "陈光明", "龙沙镇", "济宁如意纺织", "东西部劳务协作单位", "山东省济宁市")  # fmt: skip
    assert (hired.date(), ended.date(), wage, state, reason) == (
        referral.hired_on, left_on, 4000, "离岗", "回家")  # fmt: skip


def test_an_export_is_written_to_the_audit_log(session):
    _register_a_township(session)
    _exported(session)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "export"))
    assert entry.entity == "ledger" and entry.detail == {"ledger": "workers", "rows": 3}


def test_write_ledger_keeps_long_numbers_as_text_and_formats_dates_and_money():
    target = io.BytesIO()
    columns = [Column("身份证号", 21, "id"), Column("日期", 12, "date"), Column("钱", 10, "money")]
    write_ledger(target, title=None, columns=columns,
                 rows=[[500101199001011234, date(2020, 6, 9), 4000]])  # fmt: skip
    sheet = load_workbook(target).active
    assert sheet.freeze_panes == "A2"
    id_cell, day_cell, money_cell = sheet[2]
    assert id_cell.value == "500101199001011234" and id_cell.number_format == "@"
    assert day_cell.number_format == "yyyy-mm-dd" and money_cell.number_format == '"¥"#,##0'


def test_cli_exports_workers_and_placements(app, runner, tmp_path):
    with app.app_context():
        _register_a_township(db.session)
    workers_file = tmp_path / "workers.xlsx"
    answer = runner.invoke(args=["export", "workers", "--output", str(workers_file)])
    assert answer.exit_code == 0 and "3 workers written" in answer.output
    again = runner.invoke(args=["import", "workers", str(workers_file), "--dry-run"])
    assert again.exit_code == 0 and "created 0, updated 0, unchanged 3" in again.output
    placements = tmp_path / "placements.xlsx"
    answer = runner.invoke(args=["export", "placements", "--output", str(placements)])
    assert answer.exit_code == 0 and "1 placements written" in answer.output
    unknown = runner.invoke(args=["export", "workers", "--output", str(workers_file),
                                  "--township", "火星镇"])  # fmt: skip
    assert unknown.exit_code != 0 and "Unknown township code." in unknown.output
