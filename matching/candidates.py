"""The candidate graph of a batch run: each worker's top K eligible openings by score.

Workers are scored in small chunks against only the openings their wishes can allow, so a
district of 100,000 workers and 5,000 openings never builds the full pair matrix. Pruning
columns is safe: a column is dropped only when a hard limit forbids it for every worker of
the chunk (tests hold the graph equal to the unpruned one when K is unbounded).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from matching.arrays import SCOPES, OpeningArrays, WorkerArrays
from matching.geo import EARTH_RADIUS_KM
from matching.limits import opening_mask
from matching.rank import OpeningIndex
from matching.records import MatchConfig, WorkerProfile

# Small chunks keep a block's arrays in cache; the per-chunk Python cost stays minor.
WORKER_CHUNK = 32
# Subtracted from an ineligible pair's score (scores lie in [0, 1]), so top-k never keeps it.
INELIGIBLE = np.float32(1e6)
LOCAL, PROVINCE, ANYWHERE = (SCOPES.index(s) for s in ("local", "province", "anywhere"))


@dataclass(frozen=True)
class CandidateGraph:
    """Arcs (worker row, opening column) with their score and priority-weighted value."""

    worker_ids: np.ndarray
    opening_ids: np.ndarray
    capacity: np.ndarray  # free headcount per opening column
    worker: np.ndarray  # row of each arc
    opening: np.ndarray  # column of each arc
    score: np.ndarray
    value: np.ndarray
    poor: np.ndarray  # the arc's worker counts as poor

    @property
    def n_arcs(self) -> int:
        """Number of candidate pairs."""
        return len(self.worker)


def candidate_graph(
    index: OpeningIndex, workers: Sequence[WorkerProfile], today: dt.date, k: int
) -> CandidateGraph:
    """Each worker's top ``k`` eligible openings by score, computed in chunks of workers."""
    arrays = WorkerArrays.build(workers, index.config)
    text, tags = index.worker_vectors(workers)
    live = np.flatnonzero(opening_mask(index.arrays, today))
    scope = index.subset(live)  # closed, full or started openings never enter a product
    tables = _ColumnTables(scope.arrays)
    parts = [(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float32))]
    for rows, column_groups in _chunks(scope, arrays):
        chunk, skill = arrays.take(rows), scope.skill_products((text[rows], tags[rows]))
        blocks = [
            scope.score_block(chunk, skill, today, cols, tables.take(cols))
            for cols in column_groups
        ]
        masked = np.hstack([b.scores - INELIGIBLE * ~b.eligible for b in blocks])
        parts.append(_top_k(masked, k, rows, live[np.concatenate(column_groups)]))
    worker_rows, opening_cols, score = (np.concatenate(p) for p in zip(*parts, strict=True))
    score = score.astype(float)
    gain = index.config.allocation_priority_gain
    return CandidateGraph(
        worker_ids=arrays.ids,
        opening_ids=index.arrays.ids,
        capacity=index.arrays.free_headcount,
        worker=worker_rows,
        opening=opening_cols,
        score=score,
        value=score * (1 + gain * arrays.priority[worker_rows].astype(float)),
        poor=arrays.poor[worker_rows],
    )


class _ColumnTables:
    """Column subsets of the openings, kept while chunks keep asking for the same ones."""

    def __init__(self, arrays: OpeningArrays, capacity: int = 64) -> None:
        self.arrays = arrays
        self.capacity = capacity
        self.tables: dict[bytes, OpeningArrays] = {}

    def take(self, cols: np.ndarray) -> OpeningArrays:
        """``arrays.take(cols)``, from memory when these columns were asked for before."""
        key = cols.tobytes()
        if key not in self.tables:
            if len(self.tables) >= self.capacity:
                self.tables.clear()
            self.tables[key] = self.arrays.take(cols)
        return self.tables[key]


