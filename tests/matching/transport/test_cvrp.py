"""The CVRP core on CVRPLIB files: node numbers as in the file, cost by the file's rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matching.transport.cvrp import cost_of_routes, read_cvrp, solve_cvrp_file, solve_cvrp_json

DATA = Path(__file__).resolve().parents[3] / "bench" / "data" / "cvrplib"
A_N32_K5 = DATA / "A-n32-k5.vrp"


def test_a_n32_k5_reaches_its_best_known_cost():
    solution = solve_cvrp_file(A_N32_K5, time_limit=3)
    instance = read_cvrp(A_N32_K5)
    assert solution.cost == 784
    assert solution.cost == cost_of_routes(instance, solution.routes)
    assert sorted(node for route in solution.routes for node in route) == list(range(2, 33))


def test_json_for_the_cli():
    printed = json.loads(solve_cvrp_json(A_N32_K5, time_limit=0.5))
    assert set(printed) == {"cost", "routes"}
    instance = read_cvrp(A_N32_K5)
    assert printed["cost"] == cost_of_routes(instance, printed["routes"])


def test_published_solution_recomputes_to_its_stated_cost():
    # P-n55-k8's published 8-route solution, customers renumbered to file nodes (+1).
    stated = [
        [26],
        [45, 29, 5, 37, 20, 15, 13, 54, 19, 8],
        [6, 33, 1, 22, 42, 41, 43, 23, 16],
        [17, 3, 44, 32, 9, 39, 40],
        [12, 10, 31, 25, 50, 18, 24, 49, 51],
        [38, 11, 14, 53, 35, 7],
        [2, 28, 21, 36, 47, 48, 30],
        [4, 27, 52, 46, 34],
    ]
    routes = [[customer + 1 for customer in route] for route in stated]
    assert cost_of_routes(read_cvrp(DATA / "P-n55-k8.vrp"), routes) == 588


def test_every_a_and_p_instance_is_bundled_with_a_best_known_cost():
    names = {path.stem for path in DATA.glob("[AP]-*.vrp")}
    listed = {line.split(",")[0] for line in (DATA / "best_known.csv").read_text().split()[1:]}
    assert len([n for n in names if n.startswith("A-")]) == 27
    assert len([n for n in names if n.startswith("P-")]) == 24
    assert names == listed


@pytest.fixture
def depot_in_the_middle(tmp_path: Path) -> Path:
    """Four nodes on a line, the depot being node 3 of the file."""
    text = "\n".join(
        [
            "NAME : line-n4",
            "TYPE : CVRP",
            "DIMENSION : 4",
            "EDGE_WEIGHT_TYPE : EUC_2D",
            "CAPACITY : 10",
            "NODE_COORD_SECTION",
            "1 0 0",
            "2 10 0",
            "3 20 0",
            "4 33.4 0",
            "DEMAND_SECTION",
            "1 4",
            "2 4",
            "3 0",
            "4 7",
            "DEPOT_SECTION",
            "3",
            "-1",
            "EOF",
        ]
    )
    path = tmp_path / "line-n4.vrp"
    path.write_text(text + "\n")
    return path


def test_routes_speak_the_files_node_numbers(depot_in_the_middle: Path):
    solution = solve_cvrp_file(depot_in_the_middle, time_limit=0.2)
    assert sorted(map(sorted, solution.routes)) == [[1, 2], [4]]
    # 20 out and back to nodes 1 and 2; 13.4 rounds to 13, out and back.
    assert solution.cost == 40 + 26


def test_cost_of_routes_checks_the_routes(depot_in_the_middle: Path):
    instance = read_cvrp(depot_in_the_middle)
    with pytest.raises(ValueError, match="exactly once"):
        cost_of_routes(instance, [[1, 2]])
    with pytest.raises(ValueError, match="exactly once"):
        cost_of_routes(instance, [[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="capacity"):
        cost_of_routes(instance, [[1, 4], [2]])


def test_time_limit_must_be_positive():
    with pytest.raises(ValueError, match="time_limit"):
        solve_cvrp_file(A_N32_K5, time_limit=0)
