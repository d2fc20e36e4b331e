"""User accounts: the administrator's."""

from __future__ import annotations

from flask.views import MethodView

from jobs_app.auth import current_actor
from jobs_app.extensions import db
from jobs_app.services import tokens, users
from routes.blueprint import Blueprint
from routes.schemas.common import PageArgs
from routes.schemas.tokens import TokenPage
from routes.schemas.users import ActiveIn, UserPage, UserSchema

blp = Blueprint("users", __name__, url_prefix="/api/v1/users", description="User accounts")


@blp.route("")
class Users(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, UserPage)
    def get(self, query):
        return users.get_all(db.session, actor=current_actor(), **query)

    @blp.arguments(UserSchema)
    @blp.response(201, UserSchema)
    def post(self, fields):
        """Create an account with its role and scope."""
        user = users.create(db.session, actor=current_actor(), **fields)
        db.session.commit()
        return user


@blp.route("/<int:user_id>/active", methods=["POST"])
@blp.arguments(ActiveIn)
@blp.response(200, UserSchema)
def set_active(fields, user_id):
    """Disable an account (ending its sessions and tokens) or enable it again."""
    user = users.set_active(db.session, actor=current_actor(), user_id=user_id, **fields)
    db.session.commit()
    return user


@blp.route("/<int:user_id>/tokens", methods=["GET"])
@blp.arguments(PageArgs, location="query")
@blp.response(200, TokenPage)
def list_tokens(query, user_id):
    """A user's sessions and API tokens, newest first, for the administrator to revoke."""
    return tokens.get_all(db.session, actor=current_actor(), user_id=user_id, **query)
