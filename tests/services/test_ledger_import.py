"""Importing the bureau's worker ledger (台账): every bad row named, nothing half-written."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from jobs_app import clock
from jobs_app.errors import Forbidden
from jobs_app.identity import age_on
from jobs_app.models import AuditEntry, Household, Role, Worker, WorkerStatus, WorkerStatusChange
from jobs_app.services import referrals
from jobs_app.services.access import Actor
from jobs_app.services.ledger import import_workers
from jobs_app.services.ledger.rows import RowChecker
from tests import factories

BUREAU = Actor(user_id=None, role=Role.bureau)
HEADER = ["姓名", "身份证号", "性别", "出生日期", "年龄", "联系电话", "镇乡（街道）", "村（社区）",
          "户类型", "低保", "特困", "劳动能力", "文化程度", "健康状况", "技能", "就业状态",
          "务工单位", "务工地点", "月收入", "帮扶责任人", "帮扶责任人电话"]  # fmt: skip


def person(birth: date = date(1985, 3, 9), *, male: bool = True, **cells) -> dict:
    """One ledger row by header, consistent with its ID number unless overridden."""
    number = factories.id_number(birth, male=male)
    row = {
        "姓名": "王大军", "身份证号": number, "性别": "男" if male else "女", "出生日期": birth,
        "年龄": age_on(birth, clock.today()), "联系电话": "13912345678", "镇乡（街道）": "龙沙镇",
        "村（社区）": "五一村", "户类型": "建档立卡贫困户", "低保": "否", "特困": "否",
        "劳动能力": "普通劳动力", "文化程度": "初中", "健康状况": "健康", "技能": "缝纫、焊工",
        "就业状态": "未就业", "务工单位": None, "务工地点": None, "月收入": None,
        "帮扶责任人": "李明", "帮扶责任人电话": "13800001111",
    }  # fmt: skip
    row.update(cells)
    return row


def ledger_file(rows: list[dict], *, header: list[str] = HEADER, title: str | None = None,
                blank_rows_before: int = 0) -> io.BytesIO:  # fmt: skip
    """An .xlsx ledger as a clerk's Excel would save it (title row optional)."""
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for _ in range(blank_rows_before):
        sheet.append([])
    names = [_canonical(h) for h in header]
    for row in rows:
        sheet.append([row.get(name) for name in names])
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    return stream


def _canonical(header: str) -> str:
    """The canonical header a variant stands for (unknown headers stand for themselves)."""
    variants = {"身份证号码": "身份证号", "证件号码": "身份证号", "手机号": "联系电话",
                "镇乡(街道)": "镇乡（街道）", "乡镇": "镇乡（街道）", " 镇 街 ": "镇乡（街道）",
                "村(社区)": "村（社区）", "贫困户属性": "户类型", "劳动技能": "劳动能力",
                "技能特长": "技能", "务工状态": "就业状态", "*姓名": "姓名"}  # fmt: skip
    return variants.get(header, header)


def run(session, rows, *, dry_run=False, **options):
    return import_workers(session, actor=BUREAU, path_or_stream=ledger_file(rows, **options),
                          dry_run=dry_run)  # fmt: skip


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_new_rows_register_workers_with_households_history_and_audit(session):
    rows = [person(), person(date(1990, 7, 1), male=False, 姓名="刘秀英", 低保="是",
                             户类型="边缘户（边缘易致贫户）", 就业状态="县内就业")]  # fmt: skip
    report = run(session, rows)
    session.commit()
    assert (report.created, report.updated, report.unchanged, report.errors) == (2, 0, 0, [])
    assert report.written
    worker = session.scalar(select(Worker).where(Worker.name == "刘秀英"))
    assert worker.id_number == rows[1]["身份证号"] and worker.sex == "female"
    assert worker.status == WorkerStatus.employed_local and worker.skills == ["缝纫", "焊工"]
    assert worker.township.name == "龙沙镇" and worker.household.category == "marginal"
    assert worker.household.dibao and worker.household.helper_name == "李明"
    assert count(session, Household) == 2 and count(session, WorkerStatusChange) == 2
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "worker"))
    assert sorted(actions) == ["create", "create"]


def test_header_variants_a_title_row_and_value_variants_are_understood(session):
    header = ["*姓名", "身份证号码", "手机号", " 镇 街 ", "村(社区)", "贫困户属性", "劳动技能",
              "技能特长", "务工状态"]  # fmt: skip
    row = person(**{"镇乡（街道）": "500101151000", "户类型": "监测户 (脱贫不稳定户)",
                     "劳动能力": "弱劳动力或半劳动力", "技能": "缝纫,焊工；电工 厨师",
                     "就业状态": "区县外市内"})  # fmt: skip
    other = person(**{"镇乡（街道）": "龙驹", "劳动能力": "丧失劳动力", "就业状态": "省外"})
    report = run(session, [row, other], header=header, title="万州区脱贫劳动力台账（2020年6月）")
    assert report.errors == [] and report.created == 2
    first = session.scalar(select(Worker).where(Worker.id_number == row["身份证号"]))
    assert first.township.name == "龙驹镇" and first.household.category == "monitored"
    assert first.ability == "weak" and first.status == WorkerStatus.employed_province
    assert first.skills == ["缝纫", "焊工", "电工", "厨师"]
    second = session.scalar(select(Worker).where(Worker.id_number == other["身份证号"]))
    assert second.ability == "none" and second.status == WorkerStatus.employed_out


