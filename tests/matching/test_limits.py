"""Hard limits (issue 3, item 2): the scalar rules and their vectorised form agree."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings

from matching.arrays import OpeningArrays, Pairing, WorkerArrays
from matching.distance import BOUNDARY_BAND_KM, exact_road_km, fast_road_km
from matching.geo import road_km
from matching.limits import eligible, eligible_pairs, road_km_pairs
from matching.records import MatchConfig
from tests.matching.factories import TODAY, make_opening, make_worker, opening_lists, worker_lists

CONFIG = MatchConfig()


def _block_mask(workers, openings, config=CONFIG):
    pairing = Pairing.block(WorkerArrays.build(workers, config), OpeningArrays.build(openings))
    return eligible_pairs(pairing, TODAY, config, road_km_pairs(pairing, config))


@settings(max_examples=300, deadline=None)
@given(worker_lists(), opening_lists())
def test_vectorised_limits_equal_scalar_limits(workers, openings):
    expected = np.array([[eligible(w, o, TODAY, CONFIG) for o in openings] for w in workers])
    assert (_block_mask(workers, openings) == expected).all()


@settings(max_examples=200, deadline=None)
@given(worker_lists(), opening_lists())
def test_pairwise_form_equals_block_form(workers, openings):
    block = _block_mask(workers, openings)
    rows, cols = np.indices(block.shape).reshape(2, -1)
    pairing = Pairing.pairs(
        WorkerArrays.build([workers[i] for i in rows], CONFIG),
        OpeningArrays.build([openings[j] for j in cols]),
    )
    pairs = eligible_pairs(pairing, TODAY, CONFIG, road_km_pairs(pairing, CONFIG))
    assert (pairs == block.ravel()).all()


def test_nobody_under_16_is_matched_even_when_the_opening_allows_it():
    assert not eligible(make_worker(age=15), make_opening(age_min=14), TODAY, CONFIG)
    assert eligible(make_worker(age=16), make_opening(age_min=14), TODAY, CONFIG)


def test_only_seeking_workers_able_to_work_are_matched():
    assert not eligible(make_worker(status="employed_local"), make_opening(), TODAY, CONFIG)
    assert not eligible(make_worker(ability="none"), make_opening(), TODAY, CONFIG)


def test_near_home_worker_gets_no_job_beyond_her_commute():
    far_in_district = make_opening(township_code="500101245000", lat=30.81 + 0.3)
    assert not eligible(make_worker(scope="local"), far_in_district, TODAY, CONFIG)
    same_township_unknown_place = make_opening(lat=None, lon=None)
    assert eligible(make_worker(scope="local"), same_township_unknown_place, TODAY, CONFIG)


def test_chongqing_only_worker_never_gets_a_job_in_shandong():
    jining = make_opening(province="山东省", city="济宁市", township_code=None)
    assert not eligible(make_worker(scope="province"), jining, TODAY, CONFIG)
    assert eligible(make_worker(scope="anywhere"), jining, TODAY, CONFIG)


def test_named_provinces_narrow_anywhere_but_chongqing_stays_open():
    worker = make_worker(scope="anywhere", provinces=("广东省",))
    assert not eligible(worker, make_opening(province="山东省", township_code=None), TODAY, CONFIG)
    assert eligible(worker, make_opening(province="广东省", township_code=None), TODAY, CONFIG)
    assert eligible(worker, make_opening(province="重庆市", township_code=None), TODAY, CONFIG)


def test_minimum_wage_is_met_by_the_top_of_the_range():
    assert eligible(make_worker(min_wage=4000), make_opening(wage_max=4000), TODAY, CONFIG)
    assert not eligible(make_worker(min_wage=4001), make_opening(wage_max=4000), TODAY, CONFIG)


def test_opening_must_be_open_with_headcount_and_not_started():
    assert not eligible(make_worker(), make_opening(status="closed"), TODAY, CONFIG)
    assert not eligible(make_worker(), make_opening(free_headcount=0), TODAY, CONFIG)
    past = make_opening(start_date=TODAY.replace(day=1).replace(month=2))
    assert not eligible(make_worker(), past, TODAY, CONFIG)


def test_workshop_short_of_poor_workers_takes_only_poor_workers():
    config = MatchConfig(poor_categories=("registered_poor",))
    short = make_opening(employer_kind="workshop", poor_share_ok=False)
    assert eligible(make_worker(category="registered_poor"), short, TODAY, config)
    assert not eligible(make_worker(category="lifted"), short, TODAY, config)


def test_job_exactly_at_the_commute_limit_is_near_in_both_forms():
    worker = make_worker(scope="local", township_code="500101151000")
    opening = make_opening(lat=30.95, lon=108.52)
    exact = road_km(worker.lat, worker.lon, opening.lat, opening.lon, CONFIG.circuity)
    at_limit = MatchConfig(commute_km=exact)
    assert eligible(worker, opening, TODAY, at_limit)
    assert _block_mask([worker], [opening], at_limit)[0, 0]
    just_short = MatchConfig(commute_km=math.nextafter(exact, 0))
    assert not eligible(worker, opening, TODAY, just_short)
    assert not _block_mask([worker], [opening], just_short)[0, 0]


def test_fast_block_distance_stays_within_metres_of_the_exact_one():
    rng = np.random.default_rng(1)
    lat1, lon1 = np.radians(30.6 + rng.random((40, 1)) * 0.5), 108.1 + rng.random((40, 1)) * 0.6
    lat2, lon2 = np.radians(30.6 + rng.random((1, 60)) * 0.5), 108.1 + rng.random((1, 60)) * 0.6
    fast = fast_road_km(lat1, lon1, lat2, lon2, CONFIG.circuity)
    exact = exact_road_km(lat1, lon1, lat2, lon2, CONFIG.circuity)
    assert np.abs(fast - exact).max() < BOUNDARY_BAND_KM / 5
