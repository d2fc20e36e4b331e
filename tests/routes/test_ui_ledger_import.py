"""The bureau's ledger import page: the check and the import run in the background, the page
follows their progress, and an import that fails leaves the registry as it was."""

from __future__ import annotations

import io
import json
import re
import time

import pytest
from openpyxl import load_workbook

from jobs_app import background
from jobs_app.extensions import db
from jobs_app.models import Worker
from jobs_app.services.ledger import importing, runs
from jobs_app.services.ledger.store import LedgerStore
from tests.routes.test_ui_pages import csrf_of, logged_in, post
from tests.services.test_ledger_import import ledger_file, person

RUN_PAGE = re.compile(r"/bureau/import/([0-9a-f]{32})$")


@pytest.fixture
def bureau(app, world):
    return logged_in(app, "bureau")


def upload(app, client, sheet: io.BytesIO, **form) -> str:
    """Upload a ledger, wait for its check; the run page's path."""
    body = {"file": (sheet, "台账.xlsx"), "csrf_token": csrf_of(client, "/"), **form}
    answer = client.post("/bureau/import/", data=body, content_type="multipart/form-data")
    assert answer.status_code == 303 and RUN_PAGE.search(answer.headers["Location"])
    background.wait_all(app, timeout=60)
    return answer.headers["Location"]


def workers_registered(app) -> int:
    with app.app_context():
        return db.session.query(Worker).count()


def test_bureau_checks_a_ledger_then_imports_it(app, bureau):
    run_page = upload(app, bureau, ledger_file([person(), person()]))
    page = bureau.get(run_page).get_data(as_text=True)
    assert "试导入结果" in page and "确认导入" in page
    assert workers_registered(app) == 0
    status = bureau.get(f"{run_page}/status").get_json()
    assert status["status"] == "done" and status["progress"] == 1.0
    assert status["progress_text"] == "已读取 2 / 2 行（100%）"
    imported = post(bureau, run_page)
    assert imported.status_code == 303 and imported.headers["Location"].endswith(run_page)
    background.wait_all(app, timeout=60)
    page = bureau.get(run_page).get_data(as_text=True)
    assert "导入结果" in page and "确认导入" not in page
    assert workers_registered(app) == 2
    again = post(bureau, run_page)  # a second click imports nothing twice
    assert again.status_code == 302 and again.headers["Location"].endswith("/bureau/import/")
    assert workers_registered(app) == 2


def test_a_bad_ledger_row_is_named_and_nothing_can_be_imported(app, bureau):
    run_page = upload(app, bureau, ledger_file([person(), person(特困="不是")]))
    page = bureau.get(run_page).get_data(as_text=True)
    assert "特困" in page and "确认导入" not in page
    assert post(bureau, run_page).status_code == 302
    assert workers_registered(app) == 0


def test_the_bad_rows_download_as_a_sheet_to_correct_and_upload_again(app, bureau):
    run_page = upload(app, bureau, ledger_file([person(), person(特困="不是")]))
    assert "下载问题行" in bureau.get(run_page).get_data(as_text=True)
    with bureau.get(f"{run_page}/errors.xlsx") as sheet:
        assert sheet.status_code == 200
        assert "attachment" in sheet.headers["Content-Disposition"]
        workbook = io.BytesIO(sheet.data)
    rows = list(load_workbook(workbook).active.iter_rows(values_only=True))
    header, bad = rows[0], rows[1:]
    assert header[-1] == "问题" and len(bad) == 1
    assert bad[0][header.index("特困")] == "不是" and "特困" in bad[0][-1]


def test_a_clean_ledger_has_no_bad_rows_to_download(app, bureau):
    run_page = upload(app, bureau, ledger_file([person()]))
    assert "下载问题行" not in bureau.get(run_page).get_data(as_text=True)
    assert bureau.get(f"{run_page}/errors.xlsx").status_code == 404


def test_a_file_that_is_no_ledger_is_refused_by_name(app, bureau):
    run_page = upload(app, bureau, io.BytesIO(b"not a workbook"))
    page = bureau.get(run_page).get_data(as_text=True)
    assert "文件不是 .xlsx 格式的 Excel 工作簿" in page and "确认导入" not in page


def test_an_upload_without_a_file_is_refused(bureau):
    body = {"csrf_token": csrf_of(bureau, "/")}
    answer = bureau.post("/bureau/import/", data=body, content_type="multipart/form-data")
    assert answer.status_code == 422 and "请选择 .xlsx 台账文件" in answer.get_data(as_text=True)


def test_the_run_reports_its_progress_row_by_row(app, bureau, monkeypatch):
    monkeypatch.setattr(importing, "CHUNK_ROWS", 1)
    seen = []
    save = runs.Uploads.save

    def watched(self, run):
        seen.append((run.stage.value, run.status.value, run.rows_read, run.rows_total))
        save(self, run)

    monkeypatch.setattr(runs.Uploads, "save", watched)
    upload(app, bureau, ledger_file([person(), person(), person()]))
    assert [s for s in seen if s[1] == "running"] == [
        ("check", "running", 0, None), ("check", "running", 1, 3),
        ("check", "running", 2, 3), ("check", "running", 3, 3),
    ]  # fmt: skip
    assert seen[-1] == ("check", "done", 3, 3)


def test_an_import_that_fails_halfway_writes_nothing(app, bureau, monkeypatch):
    monkeypatch.setattr(importing, "CHUNK_ROWS", 1)
    run_page = upload(app, bureau, ledger_file([person(), person(), person()]))
    refresh = LedgerStore.refresh_statistics

    def breaks_on_the_third_chunk(self, chunk_number):
        if chunk_number == 2:
            raise RuntimeError("disk full")
        refresh(self, chunk_number)

    monkeypatch.setattr(LedgerStore, "refresh_statistics", breaks_on_the_third_chunk)
    post(bureau, run_page)
    background.wait_all(app, timeout=60)
    assert bureau.get(f"{run_page}/status").get_json()["status"] == "failed"
    assert "运行失败，未写入任何数据" in bureau.get(run_page).get_data(as_text=True)
    assert workers_registered(app) == 0


def test_a_run_whose_process_died_reads_as_failed(app, bureau):
    run_page = upload(app, bureau, ledger_file([person()]))
    token = RUN_PAGE.search(run_page).group(1)
    state = app.instance_path + f"/uploads/{token}.json"
    with open(state, encoding="utf-8") as saved:
        run = json.load(saved)
    run.update(status="running", updated_at=time.time() - runs.STALE_SECONDS - 1)
    with open(state, "w", encoding="utf-8") as saved:
        json.dump(run, saved)
    assert bureau.get(f"{run_page}/status").get_json()["status"] == "failed"
    assert "运行已中断" in bureau.get(run_page).get_data(as_text=True)


def test_only_the_bureau_imports_or_watches_an_import(app, bureau):
    run_page = upload(app, bureau, ledger_file([person()]))
    for username in ("desk", "employer", "admin"):
        other = logged_in(app, username)
        assert other.get(run_page).status_code == 403
        assert other.get(f"{run_page}/status").status_code == 403
        assert other.get("/bureau/import/").status_code == 403


def test_an_unknown_run_is_not_found(bureau):
    assert bureau.get(f"/bureau/import/{'0' * 32}").status_code == 404
    assert bureau.get("/bureau/import/../../etc/status").status_code == 404
