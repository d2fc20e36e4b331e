"""The desk's household form, worker edit form and hire form, through the test client: each
stays in its township, and refused input is shown beside its field with nothing written."""

from __future__ import annotations

import pytest

from jobs_app.extensions import db
from jobs_app.models import Household, Referral, ReferralStatus, Worker, WorkerStatus
from jobs_app.services import referrals
from jobs_app.services.access import Actor
from tests import factories
from tests.routes.test_ui_pages import logged_in, post, referral_of, seeking_worker


@pytest.fixture
def desk(app, world):
    return logged_in(app, "desk")


@pytest.fixture
def opening(app, world):
    return _opening(app, world)


def _opening(app, world, **overrides) -> int:
    with app.app_context():
        found = factories.opening(db.session, employer_id=world.employer_a, **overrides)
        db.session.commit()
        return found.id


def _get(app, model, key):
    with app.app_context():
        return db.session.get(model, key)


def _household_of(app, worker_id: int) -> int:
    return _get(app, Worker, worker_id).household_id


def test_desk_registers_a_household_in_its_own_township(app, desk):
    answer = post(desk, "/desk/households/new", village="新华村3组", category="registered_poor",
                  dibao="1", helper_name="李干部", helper_phone="13800001111")  # fmt: skip
    assert answer.status_code == 302
    household_id = int(answer.headers["Location"].rsplit("/", 1)[1])
    household = _get(app, Household, household_id)
    assert (household.village, household.dibao, household.tekun) == ("新华村3组", True, False)
    assert household.township.code == factories.LONGSHA
    page = desk.get(answer.headers["Location"]).get_data(as_text=True)
    assert f'href="/desk/workers/new?household_id={household_id}"' in page
    assert "为本户添加劳动力" in page


def test_a_worker_added_to_a_household_joins_it(app, desk):
    household_id = _household_of(app, seeking_worker(app, name="王大山"))
    form = desk.get(f"/desk/workers/new?household_id={household_id}").get_data(as_text=True)
    assert f'name="household_id" value="{household_id}"' in form
    assert 'name="category"' not in form
    answer = post(desk, "/desk/workers/new", household_id=str(household_id), name="王小红",
                  id_number=factories.id_number(), ability="ordinary", status="seeking",
                  wish_scope="anywhere")  # fmt: skip
    assert answer.status_code == 302
    joined = _get(app, Worker, int(answer.headers["Location"].rsplit("/", 1)[1]))
    assert joined.household_id == household_id
    assert joined.township.code == factories.LONGSHA


def test_the_household_page_speaks_english_when_switched(app, desk):
    household_id = _household_of(app, seeking_worker(app))
    post(desk, "/language", lang="en", back="/desk/workers")
    page = desk.get(f"/desk/households/{household_id}").get_data(as_text=True)
    assert "Add a worker to this household" in page and "Edit the household" in page


def test_bad_household_input_is_shown_by_its_field_and_nothing_changes(app, desk):
    household_id = _household_of(app, seeking_worker(app))
    answer = post(desk, f"/desk/households/{household_id}/edit", category="registered_poor",
                  village="新村", helper_phone="12345")  # fmt: skip
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert '<p class="field-error" id="helper_phone-error">不是有效的手机号码' in page
    assert _get(app, Household, household_id).village is None


def test_desk_edits_a_households_helper(app, desk):
    household_id = _household_of(app, seeking_worker(app))
    answer = post(desk, f"/desk/households/{household_id}/edit", category="monitored",
                  helper_name="张干部")  # fmt: skip
    assert answer.status_code == 302
    household = _get(app, Household, household_id)
    assert (household.category.value, household.helper_name) == ("monitored", "张干部")


def test_another_townships_desk_cannot_open_the_forms(app, world):
    worker_id = seeking_worker(app)
    household_id = _household_of(app, worker_id)
    other_desk, employer = logged_in(app, "other_desk"), logged_in(app, "employer")
    urls = (
        f"/desk/households/{household_id}",
        f"/desk/households/{household_id}/edit",
        f"/desk/workers/{worker_id}/edit",
        f"/desk/workers/new?household_id={household_id}",
    )
    for url in urls:
        assert other_desk.get(url).status_code == 404, url
        assert employer.get(url).status_code == 403, url


def test_another_townships_desk_cannot_edit_or_hire(app, world, opening):
    worker_id = seeking_worker(app)
    referral_id = referral_of(app, worker_id, opening)
    other = logged_in(app, "other_desk")
    assert post(other, f"/desk/workers/{worker_id}/edit", name="改名").status_code == 404
    hired = post(other, f"/desk/referrals/{referral_id}/hire", start_date="2030-01-01", wage="1")
    assert hired.status_code == 404
    assert _get(app, Worker, worker_id).name == "张秀英"
    assert _get(app, Referral, referral_id).status == ReferralStatus.referred


def _worker_form(**changes) -> dict:
    form = {"name": "张秀英", "phone": "13912345678", "ability": "ordinary", "health": "healthy",
            "skills": "缝纫", "wish_scope": "anywhere", "status": "seeking"}  # fmt: skip
    return {**form, **changes}


