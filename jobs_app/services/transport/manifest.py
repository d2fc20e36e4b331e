"""The passenger manifest (乘车名单) the escort carries: as rows, and as an Excel sheet.

ID numbers are masked; phones are in full, because the escort must call late passengers.
Printing a manifest is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy.orm import Session

from jobs_app.identity import mask_id_number
from jobs_app.models import Trip, TripPassenger
from jobs_app.services import audit
from jobs_app.services.access import Actor
from jobs_app.services.transport import trips

VEHICLE_NAMES = {"bus": "大客车", "car": "小轿车"}
STATUS_NAMES = {"planned": "草案", "confirmed": "已确认", "departed": "已发车",
                "arrived": "已到达", "cancelled": "已取消"}  # fmt: skip
COLUMNS = ("序号", "座位号", "姓名", "身份证号", "联系电话", "上车点", "上车时间",
           "用人单位", "目的地", "到岗日期", "乘车情况", "签字")  # fmt: skip


@dataclass(frozen=True)
class ManifestRow:
    number: int
    seat: int
    name: str
    id_number_masked: str
    phone: str
    stop: str
    stop_time: datetime
    employer: str
    destination: str
    start_date: str
    checked: str

    def cells(self) -> list:
        return [self.number, self.seat, self.name, self.id_number_masked, self.phone,
                self.stop, f"{self.stop_time:%m-%d %H:%M}", self.employer, self.destination,
                self.start_date, self.checked, ""]  # fmt: skip


@dataclass(frozen=True)
class Manifest:
    trip: Trip
    vehicle: str
    status: str
    rows: list[ManifestRow]

    @property
    def title(self) -> str:
        return f"乘车名单（车次 {self.trip.id}）"


def manifest(session: Session, *, actor: Actor, trip_id: int) -> Manifest:
    """The manifest of a trip, stop by stop in pickup order; the read is audited."""
    trip = trips.get(session, actor=actor, trip_id=trip_id)
    times = {stop.township_id: stop.planned_time for stop in trip.stops}
    order = {stop.township_id: stop.position for stop in trip.stops}
    riders = sorted(trip.riders, key=lambda p: (order.get(p.stop_township_id, 0), p.seat))
    rows = [_row(n, rider, times) for n, rider in enumerate(riders, start=1)]
    audit.record(session, actor=actor, action="print_manifest", entity="trip",
                 entity_id=trip.id, detail={"passengers": len(rows)})  # fmt: skip
    return Manifest(trip, VEHICLE_NAMES[trip.vehicle.value], STATUS_NAMES[trip.status.value],
                    rows)  # fmt: skip


def _row(number: int, rider: TripPassenger, times: dict) -> ManifestRow:
    worker, opening = rider.referral.worker, rider.referral.opening
    checked = {None: "", True: "已上车", False: "未到"}[rider.boarded]
    return ManifestRow(
        number=number,
        seat=rider.seat,
        name=worker.name,
        id_number_masked=mask_id_number(worker.id_number),
        phone=worker.phone or "",
        stop=rider.stop_township.name,
        stop_time=times.get(rider.stop_township_id, rider.trip.departure),
        employer=opening.employer.name,
        destination=opening.city,
        start_date=rider.start_date.isoformat(),
        checked=checked,
    )


def xlsx(sheet: Manifest) -> bytes:
    """The manifest as an .xlsx workbook: a heading, a frozen header row, IDs as text."""
    book = Workbook()
    page = book.active
    page.title = "乘车名单"
    trip = sheet.trip
    page.append([sheet.title])
    page.append([f"目的地：{trip.destination_province}{trip.destination_city}",
                 f"发车：{trip.departure:%Y-%m-%d %H:%M}", f"车辆：{sheet.vehicle} {trip.seats} 座",
                 f"核载：{trip.capacity} 人", f"随车人员：{trip.escort_name or ''} "
                 f"{trip.escort_phone or ''}".strip()])  # fmt: skip
    page.append(list(COLUMNS))
    for row in sheet.rows:
        page.append(row.cells())
    for cells in page.iter_rows(min_row=4, min_col=4, max_col=5):
        for cell in cells:
            cell.number_format = "@"  # text: an 18-digit ID must not turn into a number
    for cell in page[3]:
        cell.font = Font(bold=True)
    page["A1"].font = Font(bold=True, size=14)
    page.freeze_panes = "A4"
    for letter, width in zip("ABCDEFGHIJKL", (6, 8, 10, 22, 14, 12, 12, 24, 10, 12, 10, 12),
                             strict=True):  # fmt: skip
        page.column_dimensions[letter].width = width
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
