"""The monthly recount and its zero-clearing list."""

from __future__ import annotations

from flask.views import MethodView

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.models import Role, Worker
from jobs_app.services import matching, recount_figures, recounts, zero_clearing
from routes.blueprint import Blueprint
from routes.schemas.recounts import (
    RecountFigures,
    RecountIn,
    RecountList,
    SeekingPage,
    SeekingQuery,
)
from routes.suggestions import shown_suggestions

blp = Blueprint("recounts", __name__, url_prefix="/api/v1/recounts", description="Recounts")


def _figures(recount):
    actor = current_actor()
    township = actor.township_id if actor.role == Role.desk else None
    return recount_figures.figures(db.session, recount, township_id=township)


@blp.route("")
class Recounts(MethodView):
    @blp.response(200, RecountList)
    def get(self):
        """The months recounted, newest first."""
        return {"items": recounts.get_all(db.session, actor=current_actor())}

    @blp.arguments(RecountIn)
    @blp.response(201, RecountFigures)
    def post(self, fields):
        """Recount a month now; a month recounted again has its figures replaced."""
        recount = recounts.run(db.session, actor=current_actor(), period=fields["period"])
        # Read before committing, under the month's lock: once committed, a recount of the
        # same month started meanwhile may replace this one before its figures are read.
        figures = _figures(recount)
        db.session.commit()
        return figures


@blp.route("/<period>")
@blp.response(200, RecountFigures)
def get_recount(period):
    """A month's figures, per township and household category, against last month and the
    same month last year (a desk's township table holds its own township)."""
    return _figures(recounts.get(db.session, actor=current_actor(), period=period))


@blp.route("/<period>/seeking")
@blp.arguments(SeekingQuery, location="query")
@blp.response(200, SeekingPage)
def seeking(query, period):
    """The zero-clearing list: seeking workers, longest first, with 3 suggested openings."""
    page = zero_clearing.seeking(db.session, actor=current_actor(), period=period, **query)
    suggested = matching.suggest(db.session, _workers(page.items), limit=3)
    items = [
        {**item.__dict__, "suggestions": shown_suggestions(suggested.get(item.worker_id, []))}
        for item in page.items
    ]
    return {"items": items, "total": page.total, "page": page.page, "per_page": page.per_page}


def _workers(items):
    ids = [item.worker_id for item in items]
    return list(db.session.scalars(db.select(Worker).where(Worker.id.in_(ids))))
