"""Each role's work in a real browser (Chromium): register and refer, hire, the dashboard's
charts, printing, and that no page asks anything of the outside world."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jobs_app import clock
from jobs_app.extensions import db
from jobs_app.identity import parse_id_number
from jobs_app.services import recounts, referrals
from jobs_app.services.access import Actor
from tests import factories
from tests.ui.conftest import ARTIFACTS

SYSTEM = Actor.system()


def _commit(app, build):
    with app.app_context():
        made = build(db.session)
        db.session.commit()
        return made


@pytest.fixture
def opening(app, world):
    return _commit(app, lambda s: factories.opening(s, employer_id=world.employer_a).id)


@pytest.fixture
def referral(app, opening):
    def build(session):
        worker = factories.worker(session, name="陈玉梅")
        return factories.referral(session, worker_id=worker.id, opening_id=opening).id

    return _commit(app, build)


def _hire(session, referral_id: int, start=None):
    referrals.hire(session, actor=SYSTEM, referral_id=referral_id,
                   start_date=start or clock.today(), wage=2800)  # fmt: skip


def test_desk_clerk_registers_a_worker_and_refers_her(visit, opening):
    page = visit.log_in("desk", factories.PASSWORD)
    page.get_by_role("link", name="登记劳动力").click()
    number = factories.id_number(male=False)
    facts = parse_id_number(number)
    page.get_by_label("姓名").fill("张秀英")
    page.get_by_label("身份证号").press_sequentially(number)
    panel = page.locator("#id-facts")
    assert panel.locator('[data-fact="birth_date"] output').inner_text() == f"{facts.birth_date}"
    assert panel.locator('[data-fact="sex"] output').inner_text() == "女"
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_role("combobox", name="户类型").select_option("registered_poor")
    page.get_by_role("combobox", name="劳动能力").select_option("ordinary")
    page.get_by_label("技能", exact=True).fill("缝纫")
    page.get_by_role("button", name="登记", exact=True).click()
    page.get_by_text("已登记。").wait_for()
    page.get_by_role("button", name="推荐：缝纫工（龙沙玩具扶贫车间）").click()
    page.get_by_text("已推荐。").wait_for()
    assert page.locator("#referrals-h + table").get_by_text("已推荐").count() == 1
    visit.screenshot("desk-worker")
    assert visit.errors == []


def test_the_id_check_warns_of_a_mistyped_or_known_number(app, visit):
    known = _commit(app, lambda s: factories.worker(s, name="李春梅").id_number)
    page = visit.log_in("desk", factories.PASSWORD)
    visit.go("/desk/workers/new")
    field = page.get_by_label("身份证号")
    field.press_sequentially(known[:17] + ("0" if known[17] != "0" else "1"))
    assert page.locator('[data-fact="message"]').inner_text() == "校验位错误"
    field.fill("")
    field.press_sequentially(known)
    page.get_by_text("该身份证号已登记：李春梅（龙沙镇）").wait_for()
    assert visit.errors == []


def test_employer_hires_a_referred_worker(app, visit, referral):
    page = visit.log_in("employer", factories.PASSWORD)
    page.get_by_role("link", name="推荐人选").click()
    row = page.get_by_role("row").filter(has_text="陈玉梅")
    assert "********" in row.inner_text()
    row.get_by_role("button", name="确认上岗：陈玉梅").click()
    page.get_by_text("已确认上岗。").wait_for()
    page.get_by_role("link", name="在岗人员").click()
    page.get_by_role("row").filter(has_text="陈玉梅").wait_for()
    visit.screenshot("employer-placed")


def test_bureau_dashboard_draws_its_charts(app, visit, referral):
    def build(session):
        _hire(session, referral)
        recounts.run(session, actor=SYSTEM, period=clock.today().strftime("%Y-%m"))

    _commit(app, build)
    page = visit.log_in("bureau", factories.PASSWORD)
    for chart in ("#chart-trend", "#chart-kind", "#chart-province"):
        page.locator(f"{chart} canvas").first.wait_for()
    page.get_by_role("button", name="未就业（求职中）").click()
    assert page.locator("th[aria-sort]").first.get_attribute("aria-sort") == "ascending"
    visit.screenshot("bureau-dashboard")
    assert visit.errors == []


def test_bureau_plans_a_bus_sees_its_tour_and_prints_the_manifest(app, visit, world):
    start = clock.today() + timedelta(days=10)

    def build(session):
        far = factories.opening(session, employer_id=world.employer_b, province="山东省",
                                city="济宁市", township_code=None, start_date=start)  # fmt: skip
        for name, township in (("王小红", factories.LONGSHA), ("李大山", factories.LONGJU)):
            worker = factories.worker(session, name=name, township_code=township)
            made = factories.referral(session, worker_id=worker.id, opening_id=far.id)
            _hire(session, made.id, start)

    _commit(app, build)
    page = visit.log_in("bureau", factories.PASSWORD)
    page.get_by_role("link", name="专车编排").first.click()
    page.get_by_label("截止日期").fill(start.isoformat())
    page.get_by_role("button", name="编排车次").click()
    page.get_by_text("已编排车次：1").wait_for()
    page.locator("[data-tour] canvas").first.wait_for()
    visit.screenshot("trip-planner")
    page.get_by_role("link", name="乘车名单", exact=True).first.click()
    assert "/manifest" in page.url
    page.emulate_media(media="print")
    page.get_by_text("王小红").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "manifest.pdf"), format="A4", landscape=True)
    assert pdf.startswith(b"%PDF")
    visit.screenshot("manifest-print")
    assert visit.errors == []


def test_the_referral_letter_prints_without_the_page_chrome(visit, referral):
    page = visit.log_in("desk", factories.PASSWORD)
    visit.go(f"/desk/referrals/{referral}/letter")
    page.emulate_media(media="print")
    assert page.locator("header.top").is_hidden()
    assert page.get_by_role("heading", name="推荐信").is_visible()
    visit.screenshot("referral-letter-print")


def test_no_page_asks_anything_from_outside_127_0_0_1(app, visit, referral):
    _commit(app, lambda s: recounts.run(s, actor=SYSTEM, period=clock.today().strftime("%Y-%m")))
    rounds = {
        "desk": ["/desk/workers", "/desk/workers/new", "/desk/zero-clearing",
                 f"/desk/referrals/{referral}/letter"],
        "employer": ["/employer/", "/employer/candidates", "/employer/placed",
                     "/employer/openings/new"],
        "bureau": ["/", "/desk/workers", "/bureau/trips/", "/bureau/import/",
                   "/bureau/allocations/"],
    }  # fmt: skip
    for username, paths in rounds.items():
        visit.log_in(username, factories.PASSWORD)
        for path in paths:
            visit.go(path).wait_for_load_state("networkidle")
        visit.page.get_by_role("button", name="退出").click()
    assert len(visit.requests) > 20
    assert visit.outside_requests() == []
    assert visit.errors == []
