"""Subsidies due, paid and refused, decided by the dated rules in ``subsidy_rule``.

A rule covers a placement when the hire date falls in the rule's validity, the placement is
in the rule's scope, and it has lasted ``min_months``. Covered placements without a decision
are due; the finance office marks them paid or refused, and that decision is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app import clock
from jobs_app.errors import Conflict, InvalidInput
from jobs_app.models import (
    ClaimStatus,
    Employer,
    Opening,
    Referral,
    ReferralStatus,
    Role,
    SubsidyClaim,
    SubsidyRule,
    SubsidyScope,
    Worker,
)
from jobs_app.places import CHONGQING
from jobs_app.services import audit, referrals
from jobs_app.services.access import Actor, require
from jobs_app.services.placements import DAYS_PER_MONTH


@dataclass(frozen=True)
class DueSubsidy:
    referral_id: int
    worker_id: int
    worker_name: str
    employer_name: str
    province: str
    hired_on: date
    rule_code: str
    rule_name: str
    amount: int


def covers(
    rule: SubsidyRule, opening: Opening, employer: Employer, referral: Referral, today: date
) -> bool:
    """Whether the rule pays for this placement today."""
    hired = referral.hired_on
    if hired is None or not rule.active or hired < rule.valid_from:
        return False
    if rule.valid_to is not None and hired > rule.valid_to:
        return False
    worked_until = referral.ended_on if referral.status != ReferralStatus.hired else today
    if worked_until is None or (worked_until - hired).days < DAYS_PER_MONTH * rule.min_months:
        return False
    return _in_scope(rule, opening, employer)


def _in_scope(rule: SubsidyRule, opening: Opening, employer: Employer) -> bool:
    outside_chongqing = opening.province != CHONGQING
    away_in_chongqing = opening.province == CHONGQING and opening.township_id is None
    return {
        SubsidyScope.out_of_chongqing: outside_chongqing,
        SubsidyScope.in_chongqing_away: away_in_chongqing,
        SubsidyScope.outside_district: outside_chongqing or away_in_chongqing,
        SubsidyScope.province: opening.province == rule.scope_value,
        SubsidyScope.employer_kind: employer.kind.value == rule.scope_value,
    }[rule.scope]


def due(session: Session, *, actor: Actor) -> list[DueSubsidy]:
    """Every subsidy a placement has earned and nobody has decided yet."""
    require(actor, Role.bureau)
    today = clock.today()
    rules = list(session.scalars(select(SubsidyRule).where(SubsidyRule.active)))
    decided = set(session.execute(select(SubsidyClaim.referral_id, SubsidyClaim.rule_id)))
    placements = session.execute(
        select(Referral, Opening, Employer, Worker)
        .join(Opening, Opening.id == Referral.opening_id)
        .join(Employer, Employer.id == Opening.employer_id)
        .join(Worker, Worker.id == Referral.worker_id)
        .where(Referral.status.in_((ReferralStatus.hired, ReferralStatus.left)))
        .order_by(Referral.hired_on, Referral.id)
    )
    return [
        DueSubsidy(
            referral.id,
            worker.id,
            worker.name,
            employer.name,
            opening.province,
            referral.hired_on,
            rule.code,
            rule.name,
            rule.amount,
        )
        for referral, opening, employer, worker in placements
        for rule in rules
        if (referral.id, rule.id) not in decided
        and covers(rule, opening, employer, referral, today)
    ]


def decide(
    session: Session,
    *,
    actor: Actor,
    referral_id: int,
    rule_code: str,
    status: ClaimStatus,
    note: str | None = None,
) -> SubsidyClaim:
    """Mark a due subsidy paid or refused; only a rule that covers the placement is paid."""
    require(actor, Role.bureau)
    referral = referrals.get(session, actor=actor, referral_id=referral_id)
    rule = session.scalar(select(SubsidyRule).where(SubsidyRule.code == rule_code))
    if rule is None:
        raise InvalidInput.field("rule_code", "Unknown subsidy rule.")
    opening = referral.opening
    if status == ClaimStatus.paid and not covers(
        rule, opening, opening.employer, referral, clock.today()
    ):
        raise InvalidInput.field("rule_code", "The rule does not cover this placement.")
    if session.scalar(
        select(SubsidyClaim.id).where(
            SubsidyClaim.referral_id == referral.id, SubsidyClaim.rule_id == rule.id
        )
    ):
        raise Conflict("This subsidy has already been decided.")
    claim = SubsidyClaim(
        referral_id=referral.id,
        rule_id=rule.id,
        status=status,
        amount=rule.amount if status == ClaimStatus.paid else 0,
        decided_on=clock.today(),
        note=note,
        decided_by_id=actor.user_id,
    )
    session.add(claim)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action=f"subsidy_{status.value}",
        entity="referral",
        entity_id=referral.id,
        detail={"rule": rule.code},
    )
    return claim


def decided(session: Session, *, actor: Actor, status: ClaimStatus | None) -> list[SubsidyClaim]:
    require(actor, Role.bureau)
    statement = select(SubsidyClaim).order_by(SubsidyClaim.decided_on.desc(), SubsidyClaim.id)
    if status:
        statement = statement.where(SubsidyClaim.status == status)
    return list(session.scalars(statement))


def rules(session: Session, *, actor: Actor) -> list[SubsidyRule]:
    require(actor, Role.bureau)
    return list(
        session.scalars(select(SubsidyRule).order_by(SubsidyRule.valid_from, SubsidyRule.code))
    )
