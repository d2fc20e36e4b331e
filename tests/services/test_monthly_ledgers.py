"""The month's ledgers read back: recount, zero-clearing list, visits due, subsidies due."""

from datetime import timedelta
from io import BytesIO

from openpyxl import load_workbook

from jobs_app import clock
from jobs_app.extensions import db
from jobs_app.services import recounts, referrals
from tests import factories


def sheet_rows(content: bytes) -> list[tuple]:
    workbook = load_workbook(BytesIO(content), read_only=True)
    return [tuple(row) for row in workbook.active.iter_rows(values_only=True)]


def download(client, url: str):
    """The answer and its bytes; the streamed file is closed before the test goes on."""
    answer = client.get(url)
    content = answer.data
    answer.close()
    return answer, content


def month() -> str:
    return clock.today().strftime("%Y-%m")


def test_recount_ledger_has_a_row_per_township_and_the_total(app, as_role, world):
    with app.app_context():
        factories.worker(db.session)
        factories.worker(db.session, township_code=factories.LONGJU)
        recounts.run(db.session, actor=factories.BUREAU, period=month())
        db.session.commit()
    answer, content = download(as_role("bureau"), f"/api/v1/exports/recount-{month()}.xlsx")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    rows = sheet_rows(content)
    assert rows[0][0].startswith("万州区脱贫劳动力月度排查台账")
    assert rows[1][:2] == ("镇乡（街道）", "劳动力总数")
    body = {row[0]: row for row in rows[2:]}
    assert set(body) == {"龙沙镇", "龙驹镇", "合计"}
    assert body["合计"][1] == 2 and body["合计"][12] == 2  # workers, seeking
    assert as_role("desk").get(f"/api/v1/exports/recount-{month()}.xlsx").status_code == 403


def test_zero_clearing_list_of_a_desk_holds_its_township_only(app, as_role, world, runner,
                                                              tmp_path):  # fmt: skip
    with app.app_context():
        factories.worker(db.session, name="本镇")
        factories.worker(db.session, name="外镇", township_code=factories.LONGJU)
        recounts.run(db.session, actor=factories.BUREAU, period=month())
        db.session.commit()
    rows = sheet_rows(download(as_role("desk"), f"/api/v1/exports/seeking-{month()}.xlsx")[1])
    assert [row[0] for row in rows[2:]] == ["本镇"]
    output = tmp_path / "seeking.xlsx"
    done = runner.invoke(args=["export", "seeking", "--period", month(), "--output", str(output)])
    assert done.exit_code == 0, done.output
    assert {row[0] for row in sheet_rows(output.read_bytes())[2:]} == {"本镇", "外镇"}


def test_visits_and_subsidies_due_ledgers(app, as_role, world, runner, tmp_path):
    today = clock.today()
    with app.app_context():
        worker = factories.worker(db.session)
        opening = factories.opening(db.session, employer_id=world.employer_b, province="山东省",
                                    city="济宁市", township_code=None,
                                    start_date=today + timedelta(days=3))  # fmt: skip
        referral = factories.referral(db.session, worker_id=worker.id, opening_id=opening.id)
        referrals.hire(db.session, actor=factories.BUREAU, referral_id=referral.id,
                       start_date=today, wage=5000)  # fmt: skip
        db.session.commit()
    subsidies = sheet_rows(download(as_role("bureau"), "/api/v1/exports/subsidies-due.xlsx")[1])
    assert [(row[4], row[5]) for row in subsidies[2:]] == [("一次性求职交通补贴（市外）", 200)]
    output = tmp_path / "visits.xlsx"
    done = runner.invoke(args=["export", "visits", "--output", str(output)])
    assert done.exit_code == 0 and "0 visits due" in done.output
    assert sheet_rows(output.read_bytes())[1][0] == "姓名"
