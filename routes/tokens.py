"""A user's own sessions and API tokens: list, mint a bearer token, revoke."""

from __future__ import annotations

from flask.views import MethodView

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import tokens
from routes.blueprint import Blueprint
from routes.schemas.common import PageArgs
from routes.schemas.tokens import NewTokenSchema, TokenIn, TokenPage

blp = Blueprint("tokens", __name__, url_prefix="/api/v1/tokens", description="API tokens")


@blp.route("")
class Tokens(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, TokenPage)
    def get(self, query):
        """The caller's own sessions and tokens, newest first, revoked ones included."""
        return tokens.get_all(db.session, actor=current_actor(), **query)

    @blp.arguments(TokenIn)
    @blp.response(201, NewTokenSchema)
    def post(self, fields):
        """Mint a bearer token for the caller; the secret is in this answer and nowhere else."""
        minted = tokens.create(db.session, actor=current_actor(), **fields)
        db.session.commit()
        return minted


@blp.route("/<int:token_id>", methods=["DELETE"])
@blp.response(204)
def revoke(token_id):
    """Revoke one of the caller's tokens (the administrator: anyone's); it fails from the
    next request on."""
    tokens.delete(db.session, actor=current_actor(), token_id=token_id)
    db.session.commit()
