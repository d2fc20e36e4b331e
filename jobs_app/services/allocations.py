"""The monthly batch allocation: propose, for all seeking workers at once, who should go
where, then turn the accepted proposals into referrals.

A run is stored with its parameters, progress, totals and proposals. It proposes nobody who
was referred or placed after it started, and accepting re-checks every proposal, so a stale
one is skipped with its reason instead of breaking a rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.errors import DomainError, InvalidInput, NotFound
from jobs_app.models import (
    AllocationProposal,
    AllocationRun,
    Employer,
    EmployerKind,
    Opening,
    ProposalStatus,
    Referral,
    ReferralStatus,
    Role,
    RunStatus,
    Worker,
    WorkerStatus,
)
from jobs_app.services import audit, matching, profiles, referrals
from jobs_app.services.access import Actor, require
from jobs_app.services.paging import Page, paginate
from matching import allocate as solver
from matching.candidates import candidate_graph

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Acceptance:
    accepted: int
    skipped: int
    referral_ids: list[int]


def start(session: Session, *, actor: Actor, candidates_per_worker: int = 10) -> AllocationRun:
    """Queue a run; the caller executes it (in the background) and commits this first."""
    require(actor, Role.bureau)
    run = AllocationRun(status=RunStatus.queued, started_by_id=actor.user_id,
                        parameters={"candidates_per_worker": candidates_per_worker})  # fmt: skip
    session.add(run)
    session.flush()
    audit.record(session, actor=actor, action="allocate", entity="allocation_run",
                 entity_id=run.id)  # fmt: skip
    return run


def execute(session: Session, *, run_id: int, progress: Progress) -> AllocationRun:
    """Load, build the candidate graph, solve exactly, and store the proposals."""
    run = session.get(AllocationRun, run_id)
    today = clock.today()
    progress(0.05, "loading")
    index, _ = matching.opening_index(session, today, max_age=0)
    places = profiles.township_places(session)
    seeking = list(session.scalars(_unreferred_seekers(run)))
    workers = [profiles.worker_profile(w, today, places) for w in seeking]
    progress(0.2, "scoring candidates")
    config = matching.config()
    k = run.parameters.get("candidates_per_worker", config.candidates_per_worker)
    graph = candidate_graph(index, workers, today, k)
    progress(0.8, "solving")
    room = _workshop_room(session, config)
    exact = solver.solve_exact(graph, room)
    greedy = solver.greedy_allocate(graph, room)
    _store(session, run, exact, greedy, len(workers), len(index.openings), graph.n_arcs)
    return run


def _unreferred_seekers(run: AllocationRun):
    """Seeking workers with no referral made or hire recorded since the run started."""
    recent = select(Referral.worker_id).where(
        (Referral.created_at >= run.started_at) | (Referral.status == ReferralStatus.referred)
    )
    return select(Worker).where(Worker.status == WorkerStatus.seeking, Worker.id.not_in(recent))


def _workshop_room(session: Session, config) -> dict[int, int]:
    """How many non-poor workers each workshop opening may still take and stay certified."""
    rows = session.execute(
        select(Opening.id, Employer.id)
        .join(Employer, Employer.id == Opening.employer_id)
        .where(Employer.kind == EmployerKind.workshop)
    ).all()
    staff = _workshop_staff(session)
    return {
        opening_id: solver.non_poor_room_for(
            *staff.get(employer_id, (0, 0)), config.poor_share_threshold
        )
        for opening_id, employer_id in rows
    }


def _workshop_staff(session: Session) -> dict[int, tuple[int, int]]:
    """(poor, total) workers placed at each workshop; every registered worker counts as poor
    under the default ``poor_categories`` (all four household categories)."""
    counted = session.execute(
        select(Opening.employer_id, func.count())
        .join(Referral, Referral.opening_id == Opening.id)
        .where(Referral.status == ReferralStatus.hired)
        .group_by(Opening.employer_id)
    )
    return {employer_id: (n, n) for employer_id, n in counted}


def _store(session, run, exact, greedy, n_workers, n_openings, n_arcs) -> None:
    session.add_all(
        AllocationProposal(run_id=run.id, worker_id=p.worker_id, opening_id=p.opening_id,
                           score=round(float(p.score), 6))
        for p in exact.proposals
    )  # fmt: skip
    run.status, run.progress, run.message = RunStatus.done, 1.0, "done"
    run.workers, run.openings, run.candidates = n_workers, n_openings, n_arcs
    run.proposals, run.total_score = len(exact.proposals), round(exact.total_value, 6)
    run.greedy_total = round(greedy.total_value, 6)
    run.finished_at = clock.now()
    session.flush()


def get(session: Session, *, actor: Actor, run_id: int) -> AllocationRun:
    require(actor, Role.bureau)
    run = session.get(AllocationRun, run_id)
    if run is None:
        raise NotFound()
    return run


def proposals(session: Session, *, actor: Actor, run_id: int, page: int, per_page: int) -> Page:
    get(session, actor=actor, run_id=run_id)
    statement = select(AllocationProposal).where(AllocationProposal.run_id == run_id)
    return paginate(session, statement.order_by(AllocationProposal.score.desc(),
                                                AllocationProposal.id), page=page,
                    per_page=per_page)  # fmt: skip


def accept(
    session: Session, *, actor: Actor, run_id: int, proposal_ids: list[int] | None = None
) -> Acceptance:
    """Turn proposals (all, or those named) into referrals; stale ones are skipped."""
    run = get(session, actor=actor, run_id=run_id)
    if run.status != RunStatus.done:
        raise InvalidInput.field("run_id", "The allocation run has not finished.")
    statement = select(AllocationProposal).where(
        AllocationProposal.run_id == run.id, AllocationProposal.status == ProposalStatus.proposed
    )
    if proposal_ids is not None:
        statement = statement.where(AllocationProposal.id.in_(proposal_ids))
    made, skipped = [], 0
    for proposal in session.scalars(statement.order_by(AllocationProposal.id)).all():
        referral_id = _refer(session, actor, run, proposal)
        if referral_id is None:
            skipped += 1
        else:
            made.append(referral_id)
    return Acceptance(accepted=len(made), skipped=skipped, referral_ids=made)


def _refer(session: Session, actor: Actor, run: AllocationRun, proposal) -> int | None:
    """One proposal into a referral, inside a savepoint so a refusal undoes only itself."""
    if _referred_since(session, proposal.worker_id, run):
        return _skip(proposal, "The worker was referred or placed after the run started.")
    try:
        with session.begin_nested():
            referral = referrals.create(session, actor=actor, worker_id=proposal.worker_id,
                                        opening_id=proposal.opening_id,
                                        note=f"批量分配 #{run.id}")  # fmt: skip
    except DomainError as refused:
        problems = [m for messages in refused.errors.values() for m in messages]
        return _skip(proposal, problems[0] if problems else refused.message)
    proposal.status, proposal.referral_id = ProposalStatus.accepted, referral.id
    return referral.id


def _referred_since(session: Session, worker_id: int, run: AllocationRun) -> bool:
    found = session.scalar(
        select(Referral.id).where(Referral.worker_id == worker_id,
                                  Referral.created_at >= run.started_at)
    )  # fmt: skip
    return found is not None


def _skip(proposal: AllocationProposal, reason: str) -> None:
    proposal.status, proposal.skip_reason = ProposalStatus.skipped, reason
    return None


def fail(session: Session, *, run_id: int, message: str) -> None:
    run = session.get(AllocationRun, run_id)
    run.status, run.message, run.finished_at = RunStatus.failed, message[:300], clock.now()
