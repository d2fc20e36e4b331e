"""Transport benchmarks: the CVRP solver on Augerat's A and P sets, and the trip planner.

Run ``.venv/bin/python bench/transport.py [--time-limit 5] [--only cvrplib|planner]``.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching.transport.cvrp import solve_cvrp_file  # noqa: E402
from matching.transport.planner import (  # noqa: E402
    CollectionPoint,
    Destination,
    Passenger,
    PlannedTrip,
    PlanRules,
    plan_trips,
    unreachable_passengers,
)
from matching.transport.records import WANZHOU_DEPARTURE  # noqa: E402

DATA = ROOT / "bench" / "data" / "cvrplib"


def best_known() -> dict[str, int]:
    """Best known costs by instance name, from best_known.csv."""
    with (DATA / "best_known.csv").open(newline="") as handle:
        return {row["instance"]: int(row["best_known"]) for row in csv.DictReader(handle)}


def fleet_size(name: str) -> int:
    """The fleet in CVRPLIB's naming convention (A-n32-k5: 5 vehicles), under which the best
    known costs of the A and P sets are stated (unlimited, P-n55-k15 drops to 941)."""
    match = re.search(r"-k(\d+)$", name)
    if match is None:
        raise ValueError(f"{name}: no -kN fleet size in the name")
    return int(match.group(1))


def run_cvrplib(time_limit: float, seed: int) -> None:
    """Solve every A and P instance and print the gap of each to its best known cost."""
    known = best_known()
    gaps = []
    print(f"CVRPLIB A and P sets, PyVRP, {time_limit:g} s per instance, seed {seed}, k vehicles")
    print(f"{'instance':<12}{'best':>7}{'found':>7}{'gap %':>8}{'routes':>8}")
    for path in sorted(DATA.glob("[AP]-*.vrp")):
        name = path.stem
        solution = solve_cvrp_file(path, time_limit, seed=seed, vehicles=fleet_size(name))
        gap = 100.0 * (solution.cost - known[name]) / known[name]
        gaps.append(gap)
        print(f"{name:<12}{known[name]:>7}{solution.cost:>7}{gap:>8.2f}{len(solution.routes):>8}")
        sys.stdout.flush()
    mean, worst = statistics.mean(gaps), max(gaps)
    print(f"instances {len(gaps)}  mean gap {mean:.3f} %  max gap {worst:.3f} %")


# Ten of the destinations Wanzhou's dedicated lines served in 2020 (approximate centres).
DESTINATIONS = [
    Destination("广州", "广东", 23.13, 113.26),
    Destination("东莞", "广东", 23.02, 113.75),
    Destination("深圳", "广东", 22.54, 114.06),
    Destination("厦门", "福建", 24.48, 118.09),
    Destination("福州", "福建", 26.07, 119.30),
    Destination("宁波", "浙江", 29.87, 121.54),
    Destination("上海", "上海", 31.23, 121.47),
    Destination("昆明", "云南", 25.04, 102.71),
    Destination("南宁", "广西", 22.82, 108.32),
    Destination("济宁", "山东", 35.41, 116.59),
]


def demo_townships(rng: random.Random, count: int = 52) -> list[CollectionPoint]:
    """Township centres scattered over an area the size of Wanzhou's (3,457 km²)."""
    return [
        CollectionPoint(f"5001010{i:02d}", rng.uniform(30.5, 31.0), rng.uniform(108.05, 108.7))
        for i in range(count)
    ]


def demo_passengers(
    rng: random.Random, points: list[CollectionPoint], count: int, first: date, days: int
) -> list[Passenger]:
    """Passengers from random townships to random destinations, starting over ``days`` days."""
    passengers = []
    for referral_id in range(1, count + 1):
        destination = rng.choice(DESTINATIONS)
        start = first + timedelta(days=rng.randrange(days))
        township = rng.choice(points).township_code
        passengers.append(
            Passenger(
                referral_id,
                10_000 + referral_id,
                township,
                destination.city,
                destination.province,
                start,
            )
        )
    return passengers


def buses_lower_bound(trips: list[PlannedTrip]) -> int:
    """Sum over (destination, departure day) groups of ceil(passengers ÷ allowed load)."""
    groups: Counter[tuple[str, date]] = Counter()
    loads = {}
    for trip in trips:
        if trip.vehicle == "bus":
            key = (trip.destination_city, trip.departure.date())
            groups[key] += len(trip.passengers)
            loads[key] = trip.capacity
    return sum(math.ceil(n / loads[key]) for key, n in groups.items())


def run_planner(seed: int) -> None:
    """Plan 2,000 passengers from 52 townships to 10 destinations over a month."""
    rng = random.Random(seed)
    points = demo_townships(rng)
    first, last = date(2020, 3, 1), date(2020, 3, 31)
    passengers = demo_passengers(rng, points, 2000, first + timedelta(days=4), 27)
    rules = PlanRules()
    began = time.perf_counter()
    trips = plan_trips(passengers, points, WANZHOU_DEPARTURE, DESTINATIONS, rules, first, last)
    seconds = time.perf_counter() - began
    left = unreachable_passengers(
        passengers, points, WANZHOU_DEPARTURE, DESTINATIONS, rules, first, last
    )
    buses = [t for t in trips if t.vehicle == "bus"]
    cars = [t for t in trips if t.vehicle == "car"]
    print("Planner: 2,000 passengers, 52 townships, 10 destinations, March 2020")
    print(f"time {seconds:.1f} s")
    print(f"carried {sum(len(t.passengers) for t in trips)}, cannot arrive in time {len(left)}")
    print(f"buses {len(buses)} (lower bound {buses_lower_bound(trips)}), cars {len(cars)}")
    print(f"total km {sum(t.distance_km for t in trips):,.0f}")


def main() -> None:
    """Parse the command line and run the benchmarks asked for."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--time-limit", type=float, default=5.0, help="seconds per instance")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["cvrplib", "planner"])
    args = parser.parse_args()
    if args.only in (None, "cvrplib"):
        run_cvrplib(args.time_limit, args.seed)
    if args.only in (None, "planner"):
        run_planner(args.seed)


if __name__ == "__main__":
    main()
