"""Learning from outcomes: label past referrals, train, keep the model that beats the
transparent score, and hand the active one to ranking."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.errors import Conflict
from jobs_app.models import MatchingModel, Referral, ReferralStatus, Role, Visit
from jobs_app.services import profiles
from jobs_app.services.access import Actor, require
from matching import learn
from matching.learn import LearnedRanker
from matching.records import MatchConfig
from matching.text import SkillText

SUCCESS_DAYS = 90  # "still in place at the 3-month visit"


@dataclass(frozen=True)
class Outcome:
    referral: Referral
    label: int  # 1 success, 0 failure


def outcomes(session: Session, today: date) -> list[Outcome]:
    """Referrals whose outcome is known: a hire that lasted 3 months (and was not found gone
    at the 3-month visit) is a success; declined, no-show or gone within 3 months a failure."""
    left_at_visit = set(
        session.scalars(
            select(Visit.referral_id).where(Visit.month_mark == 3, Visit.still_employed.is_(False))
        )
    )
    known = []
    for referral in session.scalars(select(Referral).order_by(Referral.referred_on)):
        label = _label(referral, today, referral.id in left_at_visit)
        if label is not None:
            known.append(Outcome(referral, label))
    return known


def _label(referral: Referral, today: date, gone_at_visit: bool) -> int | None:
    if referral.status in (ReferralStatus.declined, ReferralStatus.no_show):
        return 0
    if referral.hired_on is None:
        return None  # still waiting for an answer
    end = referral.ended_on if referral.status == ReferralStatus.left else today
    lasted = (end - referral.hired_on) >= timedelta(days=SUCCESS_DAYS)
    if referral.status == ReferralStatus.hired and not lasted:
        return None  # too early to tell
    return int(lasted and not gone_at_visit)


def train(
    session: Session, *, models_dir: Path, config: MatchConfig, text: SkillText
) -> MatchingModel:
    """Train on every known outcome; the model becomes active only if it won its hold-out.

    ``text`` is the TF-IDF model of the opening index that will rank with the result.
    """
    known = outcomes(session, clock.today())
    places = profiles.township_places(session)
    pairs = [
        (profiles.worker_profile(o.referral.worker, o.referral.referred_on, places),
         profiles.opening_profile(o.referral.opening, places))
        for o in known
    ]  # fmt: skip
    try:
        model = learn.train(pairs, [o.label for o in known],
                            [o.referral.referred_on for o in known], config=config,
                            text=text)  # fmt: skip
    except ValueError:
        raise Conflict("There are not yet enough known outcomes to train on.") from None
    path = learn.save(model, models_dir / f"{model.version}.joblib")
    return _record(session, model, path)


def _record(session: Session, model: learn.TrainedModel, path: Path) -> MatchingModel:
    if model.beats_transparent:
        session.execute(update(MatchingModel).values(active=False))
    row = MatchingModel(
        version=model.version, trained_at=model.trained_at, n_rows=model.n_rows,
        library_versions=model.library_versions,
        metrics={k: (None if v != v else v) for k, v in model.metrics.items()},  # NaN → null
        beats_transparent=model.beats_transparent, active=model.beats_transparent,
        path=str(path),
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def get_all(session: Session, *, actor: Actor) -> list[MatchingModel]:
    require(actor, Role.bureau)
    return list(session.scalars(select(MatchingModel).order_by(MatchingModel.id.desc())))


_loaded: dict[int, LearnedRanker] = {}
_loading = threading.Lock()


def active_ranker(session: Session, weight: float = 0.5) -> tuple[int | None, LearnedRanker | None]:
    """The active model as a ranker (loaded once per process), or None: transparent only."""
    row = session.scalar(select(MatchingModel).where(MatchingModel.active))
    if row is None or not Path(row.path).exists():
        return None, None
    with _loading:
        if row.id not in _loaded:
            _loaded[row.id] = LearnedRanker(learn.load(row.path), weight)
        return row.id, _loaded[row.id]
