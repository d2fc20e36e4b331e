"""The web pages through the test client: each role's day, in Chinese unless switched."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest

from jobs_app import background
from jobs_app.extensions import db
from jobs_app.models import Referral, ReferralStatus, Worker
from jobs_app.services import recounts
from jobs_app.services.access import Actor
from jobs_app.ui_text import ZH
from tests import factories

TEMPLATES = Path(__file__).resolve().parents[2] / "jobs_app" / "templates"
DATA = re.compile(r'<script type="application/json" id="dashboard-data">(.*?)</script>', re.S)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(client, path: str = "/login") -> str:
    return CSRF.search(client.get(path, follow_redirects=True).get_data(as_text=True)).group(1)


def logged_in(app, username: str):
    client = app.test_client()
    answer = client.post("/login", data={"username": username, "password": factories.PASSWORD,
                                          "csrf_token": csrf_of(client)})  # fmt: skip
    assert answer.status_code == 302
    return client


def post(client, path: str, **form):
    return client.post(path, data={**form, "csrf_token": csrf_of(client, "/")})


@pytest.fixture
def desk(app, world):
    return logged_in(app, "desk")


@pytest.fixture
def employer(app, world):
    return logged_in(app, "employer")


@pytest.fixture
def bureau(app, world):
    return logged_in(app, "bureau")


@pytest.fixture
def opening(app, world):
    """An open sewing job in the desk's town at the workshop."""
    with app.app_context():
        found = factories.opening(db.session, employer_id=world.employer_a)
        db.session.commit()
        return found.id


def seeking_worker(app, **overrides) -> int:
    with app.app_context():
        worker = factories.worker(db.session, **overrides)
        db.session.commit()
        return worker.id


def referral_of(app, worker_id: int, opening_id: int) -> int:
    with app.app_context():
        referral = factories.referral(db.session, worker_id=worker_id, opening_id=opening_id)
        db.session.commit()
        return referral.id


def test_login_page_is_chinese_with_labelled_fields_and_csrf(app, world):
    page = app.test_client().get("/login").get_data(as_text=True)
    assert '<html lang="zh-CN">' in page
    assert '<label for="username">用户名</label>' in page
    assert '<label for="password">密码</label>' in page
    assert 'name="csrf_token"' in page


def test_wrong_password_is_refused_in_chinese(app, world):
    client = app.test_client()
    answer = client.post("/login", data={"username": "desk", "password": "wrong-password",
                                          "csrf_token": csrf_of(client)})  # fmt: skip
    assert answer.status_code == 401
    assert "用户名或密码错误" in answer.get_data(as_text=True)


def test_failed_logins_on_the_login_page_are_throttled_too(app, world):
    client = app.test_client()
    wrong = {"username": "desk", "password": "wrong-password", "csrf_token": csrf_of(client)}
    codes = [client.post("/login", data=wrong).status_code for _ in range(11)]
    assert codes[:10] == [401] * 10 and codes[10] == 429


def test_login_form_without_csrf_token_is_refused(app, world):
    answer = app.test_client().post("/login", data={"username": "desk",
                                                    "password": factories.PASSWORD})  # fmt: skip
    assert answer.status_code == 400


def test_a_page_sends_an_anonymous_visitor_to_login(app, world):
    answer = app.test_client().get("/desk/workers")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/login")


@pytest.mark.parametrize(
    ("username", "home"),
    [("desk", "/desk/workers"), ("employer", "/employer/"), ("bureau", None)],
)
def test_home_is_each_roles_own(app, world, username, home):
    answer = logged_in(app, username).get("/")
    if home:
        assert answer.headers["Location"] == home
    else:
        assert answer.status_code == 200
        assert "dashboard-data" in answer.get_data(as_text=True)


def test_logout_ends_the_session(desk):
    assert post(desk, "/logout").status_code == 302
    assert desk.get("/desk/workers").status_code == 302


def test_desk_may_not_open_the_employers_pages(desk):
    answer = desk.get("/employer/candidates")
    assert answer.status_code == 403
    assert "当前角色无权执行此操作" in answer.get_data(as_text=True)


def test_desk_finds_her_worker_by_name(app, desk):
    seeking_worker(app, name="李春梅")
    seeking_worker(app, name="王小红", township_code=factories.LONGJU)
    page = desk.get("/desk/workers?q=春梅").get_data(as_text=True)
    assert "李春梅" in page
    assert "王小红" not in page


def test_registration_shows_the_id_error_next_to_the_field_in_chinese(app, desk):
    answer = post(desk, "/desk/workers/new", name="张秀英", id_number="500101198001010010",
                  category="registered_poor", ability="ordinary", status="seeking")  # fmt: skip
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert '<p class="field-error" id="id_number-error">校验位错误</p>' in page
    assert 'aria-describedby="id_number-hint id_number-error"' in page
    with app.app_context():
        assert db.session.query(Worker).count() == 0


