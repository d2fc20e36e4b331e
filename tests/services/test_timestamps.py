"""A time written in Beijing's zone reads back as the same instant on both databases."""

from datetime import UTC, datetime, timedelta, timezone

from jobs_app.extensions import db
from jobs_app.models import AuditEntry

BEIJING = timezone(timedelta(hours=8))


def test_a_beijing_time_is_stored_as_the_same_instant(app):
    at_nine_in_beijing = datetime(2020, 6, 9, 9, 0, tzinfo=BEIJING)
    with app.app_context():
        entry = AuditEntry(at=at_nine_in_beijing, action="test", entity="worker")
        db.session.add(entry)
        db.session.commit()
        entry_id = entry.id
        db.session.expunge_all()
        stored = db.session.get(AuditEntry, entry_id).at
        # 09:00 in Beijing is 01:00 UTC: the same instant, not nine o'clock UTC.
        assert stored == at_nine_in_beijing
        assert stored.astimezone(UTC).hour == 1
        db.session.delete(db.session.get(AuditEntry, entry_id))
        db.session.commit()
