"""A township desk registers and looks after its workers."""

from datetime import date

from jobs_app.extensions import db
from jobs_app.identity import make_id_number
from jobs_app.models import AuditEntry, Household, Worker
from tests import factories
from tests.factories import LONGJU, LONGSHA


def registration(**overrides):
    body = {
        "name": "张秀英",
        "id_number": make_id_number("500101", date(1988, 6, 9), 122),
        "phone": "13912345678",
        "township_code": LONGSHA,
        "village": "石桥村",
        "category": "registered_poor",
        "dibao": True,
        "ability": "ordinary",
        "skills": ["缝纫", "手工"],
        "wishes": {"scope": "local", "provinces": [], "min_wage": 2500},
        "cares_for_children": True,
        "status": "seeking",
    }
    body.update(overrides)
    return body


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_desk_registers_worker_and_id_gives_sex_and_birth_date(as_role):
    answer = as_role("desk").post("/api/v1/workers", json=registration())
    assert answer.status_code == 201, answer.json
    worker = answer.json
    assert worker["sex"] == "female"
    assert worker["birth_date"] == "1988-06-09"
    assert worker["township_code"] == LONGSHA
    assert worker["category"] == "registered_poor"
    assert worker["dibao"] is True
    assert worker["wishes"] == {"scope": "local", "provinces": [], "min_wage": 2500}


def test_bad_id_number_and_phone_are_named_in_chinese_and_nothing_is_written(app, as_role):
    body = registration(id_number="500101198806091220", phone="12345")
    answer = as_role("desk").post("/api/v1/workers", json=body)
    assert answer.status_code == 422
    assert answer.json["errors"]["id_number"] == ["校验位错误"]
    assert "phone" in answer.json["errors"]
    assert count(app, Worker) == 0 and count(app, Household) == 0


def test_errors_speak_english_when_asked(as_role):
    body = registration(id_number="500101198806091220")
    answer = as_role("desk").post(
        "/api/v1/workers", json=body, headers={"Accept-Language": "en-US,en;q=0.9"}
    )
    assert answer.json["errors"]["id_number"] == ["Check character is wrong."]


def test_missing_fields_are_each_named(as_role):
    answer = as_role("desk").post("/api/v1/workers", json={"name": "李四"})
    assert answer.status_code == 422
    for name in ("id_number", "phone", "township_code", "ability", "status"):
        assert answer.json["errors"][name] == ["此项必填"], name


def test_duplicate_id_number_is_refused_and_nothing_is_written(app, as_role):
    desk = as_role("desk")
    assert desk.post("/api/v1/workers", json=registration()).status_code == 201
    again = desk.post("/api/v1/workers", json=registration(name="张秀"))
    assert again.status_code == 409
    assert again.json["errors"]["id_number"] == ["该身份证号已登记"]
    assert count(app, Worker) == 1 and count(app, Household) == 1


def test_nobody_under_16_is_registered(as_role):
    young = make_id_number("500101", date(2012, 1, 1), 122)
    answer = as_role("desk").post("/api/v1/workers", json=registration(id_number=young))
    assert answer.status_code == 422
    assert answer.json["errors"]["id_number"] == ["劳动力须年满 16 周岁"]


def test_not_seeking_needs_a_reason(as_role):
    answer = as_role("desk").post("/api/v1/workers", json=registration(status="not_seeking"))
    assert answer.status_code == 422
    assert "status_reason" in answer.json["errors"]


def test_desk_cannot_register_in_another_township(as_role):
    answer = as_role("desk").post("/api/v1/workers", json=registration(township_code=LONGJU))
    assert answer.status_code == 422
    assert "township_code" in answer.json["errors"]


def test_desk_cannot_see_other_townships_workers(app, as_role):
    with app.app_context():
        theirs = factories.worker(db.session, township_code=LONGJU, name="王五").id
        ours = factories.worker(db.session, name="赵六").id
        db.session.commit()
    desk = as_role("desk")
    assert desk.get(f"/api/v1/workers/{theirs}").status_code == 404
    assert desk.patch(f"/api/v1/workers/{theirs}", json={"name": "x"}).status_code == 404
    listed = desk.get("/api/v1/workers").json
    assert [w["id"] for w in listed["items"]] == [ours]
    assert as_role("other_desk").get(f"/api/v1/workers/{theirs}").status_code == 200