def test_desk_edits_a_workers_phone_and_skills(app, desk):
    worker_id = seeking_worker(app)
    number = _get(app, Worker, worker_id).id_number
    form = desk.get(f"/desk/workers/{worker_id}/edit").get_data(as_text=True)
    assert 'value="13912345678"' in form
    changed = _worker_form(id_number=number, phone="13700002222", skills="缝纫 电工")
    answer = post(desk, f"/desk/workers/{worker_id}/edit", **changed)
    assert answer.status_code == 302
    worker = _get(app, Worker, worker_id)
    assert (worker.phone, worker.skills) == ("13700002222", ["缝纫", "电工"])


def test_a_bad_phone_is_shown_by_its_field_and_nothing_changes(app, desk):
    worker_id = seeking_worker(app)
    number = _get(app, Worker, worker_id).id_number
    answer = post(desk, f"/desk/workers/{worker_id}/edit",
                  **_worker_form(id_number=number, phone="12", name="改名"))  # fmt: skip
    assert answer.status_code == 422
    assert '<p class="field-error" id="phone-error">不是有效的手机号码' in answer.get_data(
        as_text=True
    )
    assert _get(app, Worker, worker_id).name == "张秀英"


def test_not_seeking_needs_a_reason(app, desk):
    worker_id = seeking_worker(app)
    number = _get(app, Worker, worker_id).id_number
    answer = post(desk, f"/desk/workers/{worker_id}/edit",
                  **_worker_form(id_number=number, status="not_seeking"))  # fmt: skip
    assert answer.status_code == 422
    assert 'id="status_reason-error"' in answer.get_data(as_text=True)
    assert _get(app, Worker, worker_id).status == WorkerStatus.seeking


def test_desk_records_a_hire_from_the_worker_page(app, desk, opening):
    worker_id = seeking_worker(app)
    referral_id = referral_of(app, worker_id, opening)
    page = desk.get(f"/desk/workers/{worker_id}").get_data(as_text=True)
    assert f'action="/desk/referrals/{referral_id}/hire"' in page
    start = _get(app, Referral, referral_id).opening.start_date.isoformat()
    answer = post(desk, f"/desk/referrals/{referral_id}/hire", start_date=start, wage="2600")
    assert answer.status_code == 302
    referral = _get(app, Referral, referral_id)
    assert (referral.status, referral.wage) == (ReferralStatus.hired, 2600)
    assert _get(app, Worker, worker_id).status == WorkerStatus.employed_local


def test_a_full_opening_is_explained_beside_the_hire_form_and_nothing_changes(app, world, desk):
    opening_id = _opening(app, world, headcount=1)
    first, second = seeking_worker(app, name="王大山"), seeking_worker(app, name="李春梅")
    taken, waiting = referral_of(app, first, opening_id), referral_of(app, second, opening_id)
    with app.app_context():
        start = db.session.get(Referral, taken).referred_on
        referrals.hire(db.session, actor=Actor.system(), referral_id=taken, start_date=start,
                       wage=2000)  # fmt: skip
        db.session.commit()
    answer = post(desk, f"/desk/referrals/{waiting}/hire", start_date="2031-01-01", wage="2000")
    assert answer.status_code == 409
    page = answer.get_data(as_text=True)
    assert '<p class="error outcome-error" role="alert">该岗位已招满</p>' in page
    assert 'value="2031-01-01"' in page
    assert _get(app, Referral, waiting).status == ReferralStatus.referred
    assert _get(app, Worker, second).status == WorkerStatus.seeking


def test_a_bad_wage_is_shown_beside_its_field(app, desk, opening):
    referral_id = referral_of(app, seeking_worker(app), opening)
    answer = post(desk, f"/desk/referrals/{referral_id}/hire", start_date="2031-01-01", wage="-5")
    assert answer.status_code == 422
    assert f'id="wage-{referral_id}-error"' in answer.get_data(as_text=True)
    assert _get(app, Referral, referral_id).status == ReferralStatus.referred


@pytest.mark.parametrize(("action", "status"), [("decline", ReferralStatus.declined),
                                                 ("no-show", ReferralStatus.no_show)])  # fmt: skip
def test_desk_records_a_decline_or_a_no_show(app, desk, opening, action, status):
    referral_id = referral_of(app, seeking_worker(app), opening)
    answer = post(desk, f"/desk/referrals/{referral_id}/{action}", reason="嫌远")
    assert answer.status_code == 302
    referral = _get(app, Referral, referral_id)
    assert (referral.status, referral.end_reason) == (status, "嫌远")


def test_a_second_hire_of_the_same_referral_is_refused_on_top_of_the_page(app, desk, opening):
    referral_id = referral_of(app, seeking_worker(app), opening)
    start = _get(app, Referral, referral_id).opening.start_date.isoformat()
    post(desk, f"/desk/referrals/{referral_id}/hire", start_date=start, wage="2600")
    again = post(desk, f"/desk/referrals/{referral_id}/hire", start_date=start, wage="9999")
    assert again.status_code == 302
    page = desk.get(again.headers["Location"]).get_data(as_text=True)
    assert "该推荐记录当前状态不允许此操作" in page
    assert _get(app, Referral, referral_id).wage == 2600
