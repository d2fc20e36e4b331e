"""Reference data: default subsidy rules from public Chongqing reports (dated, editable).

Revision ID: 0004
Revises: 0003
"""

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

rule = sa.table(
    "subsidy_rule",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("scope", sa.String),
    sa.column("scope_value", sa.String),
    sa.column("min_months", sa.Integer),
    sa.column("amount", sa.Integer),
    sa.column("valid_from", sa.Date),
    sa.column("valid_to", sa.Date),
    sa.column("source", sa.String),
    sa.column("active", sa.Boolean),
)

CHONGQING_2022 = "重庆市 2022–23 年脱贫人口跨区域就业交通补贴政策"
RULES = [
    ("fare_out_of_chongqing", "一次性求职交通补贴（市外）", "out_of_chongqing", None, 0, 200,
     date(2022, 1, 1), None, CHONGQING_2022),
    ("fare_in_chongqing", "一次性求职交通补贴（区县外市内）", "in_chongqing_away", None, 0, 50,
     date(2022, 1, 1), None, CHONGQING_2022),
    ("away_three_months", "外出务工稳岗补贴（连续务工 3 个月以上）", "outside_district", None, 3,
     500, date(2022, 1, 1), None, CHONGQING_2022),
    ("shandong_three_months", "鲁渝协作赴鲁就业稳岗补贴（在鲁务工 3 个月以上）", "province",
     "山东省", 3, 3000, date(2022, 1, 1), None, "鲁渝劳务协作政策（最高 3,000 元）"),
    ("workshop_training_2020", "以工代训补贴（扶贫车间，每人每月 500 元，最长 6 个月）",
     "employer_kind", "workshop", 6, 3000, date(2020, 1, 1), date(2020, 12, 31),
     "2020 年以工代训政策（一省示例）"),
]  # fmt: skip
COLUMNS = ("code", "name", "scope", "scope_value", "min_months", "amount", "valid_from",
           "valid_to", "source")  # fmt: skip


def upgrade():
    op.bulk_insert(rule, [dict(zip(COLUMNS, row, strict=True), active=True) for row in RULES])


def downgrade():
    op.execute(rule.delete().where(rule.c.code.in_([row[0] for row in RULES])))