def test_registration_names_a_duplicate_id(app, desk):
    taken = factories.id_number()
    seeking_worker(app, id_number=taken)
    answer = post(desk, "/desk/workers/new", name="张秀英", id_number=taken,
                  category="registered_poor", ability="ordinary", status="seeking")  # fmt: skip
    assert answer.status_code == 422
    assert "该身份证号已登记" in answer.get_data(as_text=True)


def test_desk_registers_a_worker_and_refers_her(app, desk, opening):
    answer = post(desk, "/desk/workers/new", name="张秀英", id_number=factories.id_number(),
                  phone="13912345678", category="registered_poor", ability="ordinary",
                  skills="缝纫、包装", status="seeking", wish_scope="anywhere")  # fmt: skip
    assert answer.status_code == 302
    worker_page = desk.get(answer.headers["Location"]).get_data(as_text=True)
    assert "已登记" in worker_page
    assert "缝纫工" in worker_page and "推荐理由" in worker_page
    worker_id = int(answer.headers["Location"].rsplit("/", 1)[1])
    referred = post(desk, f"/desk/workers/{worker_id}/referrals", opening_id=opening)
    assert "已推荐" in desk.get(referred.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        referral = db.session.query(Referral).one()
        assert (referral.worker_id, referral.status) == (worker_id, ReferralStatus.referred)


def test_a_refused_referral_is_explained_on_the_worker_page(app, desk, opening):
    worker_id = seeking_worker(app)
    post(desk, f"/desk/workers/{worker_id}/referrals", opening_id=opening)
    again = post(desk, f"/desk/workers/{worker_id}/referrals", opening_id=opening)
    assert "该劳动力已推荐至此岗位" in desk.get(again.headers["Location"]).get_data(as_text=True)


def test_referral_letter_is_printable_with_the_full_id(app, desk, opening):
    worker_id = seeking_worker(app, name="刘桂兰")
    referral_id = referral_of(app, worker_id, opening)
    page = desk.get(f"/desk/referrals/{referral_id}/letter").get_data(as_text=True)
    with app.app_context():
        number = db.session.get(Worker, worker_id).id_number
    assert "推荐信" in page and "刘桂兰" in page and number in page
    assert "js/print.js" in page


def test_employer_sees_masked_candidates_without_category(app, employer, opening):
    worker_id = seeking_worker(app, name="陈玉梅")
    referral_of(app, worker_id, opening)
    page = employer.get("/employer/candidates").get_data(as_text=True)
    with app.app_context():
        worker = db.session.get(Worker, worker_id)
        number, phone = worker.id_number, worker.phone
    assert "陈玉梅" in page
    assert number not in page and phone not in page
    assert number[:6] + "********" + number[-4:] in page
    assert "建档立卡" not in page and "户类型" not in page


def test_employer_hires_then_reports_the_departure(app, employer, opening):
    referral_id = referral_of(app, seeking_worker(app), opening)
    hired = post(employer, f"/employer/referrals/{referral_id}/hire", wage="2800",
                 start_date=factories.clock.today().isoformat())  # fmt: skip
    assert "已确认上岗" in employer.get(hired.headers["Location"]).get_data(as_text=True)
    assert "¥2,800" in employer.get("/employer/placed").get_data(as_text=True)
    post(employer, f"/employer/referrals/{referral_id}/leave", reason="回家照顾老人",
         date=factories.clock.today().isoformat())  # fmt: skip
    with app.app_context():
        assert db.session.get(Referral, referral_id).status == ReferralStatus.left


def test_employer_declines_a_candidate(app, employer, opening):
    referral_id = referral_of(app, seeking_worker(app), opening)
    post(employer, f"/employer/referrals/{referral_id}/decline", reason="技能不符")
    with app.app_context():
        assert db.session.get(Referral, referral_id).status == ReferralStatus.declined


def test_employer_posts_edits_and_closes_an_opening(app, employer):
    start = factories.clock.today().isoformat()
    bad = post(employer, "/employer/openings/new", title="包装工", headcount="3",
               wage_min="3000", wage_max="2000", province="重庆市", city="万州区",
               township_code=factories.LONGSHA, start_date=start)  # fmt: skip
    assert bad.status_code == 422
    assert "最小值不能大于最大值" in bad.get_data(as_text=True)
    posted = post(employer, "/employer/openings/new", title="包装工", headcount="3",
                  wage_min="2000", wage_max="3000", province="重庆市", city="万州区",
                  township_code=factories.LONGSHA, start_date=start, board="1")  # fmt: skip
    assert posted.status_code == 302
    listing = employer.get("/employer/").get_data(as_text=True)
    opening_id = int(re.search(r"/employer/openings/(\d+)/edit", listing).group(1))
    edited = post(employer, f"/employer/openings/{opening_id}/edit", title="包装工（夜班）",
                  headcount="4", wage_min="2200", wage_max="3200", province="重庆市",
                  city="万州区", township_code=factories.LONGSHA, start_date=start)  # fmt: skip
    assert edited.status_code == 302
    post(employer, f"/employer/openings/{opening_id}/close")
    listing = employer.get("/employer/").get_data(as_text=True)
    assert "包装工（夜班）" in listing and "已关闭" in listing


def test_zero_clearing_list_takes_a_follow_up(app, desk):
    worker_id = seeking_worker(app, name="周冬梅")
    with app.app_context():
        recounts.run(
            db.session, actor=Actor.system(), period=factories.clock.today().strftime("%Y-%m")
        )
        db.session.commit()
    page = desk.get("/desk/zero-clearing").get_data(as_text=True)
    assert "周冬梅" in page
    post(desk, f"/desk/workers/{worker_id}/follow-ups", kind="contacted", note="电话联系",
         back="zero-clearing")  # fmt: skip
    assert "电话联系" in desk.get(f"/desk/workers/{worker_id}").get_data(as_text=True)


def test_dashboard_gives_charts_their_data_and_flags_workshops(app, bureau, opening):
    for category in ("lifted", "lifted", "lifted", "registered_poor"):
        referral_id = referral_of(app, seeking_worker(app, category=category), opening)
        with app.app_context():
            factories.referrals.hire(db.session, actor=Actor.system(), referral_id=referral_id,
                                     start_date=factories.clock.today(), wage=2500)  # fmt: skip
            db.session.commit()
    with app.app_context():
        recounts.run(
            db.session, actor=Actor.system(), period=factories.clock.today().strftime("%Y-%m")
        )
        db.session.commit()
    page = bureau.get("/").get_data(as_text=True)
    charts = json.loads(DATA.search(page).group(1))
    assert charts["byKind"] == [{"name": "扶贫车间", "value": 4}]
    assert charts["trend"]["periods"] == [factories.clock.today().strftime("%Y-%m")]
    workshops = page.split('id="workshops-h"')[1].split("</section>")[0]
    assert "龙沙玩具扶贫车间" in workshops and "25%" in workshops  # 1 poor of 4 < 30 %
    assert "echarts-6.1.0/echarts.min.js" in page


def test_language_switch_turns_the_pages_english(app, desk):
    post(desk, "/language", lang="en", back="/desk/workers")
    page = desk.get("/desk/workers").get_data(as_text=True)
    assert '<html lang="en">' in page and "Workers found" in page


@pytest.mark.parametrize("path", ["/desk/workers", "/desk/workers/new", "/desk/zero-clearing"])
def test_pages_carry_no_inline_script_or_handler(desk, path):
    page = desk.get(path).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page)
    assert not re.search(r"\son[a-z]+\s*=", page)


