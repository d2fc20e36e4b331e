"""The desk clerk's day in the browser: register a household and add a worker to it, correct
a worker's phone, and record a hire the employer phoned in."""

from __future__ import annotations

from tests import factories
from tests.ui.test_browser import _commit


def test_desk_registers_a_household_and_adds_a_worker_to_it(visit):
    page = visit.log_in("desk", factories.PASSWORD)
    page.get_by_role("link", name="登记户").click()
    page.get_by_label("村（社区）").fill("新华村3组")
    page.get_by_role("combobox", name="户类型").select_option("registered_poor")
    page.get_by_label("低保").check()
    page.get_by_label("帮扶责任人", exact=True).fill("李干部")
    page.get_by_role("button", name="登记", exact=True).click()
    page.get_by_text("已登记。").wait_for()
    page.get_by_role("link", name="为本户添加劳动力").click()
    page.get_by_text("为以下户添加劳动力").wait_for()
    page.get_by_label("姓名").fill("王小红")
    page.get_by_label("身份证号").fill(factories.id_number(male=False))
    page.get_by_role("combobox", name="劳动能力").select_option("ordinary")
    page.get_by_role("button", name="登记", exact=True).click()
    page.get_by_text("已登记。").wait_for()
    page.get_by_role("link", name="查看本户").click()
    page.locator("#members-h + table").get_by_role("link", name="王小红").wait_for()
    assert visit.errors == []


def test_desk_corrects_a_workers_phone(app, visit):
    worker_id = _commit(app, lambda s: factories.worker(s, name="李春梅").id)
    page = visit.log_in("desk", factories.PASSWORD)
    visit.go(f"/desk/workers/{worker_id}")
    page.get_by_role("link", name="修改劳动力信息").click()
    phone = page.get_by_label("联系电话")
    phone.fill("1370000")
    page.get_by_role("button", name="保存").click()
    assert page.locator("#phone-error").inner_text().startswith("不是有效的手机号码")
    assert page.get_by_label("联系电话").get_attribute("aria-invalid") == "true"
    page.get_by_label("联系电话").fill("13700002222")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存。").wait_for()
    assert "13700002222" in page.locator("dl.facts").inner_text()
    assert visit.errors == [f"422 {visit.base}/desk/workers/{worker_id}/edit"]  # the refusal


def test_desk_records_a_hire_from_the_worker_page(app, visit, world):
    def build(session):
        opening = factories.opening(session, employer_id=world.employer_a)
        worker = factories.worker(session, name="陈玉梅")
        factories.referral(session, worker_id=worker.id, opening_id=opening.id)
        return worker.id

    worker_id = _commit(app, build)
    page = visit.log_in("desk", factories.PASSWORD)
    visit.go(f"/desk/workers/{worker_id}")
    outcome = page.get_by_role("group", name="推荐结果：缝纫工（龙沙玩具扶贫车间）")
    outcome.get_by_label("月薪").fill("2600")
    outcome.get_by_label("月薪").press("Enter")  # the keyboard submits the form
    page.get_by_text("已确认上岗。").wait_for()
    assert page.locator("#referrals-h + table").get_by_text("已上岗").count() == 1
    assert page.get_by_role("group", name="推荐结果：缝纫工（龙沙玩具扶贫车间）").count() == 0
    visit.screenshot("desk-hire")
    assert visit.errors == []