BAD_VALUES = [
    ("身份证号", "500101198503091234", "校验位"),
    ("身份证号", "50010119850309", "18 位"),
    ("身份证号", None, "必填"),
    ("性别", "女", "性别"),
    ("出生日期", date(1985, 3, 10), "出生日期"),
    ("出生日期", "去年", "日期"),
    ("年龄", 70, "年龄"),
    ("联系电话", "1234567", "手机号码"),
    ("镇乡（街道）", "火星镇", "镇乡（街道）"),
    ("户类型", "富裕户", "建档立卡贫困户"),
    ("低保", "有", "是、否"),
    ("劳动能力", "很强", "普通劳动力"),
    ("文化程度", "幼儿园", "初中"),
    ("健康状况", "良好", "健康"),
    ("就业状态", "在家", "未就业"),
    ("月收入", "三千", "整数"),
    ("帮扶责任人电话", "0580-1234567", "手机号码"),
    ("姓名", "  ", "必填"),
]


@pytest.mark.parametrize(("column", "value", "said"), BAD_VALUES)
def test_each_bad_value_is_named_with_its_row_and_column_and_nothing_is_written(
    session, column, value, said
):
    report = run(session, [person(), person(date(1988, 1, 2), **{column: value})])
    assert [(e.row, e.column) for e in report.errors] == [(3, column)]
    assert said in report.errors[0].text()
    assert not report.written and report.refused and count(session, Worker) == 0


def test_a_worker_under_16_is_refused(session):
    young = clock.today() - timedelta(days=15 * 365)
    report = run(session, [person(young, 年龄=None)])
    assert [(e.row, e.column, e.text()) for e in report.errors] == [
        (2, "身份证号", "劳动力须年满 16 周岁")
    ]


def test_a_repeated_id_number_is_an_error_on_the_later_row(session):
    first = person()
    report = run(session, [first, person(), dict(first, 姓名="王二")])
    assert [(e.row, e.column, e.text()) for e in report.errors] == [
        (4, "身份证号", "身份证号与第 2 行重复")
    ]


def test_rows_are_numbered_as_excel_shows_them_past_titles_and_blank_rows(session):
    rows = [person(), person(联系电话="123")]
    stream = ledger_file(rows, title="台账", blank_rows_before=2)
    report = import_workers(session, actor=BUREAU, path_or_stream=stream, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(6, "联系电话")]
    assert report.created == 1


def test_problems_are_also_told_in_english(session):
    report = run(session, [person(联系电话="123")])
    assert report.as_dict("en")["errors"] == [
        {"row": 2, "column": "联系电话", "problem": "“123” is not a mainland mobile number"}
    ]


def test_a_dry_run_counts_and_names_bad_rows_but_writes_nothing(session):
    factories.worker(session, id_number=(known := person())["身份证号"], name="旧名字")
    session.commit()
    report = run(session, [known, person(), person(户类型="?")], dry_run=True)
    session.commit()
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    assert len(report.errors) == 1 and not report.written and not report.refused
    assert count(session, Worker) == 1
    assert session.scalar(select(Worker.name)) == "旧名字"


def test_keep_good_writes_the_good_rows_and_gives_back_the_bad_ones_with_their_problems(session):
    bad = person(联系电话="123", 性别="女")
    stream = ledger_file([person(), bad, person()])
    report = import_workers(session, actor=BUREAU, path_or_stream=stream, dry_run=False,
                            keep_good=True)  # fmt: skip
    session.commit()
    assert report.written and report.created == 2 and count(session, Worker) == 2
    sheet_file = io.BytesIO()
    report.write_error_sheet(sheet_file)
    sheet = load_workbook(sheet_file).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [*HEADER, "问题"]
    assert rows[1][1] == bad["身份证号"] and sheet.cell(2, 2).number_format == "@"
    assert "联系电话：" in rows[1][-1] and "性别：" in rows[1][-1] and len(rows) == 2


def test_a_second_import_of_the_same_ledger_changes_nothing_and_says_so(session):
    rows = [person(), person(就业状态="无就业意愿"), person(文化程度=None, 技能=None)]
    run(session, rows)
    session.commit()
    changes_before = count(session, WorkerStatusChange)
    again = run(session, rows)
    session.commit()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert count(session, WorkerStatusChange) == changes_before


