"""Batch allocation: headcount and one-job limits hold, and the solve is exactly optimal."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from matching.allocate import (
    VALUE_SCALE,
    CandidateGraph,
    allocate,
    candidate_graph,
    greedy_allocate,
    non_poor_room_for,
    solve_exact,
)
from matching.limits import eligible
from matching.rank import OpeningIndex
from matching.records import MatchConfig
from tests.matching.factories import TODAY, opening_lists, worker_lists

CONFIG = MatchConfig()


@st.composite
def graphs(draw) -> CandidateGraph:
    """A random bipartite candidate graph with headcounts and poor flags."""
    n_workers, n_openings = draw(st.integers(1, 7)), draw(st.integers(1, 4))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n_workers - 1), st.integers(0, n_openings - 1)),
            min_size=1, max_size=20, unique=True,
        )
    )  # fmt: skip
    worker, opening = (np.array(column) for column in zip(*pairs, strict=True))
    score = np.array(draw(st.lists(st.floats(0.01, 1), min_size=len(pairs), max_size=len(pairs))))
    poor_workers = np.array(draw(st.lists(st.booleans(), min_size=n_workers, max_size=n_workers)))
    return CandidateGraph(
        worker_ids=np.arange(100, 100 + n_workers),
        opening_ids=np.arange(500, 500 + n_openings),
        capacity=np.array(
            draw(st.lists(st.integers(0, 3), min_size=n_openings, max_size=n_openings))
        ),
        worker=worker,
        opening=opening,
        score=score,
        value=score * draw(st.floats(1, 2)),
        poor=poor_workers[worker],
    )


def optimum_by_milp(graph: CandidateGraph, room: dict[int, int]) -> float:
    """The best total value by an integer program (HiGHS), as the exact reference."""
    arcs = np.arange(graph.n_arcs)
    ones = np.ones(graph.n_arcs)
    per_worker = sp.csr_matrix(
        (ones, (graph.worker, arcs)), shape=(len(graph.worker_ids), graph.n_arcs)
    )
    per_opening = sp.csr_matrix(
        (ones, (graph.opening, arcs)), shape=(len(graph.opening_ids), graph.n_arcs)
    )
    constraints = [
        LinearConstraint(per_worker, 0, 1),
        LinearConstraint(per_opening, 0, graph.capacity),
    ]
    column = {int(o): c for c, o in enumerate(graph.opening_ids)}
    for opening_id, limit in room.items():
        gated = ((graph.opening == column[opening_id]) & ~graph.poor).astype(float)
        constraints.append(LinearConstraint(gated[None, :], 0, limit))
    result = milp(-graph.value, constraints=constraints, integrality=ones, bounds=Bounds(0, 1))
    assert result.success
    return -result.fun


def assert_respects_limits(graph: CandidateGraph, allocation, room=None) -> None:
    workers = [p.worker_id for p in allocation.proposals]
    assert len(workers) == len(set(workers)), "a worker was proposed twice"
    capacity = dict(zip(graph.opening_ids.tolist(), graph.capacity.tolist(), strict=True))
    taken = {}
    for proposal in allocation.proposals:
        taken[proposal.opening_id] = taken.get(proposal.opening_id, 0) + 1
    assert all(count <= capacity[o] for o, count in taken.items())
    arcs = set(arc_pairs(graph))
    assert all((p.worker_id, p.opening_id) in arcs for p in allocation.proposals)


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_min_cost_flow_equals_the_integer_program_optimum(graph):
    allocation = solve_exact(graph)
    assert_respects_limits(graph, allocation)
    tolerance = graph.n_arcs / VALUE_SCALE
    assert abs(allocation.total_value - optimum_by_milp(graph, {})) <= tolerance


@settings(max_examples=200, deadline=None)
@given(graphs(), st.data())
def test_greedy_never_beats_the_exact_solve(graph, data):
    room = {int(graph.opening_ids[0]): data.draw(st.integers(0, 2))}
    exact, greedy = solve_exact(graph, room), greedy_allocate(graph, room)
    assert_respects_limits(graph, greedy)
    assert greedy.total_value <= exact.total_value + graph.n_arcs / VALUE_SCALE
    assert abs(exact.total_value - optimum_by_milp(graph, room)) <= graph.n_arcs / VALUE_SCALE


@settings(max_examples=100, deadline=None)
@given(graphs(), st.data())
def test_workshop_never_gets_more_non_poor_workers_than_its_room(graph, data):
    workshop = int(graph.opening_ids[0])
    room = data.draw(st.integers(0, 2))
    allocation = solve_exact(graph, {workshop: room})
    poor = dict(zip(graph.worker_ids[graph.worker].tolist(), graph.poor.tolist(), strict=True))
    non_poor = [
        p for p in allocation.proposals if p.opening_id == workshop and not poor[p.worker_id]
    ]
    assert len(non_poor) <= room


def test_room_keeps_the_workshop_at_its_threshold():
    assert non_poor_room_for(poor=3, total=10, threshold=0.3) == 0
    assert non_poor_room_for(poor=6, total=10, threshold=0.3) == 10
    assert non_poor_room_for(poor=0, total=0, threshold=0.3) == 0


@settings(max_examples=60, deadline=None)
@given(worker_lists(max_size=8), opening_lists(max_size=5), st.integers(1, 4))
def test_end_to_end_proposals_respect_limits_and_headcount(workers, openings, k):
    config = MatchConfig(candidates_per_worker=k)
    allocation = allocate(workers, openings, TODAY, config)
    index = OpeningIndex.build(openings, config)
    graph = candidate_graph(index, workers, TODAY, k)
    assert_respects_limits(graph, allocation)
    by_worker = {w.id: w for w in workers}
    by_opening = {o.id: o for o in openings}
    for proposal in allocation.proposals:
        assert eligible(
            by_worker[proposal.worker_id], by_opening[proposal.opening_id], TODAY, config
        )
    assert np.bincount(graph.worker, minlength=len(workers)).max(initial=0) <= k


def arc_pairs(graph: CandidateGraph) -> list[tuple[int, int]]:
    """(worker id, opening id) of every arc, in arc order."""
    workers = graph.worker_ids[graph.worker].tolist()
    return list(zip(workers, graph.opening_ids[graph.opening].tolist(), strict=True))


@settings(max_examples=150, deadline=None)
@given(worker_lists(max_size=8), opening_lists(max_size=8))
def test_unbounded_candidate_graph_holds_every_eligible_pair(workers, openings):
    index = OpeningIndex.build(openings, CONFIG)
    graph = candidate_graph(index, workers, TODAY, k=len(openings))
    expected = {(w.id, o.id) for w in workers for o in openings if eligible(w, o, TODAY, CONFIG)}
    assert set(arc_pairs(graph)) == expected


@settings(max_examples=100, deadline=None)
@given(worker_lists(max_size=8), opening_lists(max_size=8))
def test_batch_scores_equal_the_scores_a_desk_sees(workers, openings):
    index = OpeningIndex.build(openings, CONFIG)
    graph = candidate_graph(index, workers, TODAY, k=len(openings))
    batch = dict(zip(arc_pairs(graph), graph.score.tolist(), strict=True))
    for worker in workers:
        for match in index.rank_for_worker(worker, TODAY, limit=len(openings)):
            assert batch[(worker.id, match.opening_id)] == pytest.approx(match.score, abs=1e-6)
