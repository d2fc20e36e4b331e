"""A small transport world for the planner's tests: six townships, four destinations."""

from __future__ import annotations

from datetime import date

from matching.transport.planner import CollectionPoint, Destination, Passenger, PlanRules
from matching.transport.records import WANZHOU_DEPARTURE

DEPARTURE = WANZHOU_DEPARTURE
POINTS = [
    CollectionPoint("T1", 30.83, 108.38),
    CollectionPoint("T2", 30.90, 108.50),
    CollectionPoint("T3", 30.70, 108.30),
    CollectionPoint("T4", 30.95, 108.25),
    CollectionPoint("T5", 30.75, 108.60),
    CollectionPoint("T6", 30.65, 108.45),
]
GUANGZHOU = Destination("广州", "广东", 23.13, 113.26, travel_hours=20)
DONGGUAN = Destination("东莞", "广东", 23.02, 113.75)
JINING = Destination("济宁", "山东", 35.41, 116.59, travel_hours=16.5)
KUNMING = Destination("昆明", "云南", 25.04, 102.71)
DESTINATIONS = [GUANGZHOU, DONGGUAN, JINING, KUNMING]
FROM, TO = date(2020, 2, 10), date(2020, 3, 10)

# The test worlds are tiny: stop after 150 iterations without progress; the time cap is
# only a safety net, high enough that a loaded machine never cuts a search short.
FAST = PlanRules(solver_seconds=10, solver_no_improvement=150)


def passenger(referral_id: int, township: str, destination: Destination, start: date) -> Passenger:
    """A passenger whose worker id follows from the referral id."""
    return Passenger(
        referral_id, 1000 + referral_id, township, destination.city, destination.province, start
    )
