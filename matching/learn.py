"""Learning from outcomes: which referrals led to a hire still in place at three months.

The model sees the same features as the transparent score plus a few plain attributes of the
pair, is judged on a time-split hold-out against the transparent score, and is used only when
it wins there (SPEC, issue 3 item 4). No database here: callers pass pairs, labels and dates.
"""

from __future__ import annotations

import datetime as dt
import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import numpy as np
import scipy
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder
from threadpoolctl import threadpool_limits

from matching.arrays import OpeningArrays, Pairing, WorkerArrays
from matching.limits import road_km_pairs
from matching.metrics import auc, ndcg_at_k, precision_at_k
from matching.records import MatchConfig, OpeningProfile, WorkerProfile
from matching.scoring import FEATURES, FeatureBlock, feature_block
from matching.text import SkillText, opening_document, worker_document

NUMERIC = (
    *FEATURES,
    "skill_tags",
    "skill_text",
    "near",
    "road_km",
    "wage_ratio",
    "age",
    "needs_home",
    "board",
    "lodging",
    "insurance",
    "in_wanzhou",
    "in_chongqing",
)
CATEGORICAL = ("employer_kind", "scope", "ability", "health", "category")
COLUMNS = NUMERIC + CATEGORICAL
TOP_K = 10
# Referral tables are small: OpenMP threads cost more than they save here (13,000 rows on the
# 2-core box: 0.9 s on one thread, 5.8 s on two), so fitting and predicting use one.
OPENMP_THREADS = 1


def feature_table(features: FeatureBlock, pairing: Pairing) -> np.ndarray:
    """One row per pair of ``pairing`` (flattened in C order), columns as in COLUMNS."""
    workers, openings = pairing.workers, pairing.openings
    columns = {name: getattr(features, name) for name in (*FEATURES, "skill_tags", "skill_text")}
    columns |= {
        "near": features.near,
        "road_km": features.road_km,  # NaN stays NaN: the boosted trees route it themselves
        "wage_ratio": openings.wage_mid / workers.expected_wage,
        "age": workers.age,
        "needs_home": workers.needs_home,
        "board": openings.board,
        "lodging": openings.lodging,
        "insurance": openings.insurance,
        "in_wanzhou": openings.in_wanzhou,
        "in_chongqing": openings.in_chongqing,
        "employer_kind": openings.kind,
        "scope": workers.scope,
        "ability": workers.ability,
        "health": workers.health,
        "category": workers.category,
    }
    flat = [np.broadcast_to(columns[name], pairing.shape).ravel() for name in COLUMNS]
    return np.column_stack(flat).astype(float)


def pair_features(
    pairs: Sequence[tuple[WorkerProfile, OpeningProfile]],
    config: MatchConfig,
    text: SkillText | None = None,
) -> np.ndarray:
    """Feature rows of (worker, opening) pairs, e.g. past referrals."""
    workers = [w for w, _ in pairs]
    openings = [o for _, o in pairs]
    worker_docs = [worker_document(w) for w in workers]
    opening_docs = [opening_document(o) for o in openings]
    text = text or SkillText.fit(opening_docs + worker_docs)
    cosine = text.transform(worker_docs).multiply(text.transform(opening_docs)).sum(axis=1)
    overlap = [len(set(w.skills) & set(o.skills)) for w, o in pairs]
    pairing = Pairing.pairs(WorkerArrays.build(workers, config), OpeningArrays.build(openings))
    road = road_km_pairs(pairing, config)
    features = feature_block(
        pairing, config, road, np.asarray(overlap, dtype=float), np.asarray(cosine).ravel()
    )
    return feature_table(features, pairing)


def transparent_scores(table: np.ndarray, config: MatchConfig) -> np.ndarray:
    """The transparent score recomputed from feature rows."""
    total = sum(config.weights.values())
    weights = np.array([config.weights.get(name, 0.0) / total for name in FEATURES])
    return table[:, : len(FEATURES)] @ weights


def make_pipeline(random_state: int = 0) -> Pipeline:
    """One-hot the categories, pass the numbers through, and boost trees on both."""
    numeric = list(range(len(NUMERIC)))
    categorical = list(range(len(NUMERIC), len(COLUMNS)))
    columns = ColumnTransformer(
        [
            ("numeric", "passthrough", numeric),
            (
                "categorical",
                OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                categorical,
            ),
        ]
    )
    model = HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.1, early_stopping=False, random_state=random_state
    )
    return Pipeline([("columns", columns), ("model", model)])


@dataclass
class TrainedModel:
    """A fitted pipeline with what the bureau needs to trust, compare and reload it."""

    estimator: Pipeline
    version: str
    trained_at: dt.datetime
    n_rows: int
    library_versions: dict[str, str]
    metrics: dict[str, float]
    beats_transparent: bool
    columns: tuple[str, ...] = field(default=COLUMNS)

    def probabilities(self, table: np.ndarray) -> np.ndarray:
        """Estimated chance that each pair's referral succeeds."""
        with threadpool_limits(limits=OPENMP_THREADS, user_api="openmp"):
            return self.estimator.predict_proba(table)[:, 1]


