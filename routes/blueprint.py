"""flask-smorest's Blueprint, with argument schemas built once."""

from __future__ import annotations

import flask_smorest


class Blueprint(flask_smorest.Blueprint):
    """Argument schemas named by class are built once, where the route is declared.

    flask-smorest hands the schema to webargs as given, and webargs builds a schema named by
    class anew for every request: 0.05–0.13 ms of each request with arguments in the
    district's peak mix (bench/request_cost.py), 3–5 % of a list page or a matches request.
    """

    def arguments(self, schema, *args, **kwargs):
        if isinstance(schema, type):
            schema = schema()
        return super().arguments(schema, *args, **kwargs)
