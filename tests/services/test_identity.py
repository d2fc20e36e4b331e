"""ID numbers (GB 11643) and phones, as a desk clerk types them."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobs_app.identity import (
    InvalidIdNumber,
    age_on,
    check_character,
    make_id_number,
    mask_id_number,
    mask_phone,
    parse_id_number,
)

TODAY = date(2026, 11, 30)


def test_published_example_has_check_character_x():
    # The standard's own worked example: 11010519491231002X.
    assert check_character("11010519491231002") == "X"
    facts = parse_id_number("11010519491231002x", TODAY)
    assert facts.birth_date == date(1949, 12, 31)
    assert facts.sex == "female"


def test_odd_sequence_digit_is_male():
    assert parse_id_number(make_id_number("500101", date(1990, 1, 1), 123), TODAY).sex == "male"


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        ("50010119900101123", "ID number must have 18 characters."),
        ("5001011990010112A4", "ID number may contain only digits and a final X."),
        ("500101199001011230", "Check character is wrong."),
        (make_id_number("500101", date(1990, 1, 1), 123)[:-1] + "0", "Check character is wrong."),
    ],
)
def test_bad_id_numbers_are_refused_with_the_reason(number, problem):
    if number.endswith("0") and check_character(number[:17]) == "0":
        pytest.fail("test data must have a wrong check character")
    with pytest.raises(InvalidIdNumber, match=problem):
        parse_id_number(number, TODAY)


def test_impossible_birth_date_is_refused():
    first17 = "50010119900230123"  # 30 February
    with pytest.raises(InvalidIdNumber, match="not a real date"):
        parse_id_number(first17 + check_character(first17), TODAY)


def test_birth_date_in_the_future_is_refused():
    with pytest.raises(InvalidIdNumber, match="not a real date"):
        parse_id_number(make_id_number("500101", date(2027, 1, 1), 1), TODAY)


@given(
    birth=st.dates(min_value=date(1920, 1, 1), max_value=TODAY),
    sequence=st.integers(min_value=0, max_value=999),
)
def test_every_built_number_parses_back(birth, sequence):
    facts = parse_id_number(make_id_number("500101", birth, sequence), TODAY)
    assert facts.birth_date == birth
    assert facts.sex == ("male" if sequence % 2 else "female")


@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.sampled_from("0123456789X"))
def test_exactly_one_check_character_is_accepted(first17, last):
    number = first17 + last
    try:
        parse_id_number(number, TODAY)
    except InvalidIdNumber as error:
        accepted = False
        reason = str(error)
    else:
        accepted = True
        reason = ""
    if last != check_character(first17):
        assert not accepted
    elif not accepted:
        assert "Check character" not in reason


def test_age_counts_birthdays():
    assert age_on(date(2010, 12, 1), TODAY) == 15
    assert age_on(date(2010, 11, 30), TODAY) == 16


def test_masks_keep_region_and_last_four():
    assert mask_id_number("50010119900101123X") == "500101********123X"
    assert mask_phone("13912345678") == "139****5678"
