"""Checking one ledger row and turning it into the worker and household it describes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jobs_app.identity import MIN_WORKING_AGE, InvalidIdNumber, age_on, parse_id_number
from jobs_app.services.ledger import cells
from jobs_app.services.ledger.columns import (
    ABILITIES,
    CATEGORIES,
    EDUCATIONS,
    HEALTHS,
    SEXES,
    STATUSES,
    YES_NO,
    normalise,
)
from jobs_app.services.ledger.problems import BadValue, RowProblem

# The English msgids of jobs_app.identity, mapped to the ledger's problem keys.
_ID_PROBLEMS = {
    "ID number must have 18 characters.": "id_length",
    "ID number may contain only digits and a final X.": "id_characters",
    "Check character is wrong.": "id_check",
    "Birth date in the ID number is not a real date.": "id_birth",
}
WORKER_FIELDS = ("name", "phone", "education", "health", "ability", "skills", "status")
HOUSEHOLD_FIELDS = ("village", "category", "dibao", "tekun", "helper_name", "helper_phone")
STORED_FIELDS = WORKER_FIELDS + HOUSEHOLD_FIELDS


@dataclass
class WorkerRow:
    """A good row: the worker's identity and the fields its ledger columns gave."""

    row: int
    id_number: str
    sex: str
    birth_date: date
    fields: dict[str, Any]  # STORED_FIELDS and township_id, for the columns the ledger has


@dataclass
class RowChecker:
    """Checks rows against the district's townships, today's date and the rows seen before."""

    headers: dict[str, str]  # field → the header as this ledger spells it
    townships: dict[str, int]  # code, name or short name (normalised) → township id
    today: date
    seen: dict[str, int] = field(default_factory=dict)  # ID number → first row with it
    warnings: list[RowProblem] = field(default_factory=list)

    def check(self, row: int, values: dict[str, object]) -> WorkerRow | list[RowProblem]:
        """The row as a ``WorkerRow``, or every problem found in it."""
        problems: list[RowProblem] = []
        parsed: dict[str, Any] = {}
        for name, raw in values.items():
            try:
                parsed[name] = READERS[name](self, raw)
            except BadValue as bad:
                problems.append(RowProblem(row, self.headers[name], bad.key, bad.details))
        identity = self._identity(row, values.get("id_number"), problems)
        if identity is None:
            return problems
        number, facts = identity
        problems.extend(self._agrees_with_id(row, parsed, facts))
        if problems:
            return problems
        self.seen[number] = row
        # The placement columns are checked only: placements are kept by referrals.
        fields = {name: parsed[name] for name in STORED_FIELDS if name in parsed}
        if "township" in parsed:
            fields["township_id"] = parsed["township"]
        return WorkerRow(row, number, facts.sex, facts.birth_date, fields)

    def _identity(self, row: int, raw: object, problems: list[RowProblem]):
        column = self.headers["id_number"]
        try:
            number = self._id_number(row, raw)
            facts = parse_id_number(number, self.today)
        except BadValue as bad:
            problems.append(RowProblem(row, column, bad.key, bad.details))
            return None
        except InvalidIdNumber as error:
            problems.append(RowProblem(row, column, _ID_PROBLEMS[str(error)]))
            return None
        if age_on(facts.birth_date, self.today) < MIN_WORKING_AGE:
            problems.append(RowProblem(row, column, "too_young"))
        if number in self.seen:
            problems.append(RowProblem(row, column, "duplicate_id", {"other": self.seen[number]}))
        return number, facts

    def _id_number(self, row: int, raw: object) -> str:
        """The ID as text. Excel keeps 15 significant digits of a number, so an ID it stored as
        a number (a float) has lost its last digits; an exact integer is read as text."""
        if isinstance(raw, float):
            raise BadValue("id_as_number")
        number = cells.text(raw)
        if number is None:
            raise BadValue("required")
        if isinstance(raw, int) and not isinstance(raw, bool):
            self.warnings.append(RowProblem(row, self.headers["id_number"], "id_read_as_text"))
        return number.upper()

    def _agrees_with_id(self, row: int, parsed: dict[str, Any], facts) -> list[RowProblem]:
        """性别, 出生日期 and 年龄, when the ledger has them, must say what the ID says."""
        problems = []
        sex, birth, age = parsed.get("sex"), parsed.get("birth_date"), parsed.get("age")
        if sex is not None and SEXES[sex] != facts.sex:
            expected = "男" if facts.sex == "male" else "女"
            problems.append(self._mismatch(row, "sex", "sex_mismatch", sex, expected))
        if birth is not None and birth != facts.birth_date:
            problems.append(
                self._mismatch(row, "birth_date", "birth_mismatch", birth, facts.birth_date)
            )
        expected_age = age_on(facts.birth_date, self.today)
        # A ledger's ages were typed some months ago: a birthday since then is no error.
        if age is not None and not 0 <= expected_age - age <= 1:
            problems.append(self._mismatch(row, "age", "age_mismatch", age, expected_age))
        return problems

    def _mismatch(self, row, name, key, value, expected) -> RowProblem:
        return RowProblem(row, self.headers[name], key, {"value": value, "expected": expected})

    def _township(self, raw: object) -> int:
        found = cells.text(raw)
        if found is None:
            raise BadValue("required")
        township_id = self.townships.get(normalise(found))
        if township_id is None:
            raise BadValue("unknown_township", value=found)
        return township_id

    def _sex(self, raw: object) -> str | None:
        found = cells.text(raw)
        if found is not None and found not in SEXES:
            raise BadValue("not_one_of", value=found, allowed="男、女")
        return found


def _ignore(_checker: RowChecker, _raw: object) -> None:
    """Columns checked with the ID number, or the placement columns kept by referrals."""


READERS: dict[str, Callable[[RowChecker, object], Any]] = {
    "name": lambda _c, raw: cells.required_text(raw, 40),
    "id_number": _ignore,
    "sex": RowChecker._sex,
    "birth_date": lambda _c, raw: cells.day(raw),
    "age": lambda _c, raw: cells.whole_number(raw),
    "phone": lambda _c, raw: cells.phone(raw),
    "township": RowChecker._township,
    "village": lambda _c, raw: cells.optional_text(raw, 60),
    "category": lambda _c, raw: cells.choice(raw, CATEGORIES),
    "dibao": lambda _c, raw: cells.choice(raw, YES_NO, default=False),
    "tekun": lambda _c, raw: cells.choice(raw, YES_NO, default=False),
    "ability": lambda _c, raw: cells.choice(raw, ABILITIES),
    "education": lambda _c, raw: None if cells.text(raw) is None else cells.choice(raw, EDUCATIONS),
    "health": lambda _c, raw: cells.choice(raw, HEALTHS, default=HEALTHS["健康"]),
    "skills": lambda _c, raw: cells.skills(raw),
    "status": lambda _c, raw: cells.choice(raw, STATUSES),
    "employer": lambda _c, raw: cells.optional_text(raw, 100),
    "place": lambda _c, raw: cells.optional_text(raw, 100),
    "wage": lambda _c, raw: cells.whole_number(raw),
    "helper_name": lambda _c, raw: cells.optional_text(raw, 40),
    "helper_phone": lambda _c, raw: cells.phone(raw),
}
