"""Where an employer or an opening is: province, city and, inside the district, township."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from jobs_app.errors import InvalidInput
from jobs_app.models import EmployerKind, WorkerStatus
from jobs_app.places import CHONGQING, DISTRICT_CITY, canonical_province
from jobs_app.services import townships


@dataclass(frozen=True)
class Place:
    province: str
    city: str
    township_id: int | None


def resolve(session: Session, *, province: str, city: str, township_code: str | None) -> Place:
    """Check and complete a place; a township places it in Wanzhou, and Wanzhou needs one."""
    full_province = canonical_province(province)
    if full_province is None:
        raise InvalidInput.field("province", "Unknown province.")
    city = city.strip()
    in_district = full_province == CHONGQING and city in (DISTRICT_CITY, "万州")
    if township_code:
        if not in_district:
            raise InvalidInput.field(
                "township_code", "A township is only given for places in Wanzhou."
            )
        township = townships.get_by_code(session, township_code)
        return Place(CHONGQING, DISTRICT_CITY, township.id)
    if in_district:
        raise InvalidInput.field("township_code", "A local employer or opening needs a township.")
    return Place(full_province, city, None)


def employment_status(
    province: str, township_id: int | None, employer_kind: EmployerKind | None = None
) -> WorkerStatus:
    """The status a hire gives: a public post, or by place: in the district, elsewhere in
    Chongqing, or out of it."""
    if employer_kind == EmployerKind.public_post:
        return WorkerStatus.public_post
    if township_id is not None:
        return WorkerStatus.employed_local
    if province == CHONGQING:
        return WorkerStatus.employed_province
    return WorkerStatus.employed_out
