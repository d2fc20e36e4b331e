"""Skill text and skill tags as sparse vectors.

Character n-grams read Chinese without word segmentation: "缝纫工" and "会缝纫" share "缝纫".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.records import OpeningProfile, WorkerProfile


def worker_document(worker: WorkerProfile) -> str:
    """What the worker can do, as one text: her tags and the desk's free-text note."""
    return " ".join((*worker.skills, worker.skill_text))


def opening_document(opening: OpeningProfile) -> str:
    """What the job asks, as one text: tags, title and description."""
    return " ".join((*opening.skills, opening.title, opening.description))


# Single texts remembered per fitted vocabulary: the desk opens the same workers again and
# again, and scikit-learn's checks make one transform cost about 1 ms, half a ranking.
RECENT_TEXTS = 20_000


@dataclass
class SkillText:
    """TF-IDF over character n-grams, fitted once on a corpus of skill and job texts."""

    vectorizer: TfidfVectorizer | None
    _recent: dict[str, sp.csr_matrix] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_recent": {}}  # saved with a model: the vocabulary only

    @classmethod
    def fit(cls, documents: Iterable[str], ngram_range: tuple[int, int] = (2, 3)) -> SkillText:
        """Learn the n-gram vocabulary and weights; an all-blank corpus gives empty vectors."""
        corpus = [doc for doc in documents if doc.strip()]
        if not corpus:
            return cls(vectorizer=None)
        vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=ngram_range, sublinear_tf=True, dtype=np.float32
        )
        vectorizer.fit(corpus)
        return cls(vectorizer=vectorizer)

    def transform(self, documents: Sequence[str]) -> sp.csr_matrix:
        """Unit-length rows, so a dot product is the cosine similarity."""
        if self.vectorizer is None:
            return sp.csr_matrix((len(documents), 0), dtype=np.float32)
        if len(documents) == 1:
            return self._one(documents[0])
        # Registers repeat themselves ("能吃苦", "会缝纫"): analyse each distinct text once.
        distinct: dict[str, int] = {}
        rows = np.array([distinct.setdefault(doc, len(distinct)) for doc in documents], np.int64)
        return self.vectorizer.transform(list(distinct)).tocsr()[rows]

    def _one(self, document: str) -> sp.csr_matrix:
        row = self._recent.get(document)
        if row is None:
            if len(self._recent) >= RECENT_TEXTS:
                self._recent.clear()
            row = self._recent[document] = self.vectorizer.transform([document]).tocsr()
        return row


@dataclass
class TagVocabulary:
    """Column numbers of the skill tags seen when an index was built."""

    columns: dict[str, int]

    @classmethod
    def build(cls, tag_lists: Iterable[Sequence[str]]) -> TagVocabulary:
        """Number every distinct tag in order of first appearance."""
        columns: dict[str, int] = {}
        for tags in tag_lists:
            for tag in tags:
                columns.setdefault(tag, len(columns))
        return cls(columns=columns)

    def matrix(self, tag_lists: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """A 0/1 row per list; tags outside the vocabulary cannot overlap anything, so drop."""
        rows, cols = [], []
        for row, tags in enumerate(tag_lists):
            known = {self.columns[t] for t in tags if t in self.columns}
            rows.extend([row] * len(known))
            cols.extend(known)
        data = np.ones(len(rows), dtype=np.float32)
        shape = (len(tag_lists), len(self.columns))
        return sp.csr_matrix((data, (rows, cols)), shape=shape)
