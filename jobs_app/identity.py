"""Mainland identity numbers (GB 11643-1999) and mobile phone numbers.

Pure functions: the schemas validate with them and the services derive sex and birth date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

ID_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
ID_CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"^[1-9]\d{16}[\dX]$")
PHONE_PATTERN = re.compile(r"^1[3-9]\d{9}$")
MIN_WORKING_AGE = 16


class InvalidIdNumber(ValueError):
    """An ID number that breaks GB 11643; the message is an English msgid for i18n."""


@dataclass(frozen=True)
class IdFacts:
    """What an ID number says about its holder."""

    birth_date: date
    sex: str  # "male" or "female"


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def normalise_id_number(raw: str) -> str:
    return raw.strip().upper()


def parse_id_number(raw: str, today: date | None = None) -> IdFacts:
    """Check an 18-character ID number and return the birth date and sex it encodes."""
    number = normalise_id_number(raw)
    if len(number) != 18:
        raise InvalidIdNumber("ID number must have 18 characters.")
    if not ID_PATTERN.match(number):
        raise InvalidIdNumber("ID number may contain only digits and a final X.")
    if check_character(number[:17]) != number[17]:
        raise InvalidIdNumber("Check character is wrong.")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdNumber("Birth date in the ID number is not a real date.") from None
    if birth > (today or date.today()) or birth.year < 1900:
        raise InvalidIdNumber("Birth date in the ID number is not a real date.")
    sex = "male" if int(number[16]) % 2 else "female"
    return IdFacts(birth_date=birth, sex=sex)


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on a given day."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def is_valid_phone(raw: str) -> bool:
    return bool(PHONE_PATTERN.match(raw.strip()))


def mask_id_number(number: str) -> str:
    """``500101199001011234`` → ``500101********123X`` style: region and last four kept."""
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    """``13912345678`` → ``139****5678``."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def make_id_number(region: str, birth: date, sequence: int) -> str:
    """Build a valid ID number from a 6-digit region, a birth date and a 3-digit sequence.

    Used by the demo data and the tests; the sequence's parity gives the sex (odd = male).
    """
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)
