"""Bearer tokens are remembered for a moment between API calls, and never past that."""

from datetime import timedelta

import time_machine

from jobs_app import clock
from jobs_app.models import Role
from jobs_app.services.access import Actor
from jobs_app.services.users import RecentBearers

DESK = Actor(7, Role.desk, township_id=3)


class Ticks:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_checked_token_is_remembered_for_its_moment_only():
    ticks = Ticks()
    recent = RecentBearers(max_age=2.0, monotonic=ticks)
    recent.put("digest", DESK, expires_at=None)
    assert recent.get("digest") == DESK
    ticks.now += 2.0
    assert recent.get("digest") is None  # revoked on another instance: dead within 2 s


def test_a_revocation_in_this_process_forgets_at_once():
    recent = RecentBearers(max_age=60)
    recent.put("digest", DESK, expires_at=None)
    recent.forget()
    assert recent.get("digest") is None


def test_a_remembered_token_still_dies_at_its_expiry():
    expiry = clock.now() + timedelta(minutes=5)
    recent = RecentBearers(max_age=3600)
    recent.put("digest", DESK, expires_at=expiry)
    assert recent.get("digest") == DESK
    with time_machine.travel(expiry, tick=False):
        assert recent.get("digest") is None


def test_nothing_is_remembered_when_the_cache_is_off():
    recent = RecentBearers(max_age=0)
    recent.put("digest", DESK, expires_at=None)
    assert recent.get("digest") is None
