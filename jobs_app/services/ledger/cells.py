"""Reading one ledger cell: what Excel stored (text, number, date) into what the registry keeps.

Each reader takes the raw cell value and returns the value to store, or raises ``BadValue``.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from jobs_app.identity import is_valid_phone
from jobs_app.services.ledger.columns import normalise
from jobs_app.services.ledger.problems import BadValue

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日")
SKILL_SEPARATORS = re.compile(r"[、,，;；\s]+")
_MONEY_NOISE = re.compile(r"[¥￥,，元\s]")


def text(value: object) -> str | None:
    """The cell as trimmed text; numbers without a fractional part lose their ``.0``."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    stripped = str(value).strip()
    return stripped or None


def required_text(value: object, limit: int) -> str:
    found = optional_text(value, limit)
    if found is None:
        raise BadValue("required")
    return found


def optional_text(value: object, limit: int) -> str | None:
    found = text(value)
    if found is not None and len(found) > limit:
        raise BadValue("too_long", limit=limit)
    return found


def phone(value: object) -> str | None:
    found = text(value)
    if found is not None and not is_valid_phone(found):
        raise BadValue("bad_phone", value=found)
    return found


def choice(value: object, vocabulary: dict[str, object], *, default: object = None) -> object:
    """A word of a closed vocabulary, in any of its accepted spellings; blank gives ``default``."""
    found = text(value)
    if found is None:
        if default is None:
            raise BadValue("required")
        return default
    member = vocabulary.get(normalise(found))
    if member is None:
        allowed = "、".join(dict.fromkeys(_first_spellings(vocabulary)))
        raise BadValue("not_one_of", value=found, allowed=allowed)
    return member


def _first_spellings(vocabulary: dict[str, object]):
    """The first spelling of each member, for telling the clerk what is accepted."""
    seen = set()
    for spelling, member in vocabulary.items():
        if member not in seen:
            seen.add(member)
            yield spelling


def day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = text(value)
    if found is None:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(found, pattern).date()
        except ValueError:
            continue
    raise BadValue("bad_date", value=found)


def whole_number(value: object) -> int | None:
    """A count or an amount; ``¥3,000`` and ``3000.0`` are both 3000."""
    if isinstance(value, bool):
        raise BadValue("bad_number", value=value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        found = text(value)
        if found is None:
            return None
        cleaned = _MONEY_NOISE.sub("", found)
        if not re.fullmatch(r"-?\d+", cleaned):
            raise BadValue("bad_number", value=found)
        number = int(cleaned)
    if number < 0:
        raise BadValue("negative")
    return number


def skills(value: object) -> list[str]:
    found = text(value)
    if found is None:
        return []
    names = [name for name in SKILL_SEPARATORS.split(found) if name]
    for name in names:
        if len(name) > 30:
            raise BadValue("too_long", limit=30)
    return names