def _chunks(
    index: OpeningIndex, arrays: WorkerArrays
) -> Iterator[tuple[np.ndarray, list[np.ndarray]]]:
    """Chunks of matchable workers, each with the district's and the outside openings it may get.

    Workers are sorted so a chunk shares its wishes: by scope and named provinces, then
    near-home workers by township (their commute prunes by place) and the others by age
    (the openings' age ranges prune them). District and outside openings are scored as
    separate blocks because outside ones need no distance at all.
    """
    openings = index.arrays
    district = np.flatnonzero(openings.in_wanzhou)
    outside = np.flatnonzero(~openings.in_wanzhou)
    rows = np.flatnonzero(arrays.matchable)
    named_key = arrays.named.astype(np.int64) @ (1 << np.arange(arrays.named.shape[1]))
    township_rank = np.unique(arrays.township, return_inverse=True)[1]
    then = np.where(arrays.scope == LOCAL, township_rank, arrays.age)
    rows = rows[np.lexsort((then[rows], named_key[rows], arrays.scope[rows]))]
    for start in range(0, len(rows), WORKER_CHUNK):
        chunk = rows[start : start + WORKER_CHUNK]
        workers = arrays.take(chunk)
        groups = [
            _reachable(workers, openings, district, index.config),
            _allowed_outside(workers, openings, outside),
        ]
        groups = [_age_fits(workers, openings, cols, index.config) for cols in groups]
        groups = [cols for cols in groups if len(cols)]
        if groups:
            yield chunk, groups


def _age_fits(
    workers: WorkerArrays, openings: OpeningArrays, cols: np.ndarray, config: MatchConfig
) -> np.ndarray:
    """Openings whose age range holds some worker of the chunk."""
    youngest, oldest = workers.age.min(), workers.age.max()
    lowest = np.maximum(openings.age_min[cols], config.min_age)
    return cols[(lowest <= oldest) & (openings.age_max[cols] >= youngest)]


def _allowed_outside(
    workers: WorkerArrays, openings: OpeningArrays, cols: np.ndarray
) -> np.ndarray:
    """Outside-district openings whose province some worker of the chunk accepts."""
    if (workers.scope == LOCAL).all():
        return cols[:0]
    accepted = np.zeros(workers.named.shape[1], dtype=bool)
    if ((workers.scope == ANYWHERE) & ~workers.names_any).any():
        accepted[:] = True
    else:
        accepted |= workers.named[workers.scope == ANYWHERE].any(axis=0)
    return cols[openings.in_chongqing[cols] | accepted[openings.province[cols]]]


def _reachable(
    workers: WorkerArrays, openings: OpeningArrays, cols: np.ndarray, config: MatchConfig
) -> np.ndarray:
    """District openings some worker of the chunk could reach.

    Only near-home workers are limited by distance. For them a job is kept when it is in one
    of their townships or could be within the commute: the haversine formula gives
    hav(d/R) >= hav(dlat) and hav(d/R) >= cos(lat1) cos(lat2) hav(dlon), so a job farther in
    latitude or longitude than those bounds allow is out of reach of every worker here.
    """
    if (workers.scope != LOCAL).any():
        return cols
    home = np.isin(openings.township[cols], workers.township)
    lat, lon = workers.lat_rad, workers.lon_deg
    known = ~np.isnan(lat) & ~np.isnan(lon)
    if not known.any():
        return cols[home]
    reach = 1.001 * config.commute_km / config.circuity / EARTH_RADIUS_KM  # radians, with slack
    o_lat, o_lon = openings.lat_rad[cols], openings.lon_deg[cols]
    near_lat = (o_lat >= lat[known].min() - reach) & (o_lat <= lat[known].max() + reach)
    widest = min(np.abs(lat[known]).max() + reach, math.pi / 2 - 1e-9)
    lon_reach = 2 * math.asin(min(1.0, math.sin(reach / 2) / math.cos(widest)))
    lon_reach = math.degrees(lon_reach)
    near_lon = (o_lon >= lon[known].min() - lon_reach) & (o_lon <= lon[known].max() + lon_reach)
    return cols[home | (near_lat & near_lon)]


def _top_k(
    masked: np.ndarray, k: int, rows: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Arcs to each row's ``k`` best columns; a score far below zero marks an ineligible pair."""
    if masked.shape[1] > k:
        best = np.argpartition(masked, masked.shape[1] - k, axis=1)[:, -k:]
    else:
        best = np.broadcast_to(np.arange(masked.shape[1]), masked.shape)
    picked = np.take_along_axis(masked, best, axis=1)
    keep = picked > -INELIGIBLE / 2
    worker_rows = np.broadcast_to(rows[:, None], best.shape)[keep]
    return worker_rows, cols[best[keep]], picked[keep]
