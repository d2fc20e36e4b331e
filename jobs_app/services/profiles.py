"""Plain profiles of workers and openings, as the ``matching`` library takes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_app.identity import age_on
from jobs_app.models import Household, Opening, Township, Worker
from matching.records import OpeningProfile, WorkerProfile


@dataclass(frozen=True)
class Place:
    """Where a township is, detached from any session so indexes can keep it."""

    id: int
    code: str
    lat: float | None
    lon: float | None


def township_places(session: Session) -> dict[int, Place]:
    rows = session.execute(select(Township.id, Township.code, Township.lat, Township.lon))
    return {row.id: Place(*row) for row in rows}


# What worker_profile reads, for queries that load no more (and a desk's scope, township).
WORKER_PROFILE_COLUMNS = (
    Worker.township_id, Worker.birth_date, Worker.ability, Worker.status, Worker.status_since,
    Worker.skills, Worker.skills_note, Worker.wish_scope, Worker.wish_provinces,
    Worker.wish_min_wage, Worker.cares_for_children, Worker.cares_for_elderly, Worker.health,
)  # fmt: skip
HOUSEHOLD_PROFILE_COLUMNS = (Household.category, Household.dibao, Household.tekun)


def worker_profile(worker: Worker, today: date, townships: dict[int, Place]) -> WorkerProfile:
    place = townships[worker.township_id]
    seeking_days = (today - worker.status_since).days if worker.status == "seeking" else 0
    return WorkerProfile(
        id=worker.id,
        age=age_on(worker.birth_date, today),
        township_code=place.code,
        lat=place.lat,
        lon=place.lon,
        ability=worker.ability.value,
        status=worker.status.value,
        category=worker.household.category.value,
        dibao=worker.household.dibao,
        tekun=worker.household.tekun,
        months_unemployed=max(0, seeking_days) // 30,
        skills=tuple(worker.skills or ()),
        skill_text=worker.skills_note or "",
        scope=worker.wish_scope.value,
        provinces=tuple(worker.wish_provinces or ()),
        min_wage=worker.wish_min_wage,
        cares_for_children=worker.cares_for_children,
        cares_for_elderly=worker.cares_for_elderly,
        health=worker.health.value,
    )


def opening_profile(opening: Opening, townships: dict[int, Place]) -> OpeningProfile:
    place = townships.get(opening.township_id) if opening.township_id else None
    return OpeningProfile(
        id=opening.id,
        employer_id=opening.employer_id,
        employer_kind=opening.employer.kind.value,
        title=opening.title,
        skills=tuple(opening.skills or ()),
        description=opening.description or "",
        province=opening.province,
        city=opening.city,
        township_code=place.code if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        wage_min=opening.wage_min,
        wage_max=opening.wage_max,
        age_min=opening.age_min,
        age_max=opening.age_max,
        board=opening.board,
        lodging=opening.lodging,
        social_insurance=opening.social_insurance,
        start_date=opening.start_date,
        status=opening.status.value,
        free_headcount=opening.headcount - opening.hired_count,
    )
