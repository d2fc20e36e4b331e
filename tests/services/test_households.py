"""Households: a desk sees the workers of its own township's households only."""

from __future__ import annotations

import pytest

from jobs_app.errors import NotFound
from jobs_app.models import Role
from jobs_app.services import households, townships
from jobs_app.services.access import Actor
from tests import factories


def _desk_of(session, code: str) -> Actor:
    return Actor(None, Role.desk, township_id=townships.get_by_code(session, code).id)


def test_members_lists_the_head_first_and_only_that_household(session):
    first = factories.worker(session, name="王大山")
    head = factories.worker(session, name="王小红", household_id=first.household_id,
                            is_household_head=True)  # fmt: skip
    factories.worker(session, name="李春梅")
    found = households.members(session, actor=_desk_of(session, factories.LONGSHA),
                               household_id=first.household_id)  # fmt: skip
    assert [w.name for w in found] == [head.name, first.name]


def test_another_townships_desk_cannot_list_a_households_members(session):
    worker = factories.worker(session)
    with pytest.raises(NotFound):
        households.members(session, actor=_desk_of(session, factories.LONGJU),
                           household_id=worker.household_id)  # fmt: skip
