"""Trips: the planning window in, trips with their stops and passengers out."""

from __future__ import annotations

from marshmallow import fields, validate

from jobs_app.models import TripStatus, VehicleKind
from routes.schemas.common import PageArgs, Phone, Schema, optional_text, page_of


class PlanIn(Schema):
    from_date = fields.Date(required=True)
    to_date = fields.Date(required=True)
    destination_city = fields.String(validate=validate.Length(min=1, max=30), allow_none=True)


class TripQuery(PageArgs):
    status = fields.Enum(TripStatus, by_value=True)
    from_date = fields.Date()
    to_date = fields.Date()
    destination_city = fields.String(validate=validate.Length(min=1, max=30))


class ConfirmIn(Schema):
    escort_name = optional_text(40)
    escort_phone = Phone(allow_none=True)


class CheckInIn(Schema):
    boarded = fields.Boolean(required=True)


class LatePassengerIn(Schema):
    referral_id = fields.Integer(required=True)


class StopSchema(Schema):
    position = fields.Integer()
    township_code = fields.Function(lambda stop: stop.township.code)
    township_name = fields.Function(lambda stop: stop.township.name)
    time = fields.DateTime(attribute="planned_time")
    # Referral ids of the passengers boarding here.
    passengers = fields.Function(
        lambda stop: [
            p.referral_id for p in stop.trip.riders if p.stop_township_id == stop.township_id
        ]
    )


class PassengerSchema(Schema):
    referral_id = fields.Integer()
    worker_id = fields.Function(lambda p: p.referral.worker_id)
    name = fields.Function(lambda p: p.referral.worker.name)
    stop_township_code = fields.Function(lambda p: p.stop_township.code)
    stop_township_name = fields.Function(lambda p: p.stop_township.name)
    seat = fields.Integer()
    destination_city = fields.Function(lambda p: p.referral.opening.city)
    employer_name = fields.Function(lambda p: p.referral.opening.employer.name)
    start_date = fields.Date()
    boarded = fields.Boolean(allow_none=True)
    no_show = fields.Boolean()
    checked_at = fields.DateTime(allow_none=True)


class TripSchema(Schema):
    id = fields.Integer()
    line_id = fields.Integer(allow_none=True)
    destination_city = fields.String()
    destination_province = fields.String()
    departure = fields.DateTime()
    arrival = fields.DateTime()
    vehicle = fields.Enum(VehicleKind, by_value=True)
    seats = fields.Integer()
    # Passengers it may carry under the load rule (e.g. 22 of 45 seats at 50 %).
    capacity = fields.Integer()
    distance_km = fields.Float()
    travel_hours = fields.Float()
    status = fields.Enum(TripStatus, by_value=True)
    escort_name = fields.String(allow_none=True)
    escort_phone = fields.String(allow_none=True)
    stops = fields.List(fields.Nested(StopSchema))
    passengers = fields.List(fields.Nested(PassengerSchema), attribute="riders")


class UnplannedSchema(Schema):
    referral_id = fields.Integer()
    worker_id = fields.Integer()
    reason = fields.String(
        metadata={"description": "unknown_destination, no_collection_point or "
                  "cannot_arrive_in_time"}
    )  # fmt: skip


class PlanOut(Schema):
    trips = fields.List(fields.Nested(TripSchema))
    unplanned = fields.List(fields.Nested(UnplannedSchema))


TripPage = page_of(TripSchema, "TripPage")
