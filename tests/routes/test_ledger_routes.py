"""The ledger endpoints: the bureau uploads and downloads; every other role gets 403."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from jobs_app.extensions import db
from jobs_app.models import Worker
from tests import factories
from tests.services.test_ledger_import import ledger_file, person

IMPORT = "/api/v1/imports/workers"
EXPORTS = ("/api/v1/exports/workers.xlsx", "/api/v1/exports/placements.xlsx")


def _upload(client, rows, query="", **headers):
    body = {"file": (ledger_file(rows), "台账.xlsx")}
    return client.post(f"{IMPORT}{query}", data=body, content_type="multipart/form-data",
                       headers=headers)  # fmt: skip


def _workers(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(Worker))


@pytest.mark.parametrize("role", ["desk", "employer", "admin"])
def test_only_the_bureau_imports_and_exports(as_role, app, role):
    client = as_role(role)
    assert _upload(client, [person()]).status_code == 403
    for path in EXPORTS:
        assert client.get(path).status_code == 403
    assert _workers(app) == 0


def test_bureau_import_answers_the_report(as_role, app):
    answer = _upload(as_role("bureau"), [person(), person()])
    assert answer.status_code == 200
    assert answer.json == {"dry_run": False, "created": 2, "updated": 0, "unchanged": 0,
                           "written": True, "errors": [], "warnings": []}  # fmt: skip
    assert _workers(app) == 2


def test_a_dry_run_names_bad_rows_and_writes_nothing(as_role, app):
    answer = _upload(as_role("bureau"), [person(), person(特困="不是")], "?dry_run=true")
    assert answer.status_code == 200 and answer.json["dry_run"] is True
    assert answer.json["created"] == 1 and answer.json["written"] is False
    assert answer.json["errors"] == [{"row": 3, "column": "特困", "problem": "“不是”应为：是、否"}]
    assert _workers(app) == 0


def test_a_refused_real_run_answers_422_with_the_report_in_english(as_role, app):
    answer = _upload(as_role("bureau"), [person(), person(联系电话="12")],
                     **{"Accept-Language": "en"})  # fmt: skip
    assert answer.status_code == 422 and answer.json["written"] is False
    assert answer.json["errors"][0]["problem"] == "“12” is not a mainland mobile number"
    assert _workers(app) == 0


def test_keep_good_writes_the_good_rows(as_role, app):
    answer = _upload(as_role("bureau"), [person(), person(联系电话="12")], "?keep_good=true")
    assert answer.status_code == 200 and answer.json["written"] is True
    assert _workers(app) == 1


def test_an_upload_without_a_file_is_a_422_naming_the_field(as_role):
    answer = as_role("bureau").post(IMPORT, data={}, content_type="multipart/form-data")
    assert answer.status_code == 422 and "file" in answer.json["errors"]


def test_downloads_are_attachments_nobody_caches(as_role, app):
    with app.app_context():
        factories.worker(db.session, name="周芳")
        db.session.commit()
    for path in EXPORTS:
        answer = as_role("bureau").get(path)
        assert answer.status_code == 200
        assert answer.headers["Content-Disposition"].startswith("attachment")
        assert answer.headers["Cache-Control"] == "no-store"
        assert answer.mimetype.endswith("spreadsheetml.sheet")
        answer.close()
    answer = as_role("bureau").get(EXPORTS[0], query_string={"township_code": "龙沙镇"})
    sheet = load_workbook(io.BytesIO(answer.data)).active
    answer.close()
    assert sheet["A3"].value == "周芳"
