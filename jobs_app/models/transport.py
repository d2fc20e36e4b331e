"""Dedicated transport (点对点专车): lines, trips, their collection stops and passengers.

Departure and stop times are the district's local wall-clock time (Asia/Shanghai), stored
without a zone, as the planner and the printed manifest speak of them.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobs_app.models.base import Base, Timestamped, UtcDateTime, enum_column
from jobs_app.models.referral import Referral
from jobs_app.models.township import Township

ACTIVE = sa.text("active")


class TripStatus(StrEnum):
    planned = "planned"  # a draft, replaced by the next re-plan of its window
    confirmed = "confirmed"
    departed = "departed"
    arrived = "arrived"
    cancelled = "cancelled"


class VehicleKind(StrEnum):
    bus = "bus"
    car = "car"


class TransportLine(Timestamped, Base):
    """A dedicated line (专线) to one destination city, on a weekly pattern or on demand."""

    __tablename__ = "transport_line"
    __table_args__ = (
        sa.CheckConstraint("vehicle_seats >= 1", name="seats_positive"),
        sa.CheckConstraint(
            "departure_weekday IS NULL OR (departure_weekday >= 0 AND departure_weekday <= 6)",
            name="weekday_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(60), unique=True)
    destination_city: Mapped[str] = mapped_column(sa.String(30), index=True)
    destination_province: Mapped[str] = mapped_column(sa.String(20))
    destination_lat: Mapped[float]
    destination_lon: Mapped[float]
    coordinates_approximate: Mapped[bool] = mapped_column(default=True)
    travel_hours: Mapped[float | None]
    vehicle_seats: Mapped[int] = mapped_column(default=45)
    # Monday is 0; both empty means the line runs on demand.
    departure_weekday: Mapped[int | None]
    departure_time: Mapped[time | None]
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def on_demand(self) -> bool:
        return self.departure_weekday is None


class Trip(Timestamped, Base):
    """One vehicle's departure (趟次) to a destination, with its allowed load."""

    __tablename__ = "trip"
    __table_args__ = (
        sa.CheckConstraint("capacity >= 1 AND capacity <= seats", name="capacity_within_seats"),
        sa.Index("ix_trip_status_departure", "status", "departure"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    line_id: Mapped[int | None] = mapped_column(sa.ForeignKey("transport_line.id"))
    destination_city: Mapped[str] = mapped_column(sa.String(30), index=True)
    destination_province: Mapped[str] = mapped_column(sa.String(20))
    departure: Mapped[datetime] = mapped_column(sa.DateTime())
    arrival: Mapped[datetime] = mapped_column(sa.DateTime())
    vehicle: Mapped[VehicleKind] = mapped_column(enum_column(VehicleKind, "vehicle_kind"))
    seats: Mapped[int]
    # Passengers it may carry under the load rule (e.g. 22 of 45 seats at 50 %).
    capacity: Mapped[int]
    travel_hours: Mapped[float]
    distance_km: Mapped[float]
    escort_name: Mapped[str | None] = mapped_column(sa.String(40))
    escort_phone: Mapped[str | None] = mapped_column(sa.String(11))
    status: Mapped[TripStatus] = mapped_column(
        enum_column(TripStatus, "trip_status"), default=TripStatus.planned
    )

    line: Mapped[TransportLine | None] = relationship(lazy="joined")
    stops: Mapped[list[TripStop]] = relationship(
        back_populates="trip", order_by="TripStop.position", cascade="all, delete-orphan"
    )
    passengers: Mapped[list[TripPassenger]] = relationship(
        back_populates="trip", order_by="TripPassenger.seat", cascade="all, delete-orphan"
    )

    @property
    def riders(self) -> list[TripPassenger]:
        """Passengers holding a seat (a released one no longer does)."""
        return [p for p in self.passengers if p.active]


class TripStop(Base):
    """A collection point (集合点) on a trip, in pickup order, with its planned time."""

    __tablename__ = "trip_stop"
    __table_args__ = (sa.UniqueConstraint("trip_id", "position", name="one_per_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(sa.ForeignKey("trip.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    township_id: Mapped[int] = mapped_column(sa.ForeignKey("township.id"))
    planned_time: Mapped[datetime] = mapped_column(sa.DateTime())

    trip: Mapped[Trip] = relationship(back_populates="stops")
    township: Mapped[Township] = relationship(lazy="joined")


class TripPassenger(Base):
    """A placed worker's seat on a trip, and whether they boarded.

    ``active`` is false once the seat is released (the trip was cancelled, or the placement
    ended before departure); a referral holds at most one active seat, enforced by a
    partial unique index.
    """

    __tablename__ = "trip_passenger"
    __table_args__ = (
        sa.Index("uq_trip_passenger_one_active_seat_per_referral", "referral_id", unique=True,
                 sqlite_where=ACTIVE, postgresql_where=ACTIVE),
        sa.Index("uq_trip_passenger_one_rider_per_seat", "trip_id", "seat", unique=True,
                 sqlite_where=ACTIVE, postgresql_where=ACTIVE),
        sa.CheckConstraint("seat >= 1", name="seat_positive"),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    trip_id: Mapped[int] = mapped_column(sa.ForeignKey("trip.id", ondelete="CASCADE"), index=True)
    referral_id: Mapped[int] = mapped_column(sa.ForeignKey("referral.id"), index=True)
    stop_township_id: Mapped[int] = mapped_column(sa.ForeignKey("township.id"))
    seat: Mapped[int]
    start_date: Mapped[date]
    active: Mapped[bool] = mapped_column(default=True)
    boarded: Mapped[bool | None]
    no_show: Mapped[bool] = mapped_column(default=False)
    checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    trip: Mapped[Trip] = relationship(back_populates="passengers")
    referral: Mapped[Referral] = relationship(lazy="joined")
    stop_township: Mapped[Township] = relationship(lazy="joined")
