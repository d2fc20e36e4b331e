"""The capacitated VRP on CVRPLIB instances, solved with PyVRP.

Node numbers: a CVRPLIB ``.vrp`` file numbers its nodes from 1 and usually makes node 1 the
depot. ``vrplib`` reads them 0-based (file node ``k`` is index ``k - 1``). Everything this
module returns speaks the file's own numbers, so route ``[2, 5]`` means file nodes 2 and 5.
(The CVRPLIB ``.sol`` files count customers from 1 with the depot as 0, i.e. file node minus
one; the benchmark does not read them.)
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import vrplib

from matching.transport.solver import RoutingProblem, solve_routes, stopping_rule

# How each TSPLIB edge-weight type turns a Euclidean distance into the integer that counts.
# EUC_2D is "nint": the nearest integer, halves rounded up.
_ROUNDING: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "EUC_2D": lambda d: np.floor(d + 0.5),
    "CEIL_2D": np.ceil,
    "FLOOR_2D": np.floor,
    "EXPLICIT": np.round,
}


@dataclass(frozen=True)
class CvrpInstance:
    """A CVRPLIB instance with integer edge weights by the instance's own rule."""

    name: str
    depot: int
    capacity: int
    demands: np.ndarray
    weights: np.ndarray
    vehicles: int | None = None

    @property
    def customers(self) -> list[int]:
        """Customer nodes, numbered as in the file."""
        return [node for node in range(1, len(self.demands) + 1) if node != self.depot]


@dataclass(frozen=True)
class CvrpSolution:
    """Cost by the instance's rule, and routes as lists of file node numbers, depot left out."""

    cost: int
    routes: list[list[int]]


def read_cvrp(path: str | os.PathLike[str]) -> CvrpInstance:
    """Read a CVRPLIB ``.vrp`` file; raise ValueError for what this solver cannot handle."""
    raw = vrplib.read_instance(path)
    weight_type = str(raw.get("edge_weight_type", "EXPLICIT"))
    if weight_type not in _ROUNDING:
        raise ValueError(f"EDGE_WEIGHT_TYPE {weight_type} is not supported")
    depots = [int(index) for index in np.atleast_1d(raw["depot"])]
    if len(depots) != 1:
        raise ValueError(f"DEPOT_SECTION lists {len(depots)} depots; exactly one is supported")
    weights = _ROUNDING[weight_type](np.asarray(raw["edge_weight"], dtype=float))
    return CvrpInstance(
        name=str(raw.get("name", os.path.basename(str(path)))),
        depot=depots[0] + 1,
        capacity=int(raw["capacity"]),
        demands=np.asarray(raw["demand"], dtype=np.int64),
        weights=weights.astype(np.int64),
        vehicles=int(raw["vehicles"]) if "vehicles" in raw else None,
    )


def _check_routes(instance: CvrpInstance, routes: Sequence[Sequence[int]]) -> None:
    """Raise ValueError unless the routes visit every customer once within capacity."""
    visited = [node for route in routes for node in route]
    if sorted(visited) != instance.customers:
        raise ValueError("routes must visit every customer exactly once and never the depot")
    for route in routes:
        load = int(sum(instance.demands[node - 1] for node in route))
        if load > instance.capacity:
            raise ValueError(f"route {list(route)} carries {load} > capacity {instance.capacity}")


def cost_of_routes(instance: CvrpInstance, routes: Sequence[Sequence[int]]) -> int:
    """Total cost of closed tours from the depot through ``routes`` (file node numbers).

    Checks the routes first: every customer exactly once, no route over capacity.
    """
    _check_routes(instance, routes)
    depot = instance.depot - 1
    total = 0
    for route in routes:
        path = [depot, *(node - 1 for node in route), depot]
        total += int(sum(instance.weights[a, b] for a, b in pairwise(path)))
    return total


def _routing_problem(
    instance: CvrpInstance, vehicles: int | None
) -> tuple[RoutingProblem, list[int]]:
    """Reorder the instance so the depot is location 0; return the problem and node order."""
    nodes = [instance.depot, *instance.customers]
    order = [node - 1 for node in nodes]
    weights = instance.weights[np.ix_(order, order)]
    demand = [int(instance.demands[node - 1]) for node in instance.customers]
    problem = RoutingProblem(
        distances=weights,
        durations=np.zeros_like(weights),
        client_locations=list(range(1, len(nodes))),
        demands=demand,
        capacity=instance.capacity,
        num_vehicles=vehicles or len(demand),
    )
    return problem, nodes


def solve_cvrp(
    instance: CvrpInstance, time_limit: float, seed: int = 1, vehicles: int | None = None
) -> CvrpSolution:
    """Solve a CVRP instance with PyVRP within ``time_limit`` seconds.

    The fleet is ``vehicles`` if given, else the file's VEHICLES field, else unlimited.
    """
    problem, nodes = _routing_problem(instance, vehicles or instance.vehicles)
    solved = solve_routes(problem, stopping_rule(time_limit), seed=seed)
    if not solved.feasible:
        raise ValueError(f"no feasible solution found for {instance.name} in {time_limit} s")
    routes = [[nodes[client + 1] for client in route.clients] for route in solved.routes]
    return CvrpSolution(cost=cost_of_routes(instance, routes), routes=routes)


def solve_cvrp_file(
    path: str | os.PathLike[str], time_limit: float, seed: int = 1, vehicles: int | None = None
) -> CvrpSolution:
    """Read a CVRPLIB file and solve it; see :func:`solve_cvrp`."""
    if not math.isfinite(time_limit) or time_limit <= 0:
        raise ValueError("time_limit must be a positive number of seconds")
    return solve_cvrp(read_cvrp(path), time_limit, seed=seed, vehicles=vehicles)


def solve_cvrp_json(path: str | os.PathLike[str], time_limit: float, seed: int = 1) -> str:
    """The CLI's output: ``{"cost": C, "routes": [[...], ...]}`` as one line of JSON."""
    solution = solve_cvrp_file(path, time_limit, seed=seed)
    return json.dumps({"cost": solution.cost, "routes": solution.routes})