def test_lists_mask_id_numbers_and_search_finds_name_or_id(app, as_role):
    with app.app_context():
        number = factories.worker(db.session, name="陈小红").id_number
        factories.worker(db.session, name="刘大明")
        db.session.commit()
    desk = as_role("desk")
    by_name = desk.get("/api/v1/workers", query_string={"q": "小红"}).json
    assert by_name["total"] == 1 and by_name["items"][0]["name"] == "陈小红"
    assert by_name["items"][0]["id_number"] == number[:6] + "********" + number[-4:]
    by_id = desk.get("/api/v1/workers", query_string={"q": number}).json
    assert [w["name"] for w in by_id["items"]] == ["陈小红"]


def test_list_filters_and_pages(app, as_role):
    with app.app_context():
        for n in range(5):
            factories.worker(db.session, name=f"工人{n}", status="seeking")
        factories.worker(db.session, name="自主", status="self_employed")
        db.session.commit()
    bureau = as_role("bureau")
    page = bureau.get("/api/v1/workers", query_string={"status": "seeking", "per_page": 2}).json
    assert page["total"] == 5 and len(page["items"]) == 2 and page["per_page"] == 2
    last = bureau.get("/api/v1/workers", query_string={"status": "seeking", "per_page": 2,
                                                       "page": 3}).json  # fmt: skip
    assert len(last["items"]) == 1
    too_many = bureau.get("/api/v1/workers", query_string={"per_page": 101})
    assert too_many.status_code == 422 and "per_page" in too_many.json["errors"]


def test_every_page_counts_the_same_total_and_a_short_one_counts_from_its_rows(
    app, as_role, sql_sent
):
    with app.app_context():
        for n in range(5):
            factories.worker(db.session, name=f"工人{n}")
        db.session.commit()
    bureau = as_role("bureau")
    bureau.get("/api/v1/workers")  # the bearer token is looked up and remembered
    answers, sent = {}, {}
    for page in (1, 2, 3, 4):
        query = {"q": "工人", "per_page": 2, "page": page}
        with sql_sent() as statements:
            answers[page] = bureau.get("/api/v1/workers", query_string=query).json
        sent[page] = len([s for s in statements if "count(" in s])
    assert [answers[p]["total"] for p in answers] == [5, 5, 5, 5]
    assert [len(answers[p]["items"]) for p in answers] == [2, 2, 1, 0]
    assert sent == {1: 1, 2: 1, 3: 0, 4: 1}  # full pages and one past the end count; the last not
    found = bureau.get("/api/v1/workers", query_string={"q": "无此人"}).json
    assert found["total"] == 0 and found["items"] == []


def test_bureau_reads_unmasked_id_and_the_read_is_audited(app, as_role):
    with app.app_context():
        worker = factories.worker(db.session)
        worker_id, number = worker.id, worker.id_number
        db.session.commit()
    answer = as_role("bureau").get(f"/api/v1/workers/{worker_id}")
    assert answer.json["id_number"] == number
    with app.app_context():
        reads = db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.action == "read_unmasked")
        ).all()
        assert [(r.entity, r.entity_id) for r in reads] == [("worker", worker_id)]


def test_an_audited_read_is_answered_from_the_one_query_that_read_the_worker(
    app, as_role, sql_sent
):
    with app.app_context():
        worker_id = factories.worker(db.session).id
        db.session.commit()
    desk = as_role("desk")
    desk.get(f"/api/v1/workers/{worker_id}")  # the bearer token is looked up and remembered
    with sql_sent() as statements:
        answer = desk.get(f"/api/v1/workers/{worker_id}")
    assert answer.status_code == 200 and answer.json["township_name"]
    [read] = [s for s in statements if s.startswith("SELECT") and "FROM worker" in s]
    assert read.count("JOIN township") == 1  # the worker's; the household's is never shown


def test_patch_changes_wishes_in_part_and_household_category(app, as_role):
    desk = as_role("desk")
    worker = desk.post("/api/v1/workers", json=registration()).json
    changed = desk.patch(
        f"/api/v1/workers/{worker['id']}",
        json={"wishes": {"scope": "anywhere", "provinces": ["山东"]}, "category": "monitored"},
    )
    assert changed.status_code == 200, changed.json
    assert changed.json["wishes"] == {"scope": "anywhere", "provinces": ["山东省"],
                                      "min_wage": 2500}  # fmt: skip
    assert changed.json["category"] == "monitored"


def test_household_members_share_category_and_township(as_role):
    desk = as_role("desk")
    first = desk.post("/api/v1/workers", json=registration(is_household_head=True)).json
    second_body = registration(
        id_number=make_id_number("500101", date(1990, 1, 1), 124),
        household_id=first["household_id"],
    )
    del second_body["category"]
    second = desk.post("/api/v1/workers", json=second_body)
    assert second.status_code == 201, second.json
    assert second.json["household_id"] == first["household_id"]
    assert second.json["category"] == "registered_poor"
