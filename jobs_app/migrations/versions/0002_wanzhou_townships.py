"""Reference data: the 52 townships of Wanzhou District.

Codes, names and kinds come from the public division-code tables. The centre coordinates
are estimates, flagged ``coordinates_approximate``; the bureau corrects them.

Revision ID: 0002
Revises: 0001
"""

import csv
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CSV_PATH = Path(__file__).resolve().parents[2] / "data" / "wanzhou_townships.csv"

township = sa.table(
    "township",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("lat", sa.Float),
    sa.column("lon", sa.Float),
    sa.column("coordinates_approximate", sa.Boolean),
)


def upgrade():
    with CSV_PATH.open(encoding="utf-8") as rows:
        op.bulk_insert(
            township,
            [
                {
                    "code": row["code"],
                    "name": row["name"],
                    "kind": row["kind"],
                    "lat": float(row["lat"]),
                    "lon": float(row["lon"]),
                    "coordinates_approximate": row["coordinates_approximate"] == "true",
                }
                for row in csv.DictReader(rows)
            ],
        )


def downgrade():
    op.execute(township.delete())
