"""Matching benchmark at district scale: `.venv/bin/python bench/matching.py`.

Prints ranking latency for one worker, candidate latency for one opening, batch allocation
time, memory and totals (against greedy, and against the exact optimum on a smaller size),
and NDCG@10 of random, transparent and learned ranking against the generator's hidden truth.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

# This file is named like the package it measures: put the repository, not bench/, first.
ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from scipy.optimize import Bounds, LinearConstraint, milp  # noqa: E402

from bench.district import District, generate, simulate_referrals  # noqa: E402
from matching.allocate import greedy_allocate, solve_exact  # noqa: E402
from matching.arrays import WorkerArrays  # noqa: E402
from matching.candidates import candidate_graph  # noqa: E402
from matching.learn import LearnedRanker, feature_table, train  # noqa: E402
from matching.metrics import ndcg_at_k  # noqa: E402
from matching.rank import OpeningIndex, WorkerIndex  # noqa: E402
from matching.records import MatchConfig  # noqa: E402

CONFIG = MatchConfig()
RNG = np.random.default_rng(42)


def percentiles_ms(samples: list[float]) -> str:
    """p50 and p95 of durations in seconds, as milliseconds."""
    p50, p95 = np.percentile(np.array(samples) * 1000, [50, 95])
    return f"p50 {p50:.2f} ms, p95 {p95:.2f} ms"


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seeking(district: District) -> np.ndarray:
    """Rows of workers the service would match."""
    return np.flatnonzero(WorkerArrays.build(district.workers, CONFIG).matchable)


def bench_ranking(district: District, index: OpeningIndex, n: int = 500) -> None:
    rows = RNG.choice(seeking(district), n, replace=False)
    samples = []
    for row in rows.tolist():
        start = time.perf_counter()
        index.rank_for_worker(district.workers[row], district.today, 20)
        samples.append(time.perf_counter() - start)
    print(f"rank one worker over {len(index.openings):,} openings (in-process): "
          f"{percentiles_ms(samples)}")  # fmt: skip


def bench_candidates(district: District, n: int = 100) -> None:
    start = time.perf_counter()
    index = WorkerIndex.build(district.workers, CONFIG)
    print(f"build worker index: {time.perf_counter() - start:.2f} s")
    samples = []
    for col in RNG.choice(len(district.openings), n, replace=False).tolist():
        start = time.perf_counter()
        index.rank_for_opening(district.openings[col], district.today, 50)
        samples.append(time.perf_counter() - start)
    print(f"candidates for one opening over {len(index.workers):,} workers: "
          f"{percentiles_ms(samples)}")  # fmt: skip


def bench_allocation(district: District) -> None:
    before = peak_rss_mib()
    start = time.perf_counter()
    index = OpeningIndex.build(district.openings, CONFIG)
    graph = candidate_graph(index, district.workers, district.today, CONFIG.candidates_per_worker)
    scored = time.perf_counter()
    exact = solve_exact(graph)
    solved = time.perf_counter()
    greedy = greedy_allocate(graph)
    print(f"batch allocation {len(district.workers):,} x {len(district.openings):,}: "
          f"{solved - start:.2f} s end to end (candidates+scores {scored - start:.2f} s, "
          f"solve {solved - scored:.2f} s), {graph.n_arcs:,} arcs, "
          f"{len(exact.proposals):,} proposals")  # fmt: skip
    print(f"  peak RSS {peak_rss_mib():,.0f} MiB (before the run {before:,.0f} MiB)")
    print(f"  total value exact {exact.total_value:,.1f} vs greedy {greedy.total_value:,.1f} "
          f"({100 * (greedy.total_value / exact.total_value - 1):+.2f} %)")  # fmt: skip


def milp_optimum(graph) -> float:
    """Exact optimum by an integer program (HiGHS), the independent reference."""
    arcs, ones = np.arange(graph.n_arcs), np.ones(graph.n_arcs)
    per_worker = sp.csr_matrix((ones, (graph.worker, arcs)), (len(graph.worker_ids), len(arcs)))
    per_opening = sp.csr_matrix((ones, (graph.opening, arcs)), (len(graph.opening_ids), len(arcs)))
    constraints = [
        LinearConstraint(per_worker, 0, 1),
        LinearConstraint(per_opening, 0, graph.capacity),
    ]
    result = milp(-graph.value, constraints=constraints, integrality=ones, bounds=Bounds(0, 1))
    return -result.fun


def bench_small_optimum() -> None:
    small = generate(n_workers=5_000, n_openings=250, seed=5)
    index = OpeningIndex.build(small.openings, CONFIG)
    graph = candidate_graph(index, small.workers, small.today, CONFIG.candidates_per_worker)
    exact, greedy = solve_exact(graph), greedy_allocate(graph)
    print(f"small 5,000 x 250 ({graph.n_arcs:,} arcs): min-cost flow {exact.total_value:,.3f}, "
          f"HiGHS MILP {milp_optimum(graph):,.3f}, greedy {greedy.total_value:,.3f}")  # fmt: skip


def bench_quality(district: District, index: OpeningIndex) -> None:
    rows = seeking(district)
    history, evaluation = rows[: len(rows) // 4], rows[-300:]
    model = _trained_on_history(district, index, history)
    print(f"learned model {model.version}: hold-out {_metrics_line(model.metrics)}; "
          f"beats transparent: {model.beats_transparent}")  # fmt: skip
    ranker = LearnedRanker(model, weight=0.5)
    workers = [district.workers[i] for i in evaluation.tolist()]
    arrays = WorkerArrays.build(workers, CONFIG)
    skill = index.skill_products(index.worker_vectors(workers))
    block = index.score_block(arrays, skill, district.today)
    pair_rows, cols = np.nonzero(block.eligible)
    relevance = np.maximum(district.truth(evaluation[pair_rows], cols), 0)
    transparent = block.scores[pair_rows, cols]
    table = feature_table(block.features, block.pairing)[block.eligible.ravel()]
    learned = model.probabilities(table)
    rankings = {
        "random": RNG.random(len(cols)),
        "transparent": transparent,
        "learned (model alone)": learned,
        "learned (blend 0.5)": ranker.rescore(transparent, table),
    }
    for name, scores in rankings.items():
        print(
            f"  NDCG@10 vs hidden truth, {name}: {ndcg_at_k(relevance, scores, pair_rows, 10):.4f}"
        )


def _trained_on_history(district: District, index: OpeningIndex, history: np.ndarray):
    """Past referrals: three of each worker's top ten, outcomes drawn from the hidden truth."""
    workers = [district.workers[i] for i in history.tolist()]
    graph = candidate_graph(index, workers, district.today, 10)
    keep = RNG.random(graph.n_arcs) < 0.3
    past = simulate_referrals(district, history[graph.worker[keep]], graph.opening[keep])
    pairs = [
        (district.workers[i], district.openings[j])
        for i, j in zip(past.worker_rows.tolist(), past.opening_cols.tolist(), strict=True)
    ]
    start = time.perf_counter()
    model = train(
        pairs, past.labels, past.dates, config=CONFIG, text=index.text, group_by="opening"
    )
    print(f"trained on {len(pairs):,} referrals ({past.labels.mean():.0%} successes) "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
    return model


def _metrics_line(metrics: dict[str, float]) -> str:
    keys = ("auc", "precision_at_10", "ndcg_at_10")
    return ", ".join(
        f"{k} model {metrics[f'model_{k}']:.3f} / transparent {metrics[f'transparent_{k}']:.3f}"
        for k in keys
    )


def main() -> None:
    """Run every measurement once and print it."""
    start = time.perf_counter()
    district = generate()
    print(f"generated {len(district.workers):,} workers, {len(district.openings):,} openings "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
    index = OpeningIndex.build(district.openings, CONFIG)
    bench_ranking(district, index)
    bench_candidates(district)
    bench_allocation(district)
    bench_small_optimum()
    bench_quality(district, index)


if __name__ == "__main__":
    main()
