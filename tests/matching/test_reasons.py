"""Reason texts read the way the ledgers write money and distances."""

from matching.reasons import money, pay_range
from tests.matching.factories import make_opening


def test_money_is_printed_with_yuan_sign_and_thousands():
    assert money(4000) == "¥4,000"
    assert money(3800.4) == "¥3,800"


def test_a_wage_range_shows_both_ends():
    assert pay_range(make_opening(wage_min=3000, wage_max=4000)) == "¥3,000–¥4,000"
    assert pay_range(make_opening(wage_min=3800, wage_max=3800)) == "¥3,800"
