"""``jobs-app transport …``: the CVRP solver on a CVRPLIB file, planning and manifests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from jobs_app.cli.common import one_transaction
from jobs_app.extensions import db
from jobs_app.services import transport
from jobs_app.services.access import Actor
from matching.transport.cvrp import solve_cvrp_json

DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.group()
def transport_group() -> None:
    """Dedicated transport (点对点专车)."""


@transport_group.command("solve-cvrp")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), required=True,
              help="Seconds of search.")  # fmt: skip
@click.option("--seed", type=int, default=1, show_default=True)
def solve_cvrp(path: str, time_limit: float, seed: int) -> None:
    """Solve a CVRPLIB instance and print {"cost": C, "routes": [[...], ...]}."""
    try:
        click.echo(solve_cvrp_json(path, time_limit, seed=seed))
    except ValueError as error:
        raise click.ClickException(str(error)) from None


@transport_group.command("plan")
@click.option("--from", "from_date", type=DAY, required=True, help="YYYY-MM-DD")
@click.option("--to", "to_date", type=DAY, required=True, help="YYYY-MM-DD")
@click.option("--destination", help="Only this destination city, e.g. 济宁市.")
@with_appcontext
def plan(from_date: datetime, to_date: datetime, destination: str | None) -> None:
    """Draft the trips for far placements starting from FROM to TO, and print them."""
    share = current_app.config.get("TRANSPORT_LOAD_SHARE", transport.DEFAULT_LOAD_SHARE)
    with one_transaction():
        outcome = transport.plan(
            db.session, actor=Actor.system(), from_date=from_date.date(),
            to_date=to_date.date(), destination_city=destination,
            rules=transport.rules_for(float(share)),
        )  # fmt: skip
        lines = [_trip_line(trip) for trip in outcome.trips]
    for line in lines or ["no trips: nobody to carry"]:
        click.echo(line)
    for left in outcome.unplanned:
        click.echo(f"not planned: referral {left.referral_id} ({left.reason})")


def _trip_line(trip) -> str:
    stops = " → ".join(f"{s.township.name} {s.planned_time:%H:%M}" for s in trip.stops)
    return (f"trip {trip.id}: {trip.departure:%Y-%m-%d %H:%M} {trip.vehicle.value} to "
            f"{trip.destination_city}, {len(trip.riders)}/{trip.capacity} passengers "
            f"({trip.seats} seats), {trip.distance_km:.0f} km: {stops}")  # fmt: skip


@transport_group.command("manifest")
@click.argument("trip_id", type=int)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True,
              help="The .xlsx file to write.")  # fmt: skip
@with_appcontext
def manifest(trip_id: int, output: str) -> None:
    """Write a trip's passenger manifest (乘车名单) as an Excel workbook."""
    with one_transaction():
        content = transport.xlsx(transport.manifest(db.session, actor=Actor.system(),
                                                    trip_id=trip_id))  # fmt: skip
    Path(output).write_bytes(content)
    click.echo(f"wrote {output}")


transport_group.name = "transport"
