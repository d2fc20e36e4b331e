"""Ranked openings for a worker and ranked candidates for an opening.

Each index is built once (TF-IDF matrix, tag matrix, column arrays); a query is a handful of
sparse products and numpy operations over all rows, then reasons for the few it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from matching.arrays import OpeningArrays, Pairing, WorkerArrays
from matching.learn import LearnedRanker, feature_table
from matching.limits import eligible_pairs, road_km_pairs
from matching.reasons import explain
from matching.records import Match, MatchConfig, OpeningProfile, WorkerProfile
from matching.scoring import FeatureBlock, feature_block
from matching.text import SkillText, TagVocabulary, opening_document, worker_document


def best_first(scores: np.ndarray, ids: np.ndarray, limit: int) -> np.ndarray:
    """Positions of the ``limit`` highest scores, ties broken by the smaller id."""
    if limit <= 0 or not len(scores):
        return np.empty(0, dtype=np.int64)
    keep = np.arange(len(scores))
    if len(scores) > limit:
        kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = np.flatnonzero(scores >= kth)
    order = np.lexsort((ids[keep], -scores[keep]))
    return keep[order[:limit]]


def weighted_rows(matrix: sp.csr_matrix, rows: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``weights @ matrix[rows]`` as a dense row: one sparse row times a CSR matrix in a few
    numpy calls, where scipy's checks and conversions cost more than the arithmetic."""
    rows = np.asarray(rows, dtype=np.int64)
    starts, lengths = matrix.indptr[rows], np.diff(matrix.indptr)[rows]
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    positions = offsets + np.arange(offsets.size)
    products = np.repeat(np.asarray(weights, dtype=np.float64), lengths) * matrix.data[positions]
    summed = np.bincount(matrix.indices[positions], weights=products, minlength=matrix.shape[1])
    return summed.astype(matrix.dtype)


@dataclass
class ScoredBlock:
    """Eligibility, features and final scores of a block of workers by openings."""

    pairing: Pairing
    eligible: np.ndarray
    features: FeatureBlock
    scores: np.ndarray


