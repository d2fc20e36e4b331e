"""Thin layer over PyVRP: one vehicle kind, integer matrices, routes back as client lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyvrp
from pyvrp.stop import MaxRuntime, MultipleCriteria, NoImprovement, StoppingCriterion


@dataclass(frozen=True)
class RoutingProblem:
    """A capacitated routing problem over locations given by integer matrices.

    Location 0 is where every vehicle starts, location ``end`` is where it ends (0 for a
    closed tour). Clients are the remaining locations in ``client_locations`` order.
    ``shift_seconds`` bounds each route's duration (travel plus service) when given.
    """

    distances: np.ndarray
    durations: np.ndarray
    client_locations: Sequence[int]
    demands: Sequence[int]
    capacity: int
    num_vehicles: int
    end: int = 0
    service_seconds: Sequence[int] | None = None
    shift_seconds: int | None = None


@dataclass(frozen=True)
class SolvedRoute:
    """One vehicle's clients (indices into the problem's client list) and their arrival times."""

    clients: list[int]
    arrivals: list[int]
    distance: int
    duration: int


@dataclass(frozen=True)
class SolvedRoutes:
    """PyVRP's best solution: its routes, total distance, and whether it respects every limit."""

    routes: list[SolvedRoute]
    distance: int
    feasible: bool


def stopping_rule(time_limit: float, no_improvement: int | None = None) -> StoppingCriterion:
    """Stop at the time limit, or earlier after ``no_improvement`` iterations without progress."""
    if no_improvement is None:
        return MaxRuntime(time_limit)
    return MultipleCriteria([MaxRuntime(time_limit), NoImprovement(no_improvement)])


def _problem_data(problem: RoutingProblem) -> pyvrp.ProblemData:
    """Translate a RoutingProblem into PyVRP's ProblemData."""
    size = problem.distances.shape[0]
    locations = [pyvrp.Location(x=0, y=0) for _ in range(size)]
    service = problem.service_seconds or [0] * len(problem.client_locations)
    clients = [
        pyvrp.Client(location=loc, delivery=[demand], service_duration=seconds)
        for loc, demand, seconds in zip(
            problem.client_locations, problem.demands, service, strict=True
        )
    ]
    depots = [pyvrp.Depot(location=0)]
    if problem.end != 0:
        depots.append(pyvrp.Depot(location=problem.end))
    limits = {} if problem.shift_seconds is None else {"shift_duration": problem.shift_seconds}
    vehicle = pyvrp.VehicleType(
        num_available=problem.num_vehicles,
        capacity=[problem.capacity],
        start_depot=0,
        end_depot=len(depots) - 1,
        **limits,
    )
    return pyvrp.ProblemData(
        locations,
        clients,
        depots,
        [vehicle],
        [np.asarray(problem.distances, dtype=np.int64)],
        [np.asarray(problem.durations, dtype=np.int64)],
    )


def _solved_route(route: pyvrp.Route) -> SolvedRoute:
    """Client indices and arrival times (seconds from the start) of one PyVRP route."""
    visits = [activity for activity in route.schedule() if activity.is_client()]
    return SolvedRoute(
        clients=[activity.idx for activity in visits],
        arrivals=[activity.start_time - route.start_time() for activity in visits],
        distance=route.distance(),
        duration=route.duration(),
    )


def solve_routes(problem: RoutingProblem, stop: StoppingCriterion, seed: int = 1) -> SolvedRoutes:
    """Solve the problem with PyVRP's iterated local search and return the best solution."""
    result = pyvrp.solve(
        _problem_data(problem), stop, seed=seed, collect_stats=False, display=False
    )
    best = result.best
    routes = [_solved_route(route) for route in best.routes() if route.num_clients()]
    return SolvedRoutes(routes=routes, distance=best.distance(), feasible=best.is_feasible())
