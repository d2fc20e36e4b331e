"""Learning from outcomes: metrics by hand, training, the hold-out verdict, save and load."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import numpy as np
import pytest

from bench.district import TODAY, generate, simulate_referrals
from matching.allocate import candidate_graph
from matching.learn import (
    COLUMNS,
    LearnedRanker,
    blend,
    load,
    pair_features,
    save,
    train,
    transparent_scores,
)
from matching.metrics import auc, ndcg_at_k, precision_at_k
from matching.rank import OpeningIndex
from matching.records import MatchConfig

CONFIG = MatchConfig()
LABELS = np.array([1, 0, 1, 0])
SCORES = np.array([0.9, 0.8, 0.1, 0.4])
GROUPS = np.array([7, 7, 8, 8])


def test_metrics_match_a_hand_computed_example():
    # Positives 0.9 and 0.1 against negatives 0.8 and 0.4: two of four orderings are right.
    assert auc(LABELS, SCORES) == pytest.approx(0.5)
    # Worker 7's top pick is a success, worker 8's is not.
    assert precision_at_k(LABELS, SCORES, GROUPS, k=1) == pytest.approx(0.5)
    assert precision_at_k(LABELS, SCORES, GROUPS, k=10) == pytest.approx(0.5)
    # Worker 7 ranks its success first (1.0); worker 8 second, 1/log2(3).
    expected = (1 + 1 / math.log2(3)) / 2
    assert ndcg_at_k(LABELS, SCORES, GROUPS, k=10) == pytest.approx(expected)


def test_groups_without_any_success_do_not_count_for_ndcg():
    assert ndcg_at_k(np.array([0, 0, 1]), np.array([0.2, 0.1, 0.5]), np.array([1, 1, 2]), 10) == 1
    assert math.isnan(auc(np.array([1, 1]), np.array([0.3, 0.4])))


def test_blend_mixes_by_weight():
    mixed = blend(np.array([0.2, 0.8]), np.array([0.6, 0.0]), 0.25)
    assert mixed == pytest.approx([0.3, 0.6])


@pytest.fixture(scope="module")
def referrals():
    district = generate(n_workers=3000, n_openings=300, seed=11)
    index = OpeningIndex.build(district.openings, CONFIG)
    graph = candidate_graph(index, district.workers, district.today, 6)
    past = simulate_referrals(district, graph.worker, graph.opening)
    pairs = [
        (district.workers[i], district.openings[j])
        for i, j in zip(past.worker_rows, past.opening_cols, strict=True)
    ]
    return pairs, past.labels, past.dates


def test_feature_rows_carry_the_transparent_score(referrals):
    pairs, _, _ = referrals
    table = pair_features(pairs[:50], CONFIG)
    assert table.shape == (50, len(COLUMNS))
    scores = transparent_scores(table, CONFIG)
    assert ((scores >= 0) & (scores <= 1)).all()


def test_training_reports_holdout_metrics_and_round_trips(referrals, tmp_path):
    pairs, labels, dates = referrals
    now = dt.datetime(2021, 3, 1, 2, 0, tzinfo=dt.UTC)
    model = train(pairs, labels, dates, config=CONFIG, now=now)
    assert model.n_rows == len(pairs)
    assert model.trained_at == now and model.version.startswith("hgb-20210301T020000")
    assert {"model_auc", "transparent_auc", "model_ndcg_at_10", "transparent_ndcg_at_10"} <= set(
        model.metrics
    )
    assert "scikit-learn" in model.library_versions
    assert isinstance(model.beats_transparent, bool)
    table = pair_features(pairs[:20], CONFIG)
    reloaded = load(save(model, tmp_path / "models" / "ranker.joblib"))
    assert reloaded.version == model.version
    assert np.array_equal(reloaded.probabilities(table), model.probabilities(table))


def test_a_model_that_lost_its_holdout_leaves_scores_alone(referrals):
    pairs, labels, dates = referrals
    model = train(pairs, labels, dates, config=CONFIG, min_gain=10.0)
    assert not model.beats_transparent
    scores = np.array([0.3, 0.7])
    assert LearnedRanker(model).rescore(scores, pair_features(pairs[:2], CONFIG)) is scores


def test_training_needs_both_outcomes(referrals):
    pairs, _, dates = referrals
    with pytest.raises(ValueError, match="both outcomes"):
        train(pairs, np.zeros(len(pairs), dtype=int), dates, config=CONFIG)


def test_a_winning_model_reorders_ranking_by_its_blend(referrals):
    pairs, labels, dates = referrals
    model = dataclasses.replace(train(pairs, labels, dates, config=CONFIG), beats_transparent=True)
    openings = list({o.id: o for _, o in pairs}.values())
    worker = pairs[0][0]
    plain = OpeningIndex.build(openings, CONFIG)
    learned = OpeningIndex.build(
        openings, CONFIG, text=plain.text, learned=LearnedRanker(model, 1.0)
    )
    transparent = {m.opening_id: m.score for m in plain.rank_for_worker(worker, TODAY, 500)}
    reranked = learned.rank_for_worker(worker, TODAY, 500)
    assert {m.opening_id for m in reranked} == set(transparent)
    by_id = {o.id: o for o in openings}
    table = pair_features([(worker, by_id[m.opening_id]) for m in reranked], CONFIG, plain.text)
    assert [m.score for m in reranked] == pytest.approx(
        model.probabilities(table).tolist(), abs=1e-5
    )
