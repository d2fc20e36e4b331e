"""Ranked openings for a worker and ranked candidates for an opening, with reasons."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.limits import eligible
from matching.rank import OpeningIndex, WorkerIndex
from matching.records import MatchConfig
from tests.matching.factories import (
    TODAY,
    make_opening,
    make_worker,
    opening_lists,
    worker_lists,
    workers,
)

CONFIG = MatchConfig()


@settings(max_examples=150, deadline=None)
@given(workers(), opening_lists(max_size=10))
def test_one_workers_skill_products_equal_the_blocks(worker, openings):
    index = OpeningIndex.build(openings, CONFIG)
    overlap, cosine = index.one_worker_products(worker)
    block_overlap, block_cosine = index.skill_products(index.worker_vectors([worker]))
    assert overlap.shape == block_overlap.shape and overlap.dtype == block_overlap.dtype
    assert np.allclose(overlap, block_overlap) and np.allclose(cosine, block_cosine, atol=1e-6)


@settings(max_examples=150, deadline=None)
@given(workers(), opening_lists(max_size=10), st.integers(1, 12))
def test_no_ranked_opening_ever_breaks_a_hard_limit(worker, openings, limit):
    matches = OpeningIndex.build(openings, CONFIG).rank_for_worker(worker, TODAY, limit)
    by_id = {o.id: o for o in openings}
    allowed = [o for o in openings if eligible(worker, o, TODAY, CONFIG)]
    assert len(matches) == min(limit, len(allowed))
    assert all(eligible(worker, by_id[m.opening_id], TODAY, CONFIG) for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


@settings(max_examples=150, deadline=None)
@given(worker_lists(max_size=10), opening_lists(max_size=1), st.integers(1, 12))
def test_no_ranked_candidate_ever_breaks_a_hard_limit(workers, openings, limit):
    opening = openings[0]
    matches = WorkerIndex.build(workers, CONFIG).rank_for_opening(opening, TODAY, limit)
    by_id = {w.id: w for w in workers}
    allowed = [w for w in workers if eligible(w, opening, TODAY, CONFIG)]
    assert len(matches) == min(limit, len(allowed))
    assert all(eligible(by_id[m.worker_id], opening, TODAY, CONFIG) for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


@settings(max_examples=100, deadline=None)
@given(workers(), opening_lists(max_size=8))
def test_every_reason_speaks_chinese_and_english(worker, openings):
    for match in OpeningIndex.build(openings, CONFIG).rank_for_worker(worker, TODAY):
        assert len(match.reasons) <= CONFIG.top_reasons
        assert all(r.code and r.zh and r.en for r in match.reasons)


def test_seamstress_sees_the_sewing_job_near_home_first_with_its_reasons():
    worker = make_worker(skills=("缝纫",), min_wage=3000)
    sewing = make_opening(id=1, wage_min=3800, wage_max=3800)
    welding = make_opening(id=2, title="焊工", skills=("焊工",), description="焊接 金属")
    matches = OpeningIndex.build([welding, sewing], CONFIG).rank_for_worker(worker, TODAY)
    assert [m.opening_id for m in matches] == [1, 2]
    texts = {r.zh for r in matches[0].reasons}
    assert "会缝纫，岗位要求缝纫" in texts
    assert "月薪 ¥3,800，高于期望 ¥3,000" in texts
    assert "离家 3 公里" in texts


def test_far_job_with_board_and_lodging_says_so():
    worker = make_worker(scope="anywhere", skills=("焊工",), min_wage=None)
    jining = make_opening(
        province="山东省", city="济宁市", township_code=None, lat=35.41, lon=116.59,
        skills=("焊工",), board=True, lodging=True, social_insurance=False,
    )  # fmt: skip
    [match] = OpeningIndex.build([jining], CONFIG).rank_for_worker(worker, TODAY)
    assert "包吃住" in {r.zh for r in match.reasons}


def test_candidates_put_the_registered_poor_worker_before_the_lifted_one():
    poor = make_worker(id=1, category="registered_poor")
    lifted = make_worker(id=2, category="lifted")
    matches = WorkerIndex.build([lifted, poor], CONFIG).rank_for_opening(make_opening(), TODAY)
    assert [m.worker_id for m in matches] == [1, 2]
    assert matches[0].reasons[0].code in {"skill_match", "priority"}


def test_carer_of_school_children_prefers_the_workshop_near_home():
    carer = make_worker(cares_for_children=True, skills=(), skill_text="")
    workshop = make_opening(id=1, employer_kind="workshop", skills=())
    factory = make_opening(id=2, township_code="500101245000", lat=30.81 + 0.1, skills=())
    index = OpeningIndex.build([factory, workshop], CONFIG)
    first = index.rank_for_worker(carer, TODAY)[0]
    assert first.opening_id == 1
    assert "near_workshop" in {r.code for r in first.reasons}