def test_every_message_in_the_templates_has_chinese():
    used = set()
    for template in TEMPLATES.rglob("*.html"):
        used |= set(re.findall(r"""_\(\s*["']([^"']+)["']\s*\)""", template.read_text()))
    assert used, "no messages found: the pattern is wrong"
    assert sorted(used - ZH.keys() - {"desk", "employer", "bureau", "admin"}) == []


def test_bureau_plans_the_buses_and_sees_each_tour(app, bureau, world):
    start = factories.clock.today() + timedelta(days=10)
    with app.app_context():
        far = factories.opening(db.session, employer_id=world.employer_b, province="山东省",
                                city="济宁市", township_code=None, start_date=start)  # fmt: skip
        worker = factories.worker(db.session, name="王小红")
        made = factories.referral(db.session, worker_id=worker.id, opening_id=far.id)
        factories.referrals.hire(db.session, actor=Actor.system(), referral_id=made.id,
                                 start_date=start, wage=4800)  # fmt: skip
        db.session.commit()
    planned = post(bureau, "/bureau/trips/plan", from_date=factories.clock.today().isoformat(),
                   to_date=start.isoformat())  # fmt: skip
    page = bureau.get(planned.headers["Location"]).get_data(as_text=True)
    assert "已编排车次：1" in page
    tours = json.loads(re.search(r'id="tour-data">(.*?)</script>', page, re.S).group(1))
    ((trip_id, stops),) = tours.items()
    assert [stop["name"] for stop in stops] == ["龙沙镇"]
    assert f"/api/v1/trips/{trip_id}/manifest" in page


def test_a_window_that_ends_before_it_starts_is_refused_in_chinese(bureau):
    refused = post(bureau, "/bureau/trips/plan", from_date="2026-03-10", to_date="2026-03-01")
    assert "结束日期早于开始日期" in bureau.get(refused.headers["Location"]).get_data(as_text=True)


def test_bureau_runs_the_allocation_and_accepts_its_proposal(app, bureau, opening):
    seeking_worker(app, name="邓丽萍")
    assert "尚未运行批量分配" in bureau.get("/bureau/allocations/").get_data(as_text=True)
    post(bureau, "/bureau/allocations/")
    background.wait_all(app, timeout=120)
    page = bureau.get("/bureau/allocations/").get_data(as_text=True)
    assert "邓丽萍" in page and "缝纫工" in page
    run_id = re.search(r"/bureau/allocations/(\d+)/accept", page).group(1)
    accepted = post(bureau, f"/bureau/allocations/{run_id}/accept")
    assert "已采纳的建议已转为推荐" in bureau.get(accepted.headers["Location"]).get_data(
        as_text=True
    )
    with app.app_context():
        assert db.session.query(Referral).one().status == ReferralStatus.referred
