"""Reason texts read the way the ledgers write money and distances; the weightiest are given."""

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.reasons import REASON_BUILDERS, explain, money, pay_range
from matching.records import MatchConfig
from matching.scoring import PAIR_VALUES
from tests.matching.factories import make_opening, openings, workers


def test_money_is_printed_with_yuan_sign_and_thousands():
    assert money(4000) == "¥4,000"
    assert money(3800.4) == "¥3,800"


def test_a_wage_range_shows_both_ends():
    assert pay_range(make_opening(wage_min=3000, wage_max=4000)) == "¥3,000–¥4,000"
    assert pay_range(make_opening(wage_min=3800, wage_max=3800)) == "¥3,800"


def _every_reason_worded_then_weighed(worker, opening, features, config, exclude=()):
    """The rule ``explain`` keeps: every reason worded, the weightiest first."""
    total = sum(config.weights.values())
    worded = [
        (
            config.weights.get(name, 0.0) / total * features[name],
            build(worker, opening, features, config),
        )
        for name, build in REASON_BUILDERS.items()
        if name not in exclude
    ]
    worded = [(weight, reason) for weight, reason in worded if reason is not None]
    worded.sort(key=lambda pair: -pair[0])
    return tuple(reason for _, reason in worded[: config.top_reasons])


@settings(max_examples=200, deadline=None)
@given(
    worker=workers(),
    opening=openings(),
    values=st.lists(st.floats(0, 1), min_size=len(PAIR_VALUES), max_size=len(PAIR_VALUES)),
    exclude=st.sampled_from([(), ("priority",)]),
)
def test_a_match_gives_its_weightiest_reasons_though_only_those_are_worded(
    worker, opening, values, exclude
):
    config = MatchConfig()
    features = dict(zip(PAIR_VALUES, values, strict=True))
    features["road_km"] = values[0] * 80
    expected = _every_reason_worded_then_weighed(worker, opening, features, config, exclude)
    assert explain(worker, opening, features, config, exclude) == expected
