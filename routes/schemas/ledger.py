"""Ledger imports: the upload, its options, and the report that comes back."""

from __future__ import annotations

from flask_smorest.fields import Upload
from marshmallow import fields

from routes.schemas.common import Schema


class ImportOptions(Schema):
    dry_run = fields.Boolean(load_default=False)
    keep_good = fields.Boolean(load_default=False)


class LedgerUpload(Schema):
    file = Upload(required=True, metadata={"description": "The ledger, an .xlsx workbook"})


class RowProblemSchema(Schema):
    row = fields.Integer(metadata={"description": "The row number as Excel shows it"})
    column = fields.String(metadata={"description": "The column's header in the ledger"})
    problem = fields.String()


class ImportReportSchema(Schema):
    dry_run = fields.Boolean()
    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    written = fields.Boolean()
    errors = fields.List(fields.Nested(RowProblemSchema))
    warnings = fields.List(fields.Nested(RowProblemSchema))


class WorkerExportQuery(Schema):
    township_code = fields.String()
