"""The bureau's Excel ledgers (台账): import of workers, and exports in the bureau's layout."""

from jobs_app.services.ledger.exports import export_placements, export_workers
from jobs_app.services.ledger.importing import import_workers
from jobs_app.services.ledger.monthly import (
    export_recount,
    export_seeking,
    export_subsidies_due,
    export_visits_due,
)
from jobs_app.services.ledger.report import ImportReport
from jobs_app.services.ledger.runs import ImportRun, Uploads
from jobs_app.services.ledger.writing import Column, write_ledger

__all__ = [
    "Column",
    "ImportReport",
    "ImportRun",
    "Uploads",
    "export_placements",
    "export_recount",
    "export_seeking",
    "export_subsidies_due",
    "export_visits_due",
    "export_workers",
    "import_workers",
    "write_ledger",
]
