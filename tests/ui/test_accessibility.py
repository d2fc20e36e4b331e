"""Every main page of every role passes axe-core's WCAG 2 A and AA rules (2.0, 2.1, 2.2).

axe-core 4.14.1 is vendored for the tests only (``vendor/axe.min.js``, MPL-2.0). It is put
into the page through the DevTools protocol (``page.evaluate``), which the pages'
Content-Security-Policy does not govern, so the CSP stays as strict as it is in use.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs_app import clock
from jobs_app.extensions import db
from jobs_app.services import recounts, referrals
from jobs_app.services.access import Actor
from jobs_app.services.ledger import runs
from tests import factories
from tests.services.test_ledger_import import ledger_file, person

AXE = (Path(__file__).resolve().parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SYSTEM = Actor.system()


@pytest.fixture
def places(app, world, tmp_path):
    """A worker referred and one hired, a recount, a ledger with a bad row to check and an
    import halfway through."""
    with app.app_context():
        session = db.session
        opening = factories.opening(session, employer_id=world.employer_a, headcount=5)
        referred = factories.worker(session, name="陈玉梅")
        referral = factories.referral(session, worker_id=referred.id, opening_id=opening.id)
        hired = factories.worker(session, name="王小红")
        placed = factories.referral(session, worker_id=hired.id, opening_id=opening.id)
        referrals.hire(session, actor=SYSTEM, referral_id=placed.id, start_date=clock.today(),
                       wage=2800)  # fmt: skip
        recounts.run(session, actor=SYSTEM, period=clock.today().strftime("%Y-%m"))
        session.commit()
        ids = {"worker": referred.id, "referral": referral.id, "household": referred.household_id}
    sheet = tmp_path / "台账.xlsx"
    sheet.write_bytes(ledger_file([person(), person(特困="不是")]).getvalue())
    uploads = runs.Uploads(Path(app.instance_path) / "uploads")
    running = uploads.keep(ledger_file([person()]), keep_good=False)
    running.status, running.rows_read, running.rows_total = runs.Status.running, 4000, 10000
    uploads.save(running)
    return {**ids, "ledger": sheet, "running": running.token}


def _pages(role: str, places: dict) -> list[str]:
    return {
        "desk": ["/desk/workers", f"/desk/workers/{places['worker']}", "/desk/workers/new",
                 "/desk/zero-clearing", f"/desk/referrals/{places['referral']}/letter",
                 f"/desk/workers/{places['worker']}/edit", "/desk/households/new",
                 f"/desk/households/{places['household']}",
                 f"/desk/households/{places['household']}/edit"],
        "employer": ["/employer/", "/employer/openings/new", "/employer/candidates",
                     "/employer/placed"],
        "bureau": ["/", "/bureau/import/", f"/bureau/import/{places['running']}",
                   "/bureau/allocations/", "/bureau/trips/", "/bureau/audit/"],
    }[role]  # fmt: skip


def violations(page) -> list[str]:
    """axe's WCAG A/AA findings on the page as it stands, one readable line per element."""
    page.evaluate(AXE)
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations",
        WCAG_AA,
    )
    return [
        f"{rule['id']} ({rule['impact']}): {rule['help']}\n"
        f"    at {' '.join(node['target'])}: {' '.join(node['failureSummary'].split())}"
        for rule in found
        for node in rule["nodes"]
    ]


@pytest.mark.parametrize("role", ["desk", "employer", "bureau"])
def test_every_main_page_meets_wcag_aa(visit, places, role):
    visit.log_in(role, factories.PASSWORD)
    found = {}
    for path in _pages(role, places):
        visit.go(path).wait_for_load_state("networkidle")
        found[path] = violations(visit.page)
    if role == "bureau":  # the import's report, with a bad row listed
        visit.go("/bureau/import/")
        visit.page.get_by_label("劳动力台账（.xlsx）").set_input_files(str(places["ledger"]))
        visit.page.get_by_role("button", name="检查台账（试导入）").click()
        visit.page.get_by_role("heading", name="试导入结果").wait_for()
        found["the import's report"] = violations(visit.page)
    report = "\n".join(f"{path}: {line}" for path, lines in found.items() for line in lines)
    assert not report, f"WCAG A/AA violations as {role}:\n{report}"
    assert visit.errors == []


def test_the_check_finds_a_field_without_a_label(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html lang="en"><title>t</title><main><input id="bare"></main></html>')
    found = violations(page)
    context.close()
    assert found and found[0].startswith("label (critical)") and "#bare" in found[0]