def library_versions() -> dict[str, str]:
    """Versions a pickled model depends on, to be checked before it is loaded elsewhere."""
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "joblib": joblib.__version__,
    }


def time_split(dates: Sequence[dt.date], holdout_share: float) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the earlier rows (train) and of the latest ``holdout_share`` (hold-out)."""
    days = np.array(dates, dtype="datetime64[D]")
    cutoff = np.quantile(days.astype(np.int64), 1 - holdout_share)
    holdout = days.astype(np.int64) >= cutoff
    return ~holdout, holdout


def evaluate(
    labels: np.ndarray, scores: np.ndarray, groups: np.ndarray, k: int = TOP_K
) -> dict[str, float]:
    """AUC, precision@k and NDCG@k of one scoring on labelled pairs."""
    return {
        "auc": auc(labels, scores),
        f"precision_at_{k}": precision_at_k(labels, scores, groups, k),
        f"ndcg_at_{k}": ndcg_at_k(labels, scores, groups, k),
    }


def train(
    pairs: Sequence[tuple[WorkerProfile, OpeningProfile]],
    labels: Sequence[int],
    dates: Sequence[dt.date],
    *,
    config: MatchConfig,
    text: SkillText | None = None,
    group_by: str = "worker",
    holdout_share: float = 0.2,
    min_gain: float = 0.0,
    now: dt.datetime | None = None,
    random_state: int = 0,
) -> TrainedModel:
    """Fit on the earlier referrals, judge on the latest, then refit on all of them.

    Pass ``text=index.text`` of the OpeningIndex that will rank with the model, so the text
    feature is computed in the same vocabulary at training and at ranking time.
    ``labels`` are 1 for a hire still in place at the 3-month visit and 0 for a declined,
    no-show or early leaver. ``group_by`` ("worker" or "opening") sets whose list precision@10
    and NDCG@10 are computed over. The model beats the transparent score when its hold-out
    NDCG@10 is higher by more than ``min_gain`` and its AUC is higher too.
    """
    table = pair_features(pairs, config, text)
    y = np.asarray(labels, dtype=int)
    train_rows, holdout_rows = time_split(dates, holdout_share)
    if len(np.unique(y[train_rows])) < 2 or not holdout_rows.any():
        raise ValueError("need both outcomes before the hold-out and some referrals in it")
    groups = np.array([(w.id if group_by == "worker" else o.id) for w, o in pairs])
    with threadpool_limits(limits=OPENMP_THREADS, user_api="openmp"):
        estimator = make_pipeline(random_state).fit(table[train_rows], y[train_rows])
        held = (y[holdout_rows], groups[holdout_rows])
        learned = evaluate(held[0], estimator.predict_proba(table[holdout_rows])[:, 1], held[1])
        final = make_pipeline(random_state).fit(table, y)
    baseline = evaluate(held[0], transparent_scores(table[holdout_rows], config), held[1])
    metrics = {f"model_{k}": v for k, v in learned.items()}
    metrics |= {f"transparent_{k}": v for k, v in baseline.items()}
    metrics["holdout_rows"] = float(holdout_rows.sum())
    trained_at = now or dt.datetime.now(dt.UTC)
    return TrainedModel(
        estimator=final,
        version=f"hgb-{trained_at:%Y%m%dT%H%M%S}-{len(y)}",
        trained_at=trained_at,
        n_rows=len(y),
        library_versions=library_versions(),
        metrics=metrics,
        beats_transparent=_beats(learned, baseline, min_gain),
    )


def _beats(learned: dict[str, float], baseline: dict[str, float], min_gain: float) -> bool:
    """Comparisons with NaN are False, so an unmeasurable model never wins."""
    key = f"ndcg_at_{TOP_K}"
    return bool(learned[key] > baseline[key] + min_gain and learned["auc"] > baseline["auc"])


def save(model: TrainedModel, path: str | Path) -> Path:
    """Write the model with joblib; the caller records its version in the database."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)
    return path


def load(path: str | Path) -> TrainedModel:
    """Read a model written by ``save``; only load files the service wrote itself."""
    model = joblib.load(Path(path))
    if not isinstance(model, TrainedModel):
        raise TypeError(f"{path} does not hold a TrainedModel")
    return model


def blend(
    transparent_scores: np.ndarray, model_probabilities: np.ndarray, weight: float
) -> np.ndarray:
    """Weighted mix of the two scores; weight 0 is the transparent score alone."""
    return (1 - weight) * np.asarray(transparent_scores) + weight * np.asarray(model_probabilities)


@dataclass
class LearnedRanker:
    """A trained model and how much of it to mix into the transparent score."""

    model: TrainedModel
    weight: float = 0.5

    def rescore(self, scores: np.ndarray, table: np.ndarray) -> np.ndarray:
        """Blended scores when the model won its hold-out; the transparent ones otherwise."""
        if not self.model.beats_transparent or not len(scores):
            return scores
        return blend(scores, self.model.probabilities(table), self.weight)
