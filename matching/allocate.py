"""Monthly batch allocation: all seeking workers to all open headcount at once.

At most one opening per worker and at most the free headcount per opening, maximising the
total priority-weighted score: each pair is worth ``score * (1 + gain * priority)``, so scarce
headcount goes first to the workers SPEC puts first. The candidate graph keeps each worker's
top K openings; over that graph the assignment is solved exactly as a min-cost flow
(OR-Tools), on values scaled to integers (``VALUE_SCALE``).

Workshop poor share, as interpreted here: every worker in the register comes from a
poor-related household, so a worker counts as poor when her category is one of
``MatchConfig.poor_categories`` (by default all four: registered_poor, monitored, marginal,
lifted; the bureau may narrow it, e.g. to the 建档立卡 categories). A workshop whose share is
already below the threshold has ``poor_share_ok`` False and takes only poor workers (a hard
limit, see ``matching.limits``). A workshop above it may be given ``non_poor_room``: how many
non-poor hires keep its share at the threshold (``non_poor_room_for``); the flow then routes
its non-poor candidates through one extra node of that capacity, so no run pushes a workshop
below the threshold.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from matching.candidates import CandidateGraph, candidate_graph
from matching.rank import OpeningIndex
from matching.records import MatchConfig, OpeningProfile, WorkerProfile

VALUE_SCALE = 1_000_000  # pair values are kept to six decimals in the solver

__all__ = [
    "Allocation",
    "CandidateGraph",
    "Proposal",
    "allocate",
    "candidate_graph",
    "greedy_allocate",
    "non_poor_room_for",
    "solve_exact",
]


@dataclass(frozen=True)
class Proposal:
    """One proposed referral of the run."""

    worker_id: int
    opening_id: int
    score: float


@dataclass(frozen=True)
class Allocation:
    """Proposals of a run, best value first, with their totals."""

    proposals: tuple[Proposal, ...]
    total_score: float
    total_value: float
    n_candidates: int
    method: str


def non_poor_room_for(poor: int, total: int, threshold: float) -> int:
    """How many non-poor hires a workshop with ``poor`` of ``total`` can add and stay certified."""
    if threshold <= 0:
        return 2**31 - 1
    # poor / (total + extra) >= threshold  <=>  extra <= poor / threshold - total
    return max(0, math.floor(poor / threshold - total + 1e-9))


def allocate(
    workers: Sequence[WorkerProfile],
    openings: Sequence[OpeningProfile] | OpeningIndex,
    today: dt.date,
    config: MatchConfig,
    *,
    non_poor_room: Mapping[int, int] | None = None,
) -> Allocation:
    """Candidates, scores and the exact solve, end to end.

    Given an ``OpeningIndex``, its own configuration scores the pairs (build it with
    ``config``); ``non_poor_room`` maps workshop opening ids to ``non_poor_room_for``.
    """
    index = openings if isinstance(openings, OpeningIndex) else OpeningIndex.build(openings, config)
    graph = candidate_graph(index, workers, today, config.candidates_per_worker)
    return solve_exact(graph, non_poor_room)


def solve_exact(
    graph: CandidateGraph, non_poor_room: Mapping[int, int] | None = None
) -> Allocation:
    """The assignment of greatest total value over the candidate graph (min-cost flow)."""
    room = _room_by_column(graph, non_poor_room)
    n_workers, n_openings = len(graph.worker_ids), len(graph.opening_ids)
    sink = n_workers + n_openings
    gates = {col: sink + 1 + i for i, col in enumerate(room)}  # non-poor entry of a workshop
    heads = n_workers + graph.opening
    if gates:
        gate_of = np.full(n_openings, -1)
        gate_of[list(gates)] = list(gates.values())
        gated = ~graph.poor & (gate_of[graph.opening] >= 0)
        heads = np.where(gated, gate_of[graph.opening], heads)
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        graph.worker.astype(np.int32),
        heads.astype(np.int32),
        np.ones(graph.n_arcs, dtype=np.int64),
        -np.rint(graph.value * VALUE_SCALE).astype(np.int64),
    )
    _add_fixed_arcs(flow, graph, sink, gates, room)
    supplies = np.ones(n_workers + 1, dtype=np.int64)
    supplies[-1] = -n_workers
    flow.set_nodes_supplies(np.append(np.arange(n_workers), sink).astype(np.int32), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    chosen = np.flatnonzero(flow.flows(arcs) > 0)
    return _allocation(graph, chosen, "min_cost_flow")


def _room_by_column(graph: CandidateGraph, non_poor_room: Mapping[int, int] | None):
    if not non_poor_room:
        return {}
    column = {int(opening_id): col for col, opening_id in enumerate(graph.opening_ids)}
    return {column[o]: room for o, room in non_poor_room.items() if o in column}


def _add_fixed_arcs(flow, graph: CandidateGraph, sink: int, gates: dict, room: dict) -> None:
    """Worker → sink (stays unassigned), opening → sink (headcount), gate → opening (room)."""
    n_workers, n_openings = len(graph.worker_ids), len(graph.opening_ids)
    workers = np.arange(n_workers)
    openings = np.arange(n_openings)
    tails = [workers, n_workers + openings]
    heads = [np.full(n_workers, sink), np.full(n_openings, sink)]
    caps = [np.ones(n_workers), graph.capacity]
    if gates:
        cols = np.array(list(gates))
        tails.append(np.array([gates[c] for c in cols]))
        heads.append(n_workers + cols)
        caps.append(np.array([room[c] for c in cols]))
    total = sum(len(t) for t in tails)
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails).astype(np.int32),
        np.concatenate(heads).astype(np.int32),
        np.concatenate(caps).astype(np.int64),
        np.zeros(total, dtype=np.int64),
    )


def greedy_allocate(
    graph: CandidateGraph, non_poor_room: Mapping[int, int] | None = None
) -> Allocation:
    """Highest-value arc first, while the worker is free and the opening has room."""
    free = graph.capacity.astype(np.int64).copy()
    room = dict(_room_by_column(graph, non_poor_room))
    taken = np.zeros(len(graph.worker_ids), dtype=bool)
    chosen = []
    order = np.lexsort((graph.opening, graph.worker, -graph.value))
    for arc, row, col, poor in zip(
        order.tolist(),
        graph.worker[order].tolist(),
        graph.opening[order].tolist(),
        graph.poor[order].tolist(),
        strict=True,
    ):
        gated = not poor and col in room
        if taken[row] or free[col] <= 0 or (gated and room[col] <= 0):
            continue
        taken[row] = True
        free[col] -= 1
        if gated:
            room[col] -= 1
        chosen.append(arc)
    return _allocation(graph, np.array(chosen, dtype=np.int64), "greedy")


def _allocation(graph: CandidateGraph, arcs: np.ndarray, method: str) -> Allocation:
    arcs = arcs[np.argsort(-graph.value[arcs], kind="stable")]
    proposals = tuple(
        Proposal(int(w), int(o), float(s))
        for w, o, s in zip(
            graph.worker_ids[graph.worker[arcs]],
            graph.opening_ids[graph.opening[arcs]],
            graph.score[arcs],
            strict=True,
        )
    )
    return Allocation(
        proposals=proposals,
        total_score=float(graph.score[arcs].sum()),
        total_value=float(graph.value[arcs].sum()),
        n_candidates=graph.n_arcs,
        method=method,
    )