def test_a_changed_phone_and_status_update_the_worker_and_keep_the_status_history(session):
    row = person()
    run(session, [row])
    session.commit()
    report = run(session, [dict(row, 联系电话="13700000000", 就业状态="市外就业")])
    session.commit()
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    worker = session.scalar(select(Worker))
    assert worker.phone == "13700000000" and worker.status == WorkerStatus.employed_out
    history = session.scalars(select(WorkerStatusChange.status).order_by(WorkerStatusChange.id))
    assert list(history) == [WorkerStatus.seeking, WorkerStatus.employed_out]
    update = session.scalar(select(AuditEntry).where(AuditEntry.action == "update"))
    assert update.entity_id == worker.id and update.detail["fields"] == ["phone", "status"]


def test_a_new_township_moves_the_household(session):
    row = person()
    run(session, [row])
    session.commit()
    run(session, [dict(row, **{"镇乡（街道）": "龙驹镇", "户类型": "已脱贫户"})])
    session.commit()
    worker = session.scalar(select(Worker))
    assert worker.township.name == "龙驹镇" and worker.household.township.name == "龙驹镇"
    assert worker.household.category == "lifted"


def test_an_id_number_excel_stored_as_a_number_lost_its_last_digits_and_is_refused(session):
    row = person()
    while row["身份证号"].endswith("X"):  # one in eleven: a number Excel could not hold at all
        row = person()
    report = run(session, [dict(row, 身份证号=float(row["身份证号"]))])
    assert [(e.row, e.column) for e in report.errors] == [(2, "身份证号")]
    assert "末几位已丢失" in report.errors[0].text() and count(session, Worker) == 0


def test_an_id_number_kept_as_an_exact_integer_is_read_as_text_with_a_warning(session):
    row = person()
    checker = RowChecker({"id_number": "身份证号"}, {}, clock.today())
    read = checker.check(7, {"id_number": int(row["身份证号"].replace("X", "0"))})
    if row["身份证号"].endswith("X"):
        assert read[0].key == "id_check"
    else:
        assert read.id_number == row["身份证号"]
        assert [(w.row, w.key) for w in checker.warnings] == [(7, "id_read_as_text")]


def test_the_status_of_a_placed_worker_changes_only_through_the_placement(session):
    employer = factories.employer(session)
    opening = factories.opening(session, employer_id=employer.id)
    worker = factories.worker(session)
    referral = factories.referral(session, worker_id=worker.id, opening_id=opening.id)
    referrals.hire(session, actor=BUREAU, referral_id=referral.id,
                   start_date=opening.start_date, wage=2500)  # fmt: skip
    session.commit()
    row = person(身份证号=worker.id_number, 性别=None, 出生日期=None, 年龄=None, 就业状态="未就业")
    report = run(session, [row])
    assert [(e.row, e.column) for e in report.errors] == [(2, "就业状态")]
    assert "离岗" in report.errors[0].text()


def test_a_ledger_without_its_header_or_a_required_column_is_refused_whole(session):
    no_header = ledger_file([person()], header=["序号", "备注"])
    report = import_workers(session, actor=BUREAU, path_or_stream=no_header, dry_run=True)
    assert [(e.row, e.key) for e in report.errors] == [(1, "no_header")]
    short = ledger_file(
        [person()], header=["姓名", "身份证号", "镇乡（街道）", "户类型", "劳动能力"]
    )
    report = import_workers(session, actor=BUREAU, path_or_stream=short, dry_run=True)
    assert [(e.row, e.column, e.text()) for e in report.errors] == [(1, "就业状态", "缺少必需的列")]


def test_only_the_bureau_imports(session):
    desk = Actor(user_id=None, role=Role.desk, township_id=1)
    with pytest.raises(Forbidden):
        import_workers(session, actor=desk, path_or_stream=ledger_file([person()]), dry_run=True)


def test_cli_import_prints_the_summary_and_each_bad_row_and_fails_on_bad_rows(
    app, runner, tmp_path
):
    good = tmp_path / "good.xlsx"
    good.write_bytes(ledger_file([person(), person()]).getvalue())
    answer = runner.invoke(args=["import", "workers", str(good)])
    assert answer.exit_code == 0, answer.output
    assert "created 2, updated 0, unchanged 0" in answer.output
    again = runner.invoke(args=["import", "workers", str(good), "--dry-run"])
    assert again.exit_code == 0 and "created 0, updated 0, unchanged 2" in again.output
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(ledger_file([person(), person(低保="有")]).getvalue())
    refused = runner.invoke(args=["import", "workers", str(bad), "--lang", "en"])
    assert refused.exit_code == 1
    assert "row 3, 低保: “有” must be one of: 是、否" in refused.output
    assert "nothing written" in refused.output


def test_cli_keep_good_writes_the_error_sheet(app, runner, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(ledger_file([person(), person(年龄=3)]).getvalue())
    errors = tmp_path / "errors.xlsx"
    answer = runner.invoke(args=["import", "workers", str(bad), "--keep-good",
                                 "--errors-output", str(errors)])  # fmt: skip
    assert answer.exit_code == 1 and "created 1" in answer.output
    rows = list(load_workbook(errors).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][-1].startswith("年龄：")
