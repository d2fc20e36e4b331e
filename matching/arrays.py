"""Column arrays of workers and openings, built once so queries run as numpy operations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from matching.records import (
    CHONGQING,
    PROVINCES,
    MatchConfig,
    OpeningProfile,
    WorkerProfile,
    province_index,
    township_key,
)

SCOPES = ("local", "province", "anywhere")
EMPLOYER_KINDS = ("enterprise", "workshop", "east_west", "public_post")
ABILITIES = ("ordinary", "skilled", "weak", "none")
HEALTH = ("healthy", "chronic", "serious", "disabled")
CATEGORIES = ("registered_poor", "monitored", "marginal", "lifted")
N_PROVINCE_SLOTS = len(PROVINCES) + 1  # the last slot holds every unknown name
# Scores and features are float32: half the memory traffic of a block, far more precision
# than a ranking needs. Distances stay float64, because hard limits are decided on them.
SCORE = np.float32


def _take_fields(table, index):
    """A copy of a column table keeping only the rows at ``index``."""
    return type(table)(**{f.name: getattr(table, f.name)[index] for f in fields(table)})


def _code(value: str, vocabulary: tuple[str, ...]) -> int:
    """Position in ``vocabulary``; anything else is one more code after the last."""
    return vocabulary.index(value) if value in vocabulary else len(vocabulary)


def _degrees(values: Sequence[float | None]) -> np.ndarray:
    """Degrees, with NaN where the coordinate is unknown."""
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def worker_priority(worker: WorkerProfile, config: MatchConfig) -> float:
    """Policy priority in [0, 1]: category first, then hardship flags and time out of work."""
    base = config.category_priority.get(worker.category, config.other_category_priority)
    months = min(worker.months_unemployed, config.months_unemployed_cap)
    raw = (
        base
        + config.dibao_bonus * worker.dibao
        + config.tekun_bonus * worker.tekun
        + config.months_unemployed_bonus * months / config.months_unemployed_cap
    )
    top = (
        max(config.category_priority.values(), default=1.0)
        + config.dibao_bonus
        + config.tekun_bonus
        + config.months_unemployed_bonus
    )
    return raw / top


@dataclass
class WorkerArrays:
    """Workers as columns; row i is ``ids[i]``."""

    ids: np.ndarray
    age: np.ndarray
    township: np.ndarray  # township_key of the home township
    # Latitude in radians, longitude in degrees: the same steps as matching.geo, so the
    # vectorised distance agrees with the scalar one to the last bit. NaN when unknown.
    lat_rad: np.ndarray
    lon_deg: np.ndarray
    matchable: np.ndarray  # seeking and able to work
    scope: np.ndarray  # index into SCOPES
    ability: np.ndarray  # _code in ABILITIES
    health: np.ndarray  # _code in HEALTH
    category: np.ndarray  # _code in CATEGORIES
    named: np.ndarray  # bool (n, N_PROVINCE_SLOTS): provinces the worker accepts
    names_any: np.ndarray  # the worker named at least one province
    min_wage: np.ndarray  # 0 when no minimum was given
    expected_wage: np.ndarray  # stated minimum, or the district reference pay
    has_expectation: np.ndarray
    needs_home: np.ndarray
    poor: np.ndarray
    priority: np.ndarray

    @classmethod
    def build(cls, workers: Sequence[WorkerProfile], config: MatchConfig) -> WorkerArrays:
        """Column arrays for ``workers`` in their given order."""
        named = np.zeros((len(workers), N_PROVINCE_SLOTS), dtype=bool)
        for row, worker in enumerate(workers):
            for name in worker.provinces:
                named[row, province_index(name)] = True
        min_wage = np.array([w.min_wage or 0 for w in workers], dtype=np.int64)
        has_expectation = np.array([w.min_wage is not None for w in workers], dtype=bool)
        return cls(
            ids=np.array([w.id for w in workers], dtype=np.int64),
            age=np.array([w.age for w in workers], dtype=np.int64),
            township=np.array([township_key(w.township_code) for w in workers], dtype=np.int64),
            lat_rad=np.radians(_degrees([w.lat for w in workers])),
            lon_deg=_degrees([w.lon for w in workers]),
            matchable=np.array(
                [w.status == "seeking" and w.ability != "none" for w in workers], dtype=bool
            ),
            scope=np.array([SCOPES.index(w.scope) for w in workers], dtype=np.int8),
            ability=np.array([_code(w.ability, ABILITIES) for w in workers], dtype=np.int8),
            health=np.array([_code(w.health, HEALTH) for w in workers], dtype=np.int8),
            category=np.array([_code(w.category, CATEGORIES) for w in workers], dtype=np.int8),
            named=named,
            names_any=named.any(axis=1),
            min_wage=min_wage,
            expected_wage=np.where(has_expectation, min_wage, config.reference_wage).astype(SCORE),
            has_expectation=has_expectation,
            needs_home=np.array([w.needs_home_nearby for w in workers], dtype=bool),
            poor=np.array([w.category in config.poor_categories for w in workers], dtype=bool),
            priority=np.array([worker_priority(w, config) for w in workers], dtype=SCORE),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, index) -> WorkerArrays:
        """The rows at ``index`` (a slice, an index array or a boolean mask)."""
        return _take_fields(self, index)


@dataclass
class OpeningArrays:
    """Openings as columns; column j is ``ids[j]``."""

    ids: np.ndarray
    kind: np.ndarray  # index into EMPLOYER_KINDS
    province: np.ndarray  # province_index
    in_chongqing: np.ndarray
    township: np.ndarray  # township_key, -1 outside Wanzhou
    in_wanzhou: np.ndarray
    # Latitude in radians, longitude in degrees: the same steps as matching.geo, so the
    # vectorised distance agrees with the scalar one to the last bit. NaN when unknown.
    lat_rad: np.ndarray
    lon_deg: np.ndarray
    wage_max: np.ndarray
    wage_mid: np.ndarray
    age_min: np.ndarray
    age_max: np.ndarray
    board: np.ndarray
    lodging: np.ndarray
    insurance: np.ndarray
    start: np.ndarray  # datetime64[D]
    open: np.ndarray  # status open with free headcount
    free_headcount: np.ndarray
    poor_share_ok: np.ndarray
    n_tags: np.ndarray

    @classmethod
    def build(cls, openings: Sequence[OpeningProfile]) -> OpeningArrays:
        """Column arrays for ``openings`` in their given order."""
        return cls(
            ids=np.array([o.id for o in openings], dtype=np.int64),
            kind=np.array([EMPLOYER_KINDS.index(o.employer_kind) for o in openings], np.int8),
            province=np.array([province_index(o.province) for o in openings], dtype=np.int64),
            in_chongqing=np.array([o.province == CHONGQING for o in openings], dtype=bool),
            township=np.array([township_key(o.township_code) for o in openings], np.int64),
            in_wanzhou=np.array([o.in_wanzhou for o in openings], dtype=bool),
            lat_rad=np.radians(_degrees([o.lat for o in openings])),
            lon_deg=_degrees([o.lon for o in openings]),
            wage_max=np.array([o.wage_max for o in openings], dtype=np.int64),
            wage_mid=np.array([o.wage_mid for o in openings], dtype=SCORE),
            age_min=np.array([o.age_min for o in openings], dtype=np.int64),
            age_max=np.array([o.age_max for o in openings], dtype=np.int64),
            board=np.array([o.board for o in openings], dtype=bool),
            lodging=np.array([o.lodging for o in openings], dtype=bool),
            insurance=np.array([o.social_insurance for o in openings], dtype=bool),
            start=np.array([o.start_date for o in openings], dtype="datetime64[D]"),
            open=np.array([o.status == "open" and o.free_headcount > 0 for o in openings], bool),
            free_headcount=np.array([o.free_headcount for o in openings], dtype=np.int64),
            poor_share_ok=np.array([o.poor_share_ok for o in openings], dtype=bool),
            n_tags=np.array([len(set(o.skills)) for o in openings], dtype=SCORE),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, index) -> OpeningArrays:
        """The columns at ``index`` (a slice, an index array or a boolean mask)."""
        return _take_fields(self, index)


def _reshaped(table, shape):
    """The same table with every one-dimensional column reshaped (the province grid kept)."""
    return type(table)(
        **{
            f.name: (col.reshape(shape) if (col := getattr(table, f.name)).ndim == 1 else col)
            for f in fields(table)
        }
    )


@dataclass
class Pairing:
    """Worker and opening columns lined up for elementwise numpy work.

    ``block`` pairs every worker with every opening (arrays workers x openings); ``pairs``
    pairs worker i with opening i (arrays of one dimension). Limits and features are written
    once against a Pairing and serve both.
    """

    workers: WorkerArrays
    openings: OpeningArrays
    names_province: np.ndarray  # the worker named the opening's province
    is_block: bool

    @classmethod
    def block(cls, workers: WorkerArrays, openings: OpeningArrays) -> Pairing:
        """Every worker against every opening."""
        return cls(
            workers=_reshaped(workers, (-1, 1)),
            openings=_reshaped(openings, (1, -1)),
            names_province=workers.named[:, openings.province],
            is_block=True,
        )

    @classmethod
    def pairs(cls, workers: WorkerArrays, openings: OpeningArrays) -> Pairing:
        """Worker i against opening i; both tables have the same length."""
        rows = np.arange(len(workers))
        return cls(
            workers=workers,
            openings=openings,
            names_province=workers.named[rows, openings.province],
            is_block=False,
        )

    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of every pair array of this pairing."""
        return self.names_province.shape
