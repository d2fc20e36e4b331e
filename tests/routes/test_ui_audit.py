"""The bureau's audit-log page: who did what to which record and when, filtered and paged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jobs_app.extensions import db
from jobs_app.models import AuditEntry, User
from tests.routes.test_ui_pages import logged_in

DAY = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 in Wanzhou


@pytest.fixture
def log(app, world):
    """A desk clerk's reads and registrations over three days, and one entry of the service."""
    with app.app_context():
        db.session.query(AuditEntry).delete()  # the world's own accounts, made by nobody
        desk = db.session.query(User).filter_by(username="desk").one()
        entries = [AuditEntry(at=DAY + timedelta(days=n % 3, minutes=n), user_id=desk.id,
                              action="read_unmasked" if n % 2 else "create", entity="worker",
                              entity_id=100 + n, detail={"field": "id_number"})
                   for n in range(60)]  # fmt: skip
        entries.append(AuditEntry(at=DAY, user_id=None, action="plan", entity="trip", entity_id=7))
        db.session.add_all(entries)
        db.session.commit()
        return desk.id


def test_bureau_reads_who_did_what_to_which_record(app, log):
    page = logged_in(app, "bureau").get("/bureau/audit/").get_data(as_text=True)
    assert "审计日志" in page and "找到的记录：61" in page
    assert "2026-03-12 10:59:00" in page  # the newest first, in the district's time
    assert "查看完整身份证号" in page and 'href="/desk/workers/159"' in page
    assert "desk" in page and "field: id_number" in page
    assert 'href="/bureau/audit/?page=2"' in page


def test_the_log_is_filtered_by_user_action_and_days(app, log):
    bureau = logged_in(app, "bureau")

    def found(query: str) -> str:
        page = bureau.get(f"/bureau/audit/?{query}").get_data(as_text=True)
        return page.split("找到的记录：")[1].split("<")[0]

    assert found(f"user={log}") == "60"
    assert found("user=system") == "1"
    assert found("action=read_unmasked") == "30"
    assert found("from=2026-03-11&to=2026-03-11") == "20"
    assert found("from=2026-03-11") == "40"
    assert found(f"user={log}&action=create&to=2026-03-10") == "10"
    assert found("user=nobody&from=not-a-date") == "61"


def test_the_pager_keeps_the_filters(app, log):
    page = logged_in(app, "bureau").get("/bureau/audit/?action=create").get_data(as_text=True)
    assert "找到的记录：30" in page and "下一页" not in page
    page = logged_in(app, "bureau").get("/bureau/audit/?from=2026-03-10").get_data(as_text=True)
    assert 'href="/bureau/audit/?from=2026-03-10&amp;page=2"' in page


def test_the_bureau_finds_the_log_in_its_navigation(app, world):
    page = logged_in(app, "bureau").get("/bureau/").get_data(as_text=True)
    assert 'href="/bureau/audit/"' in page


def test_only_the_bureau_reads_the_log(app, log):
    for username in ("desk", "employer", "admin"):
        assert logged_in(app, username).get("/bureau/audit/").status_code == 403