@dataclass
class OpeningIndex:
    """All openings, prepared for ranking against one worker or a chunk of workers."""

    openings: list[OpeningProfile]
    arrays: OpeningArrays
    config: MatchConfig
    text: SkillText
    text_t: sp.csr_matrix  # n-grams x openings
    tags: TagVocabulary
    tags_t: sp.csr_matrix  # tags x openings
    learned: LearnedRanker | None = None

    @classmethod
    def build(
        cls,
        openings: Sequence[OpeningProfile],
        config: MatchConfig,
        *,
        text: SkillText | None = None,
        learned: LearnedRanker | None = None,
    ) -> OpeningIndex:
        """Index ``openings``; ``text`` defaults to TF-IDF fitted on the openings' own text."""
        openings = list(openings)
        documents = [opening_document(o) for o in openings]
        text = text or SkillText.fit(documents)
        tags = TagVocabulary.build(o.skills for o in openings)
        return cls(
            openings=openings,
            arrays=OpeningArrays.build(openings),
            config=config,
            text=text,
            text_t=text.transform(documents).T.tocsr(),
            tags=tags,
            tags_t=tags.matrix([o.skills for o in openings]).T.tocsr(),
            learned=learned,
        )

    def subset(self, columns: np.ndarray) -> OpeningIndex:
        """The same index over the openings at ``columns`` only (vocabularies unchanged)."""
        return OpeningIndex(
            openings=[self.openings[c] for c in columns.tolist()],
            arrays=self.arrays.take(columns),
            config=self.config,
            text=self.text,
            text_t=self.text_t[:, columns],
            tags=self.tags,
            tags_t=self.tags_t[:, columns],
            learned=self.learned,
        )

    def worker_vectors(self, workers: Sequence[WorkerProfile]) -> tuple[sp.csr_matrix, ...]:
        """Text and tag rows of ``workers`` in this index's vocabularies."""
        text = self.text.transform([worker_document(w) for w in workers])
        return text, self.tags.matrix([w.skills for w in workers])

    def skill_products(
        self, vectors: tuple[sp.csr_matrix, sp.csr_matrix]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Shared tags and text cosine of some workers with every opening (dense rows)."""
        text, tags = vectors
        return (tags @ self.tags_t).toarray(), (text @ self.text_t).toarray()

    def one_worker_products(self, worker: WorkerProfile) -> tuple[np.ndarray, np.ndarray]:
        """``skill_products`` of a single worker (the desk's request), row by row."""
        text = self.text.transform([worker_document(worker)])
        tags = sorted({self.tags.columns[t] for t in worker.skills if t in self.tags.columns})
        overlap = weighted_rows(self.tags_t, np.array(tags, dtype=np.int64), np.ones(len(tags)))
        cosine = weighted_rows(self.text_t, text.indices, text.data)
        return overlap[None, :], cosine[None, :]

    def score_block(
        self,
        workers: WorkerArrays,
        skill: tuple[np.ndarray, np.ndarray],
        today: dt.date,
        columns: np.ndarray | slice = slice(None),
        openings: OpeningArrays | None = None,
    ) -> ScoredBlock:
        """Limits, features and scores of ``workers`` against the openings at ``columns``.

        ``skill`` is ``skill_products`` of the same workers, over all openings; ``openings``
        may pass ``self.arrays.take(columns)`` when the caller already holds it.
        """
        openings = self.arrays.take(columns) if openings is None else openings
        pairing = Pairing.block(workers, openings)
        road = road_km_pairs(pairing, self.config)
        overlap, cosine = (products[:, columns] for products in skill)
        features = feature_block(pairing, self.config, road, overlap, cosine)
        eligible = eligible_pairs(pairing, today, self.config, road)
        return ScoredBlock(pairing, eligible, features, features.score(self.config))

    def rank_for_worker(
        self, worker: WorkerProfile, today: dt.date, limit: int = 20
    ) -> list[Match]:
        """The best ``limit`` openings for ``worker``, best first, none breaking a limit."""
        workers = WorkerArrays.build([worker], self.config)
        skill = self.one_worker_products(worker)
        block = self.score_block(workers, skill, today)
        cols = np.flatnonzero(block.eligible[0])
        scores = block.scores[0, cols]
        if self.learned is not None:
            table = feature_table(block.features, block.pairing)[cols]
            scores = self.learned.rescore(scores, table)
        best = best_first(scores, self.arrays.ids[cols], limit)
        chosen = cols[best].tolist()
        features = block.features.pairs([0] * len(chosen), chosen)
        return [
            Match(
                opening_id=self.openings[col].id,
                worker_id=worker.id,
                score=score,
                reasons=explain(
                    worker,
                    self.openings[col],
                    pair,
                    self.config,
                    exclude=("priority",),  # the same on every opening of one worker
                ),
            )
            for col, score, pair in zip(chosen, scores[best].tolist(), features, strict=True)
        ]


@dataclass
class WorkerIndex:
    """All workers, prepared for ranking against one opening."""

    workers: list[WorkerProfile]
    arrays: WorkerArrays
    config: MatchConfig
    text: SkillText
    text_matrix: sp.csr_matrix  # workers x n-grams
    tags: TagVocabulary
    tag_matrix: sp.csr_matrix  # workers x tags
    learned: LearnedRanker | None = None

    @classmethod
    def build(
        cls,
        workers: Sequence[WorkerProfile],
        config: MatchConfig,
        *,
        text: SkillText | None = None,
        learned: LearnedRanker | None = None,
    ) -> WorkerIndex:
        """Index ``workers``; ``text`` defaults to TF-IDF fitted on the workers' own text."""
        workers = list(workers)
        documents = [worker_document(w) for w in workers]
        text = text or SkillText.fit(documents)
        tags = TagVocabulary.build(w.skills for w in workers)
        return cls(
            workers=workers,
            arrays=WorkerArrays.build(workers, config),
            config=config,
            text=text,
            text_matrix=text.transform(documents),
            tags=tags,
            tag_matrix=tags.matrix([w.skills for w in workers]),
            learned=learned,
        )

    def rank_for_opening(
        self, opening: OpeningProfile, today: dt.date, limit: int = 50
    ) -> list[Match]:
        """The best ``limit`` candidates for ``opening``, best first, none breaking a limit."""
        openings = OpeningArrays.build([opening])
        pairing = Pairing.block(self.arrays, openings)
        road = road_km_pairs(pairing, self.config)
        rows = np.flatnonzero(eligible_pairs(pairing, today, self.config, road)[:, 0])
        candidates = self.arrays.take(rows)
        sub = Pairing.block(candidates, openings)
        road = np.broadcast_to(road, pairing.shape)[rows]
        features = feature_block(sub, self.config, road, *self._skill(opening, rows))
        scores = features.score(self.config)[:, 0]
        if self.learned is not None:
            scores = self.learned.rescore(scores, feature_table(features, sub))
        chosen = best_first(scores, candidates.ids, limit).tolist()
        pairs = features.pairs(chosen, [0] * len(chosen))
        return [
            Match(
                opening_id=opening.id,
                worker_id=int(candidates.ids[i]),
                score=float(scores[i]),
                reasons=explain(self.workers[rows[i]], opening, pair, self.config),
            )
            for i, pair in zip(chosen, pairs, strict=True)
        ]

    def _skill(self, opening: OpeningProfile, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Tag overlap and text cosine of the workers at ``rows`` with one opening."""
        text = self.text.transform([opening_document(opening)])
        tags = self.tags.matrix([opening.skills])
        cosine = (self.text_matrix @ text.T).toarray()[rows]
        overlap = (self.tag_matrix @ tags.T).toarray()[rows]
        return overlap, cosine
