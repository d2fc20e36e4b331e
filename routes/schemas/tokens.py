"""Login sessions and API tokens as their owner sees them: never the secret, except once."""

from __future__ import annotations

from marshmallow import fields

from jobs_app import clock
from jobs_app.models import TokenKind
from routes.schemas.common import Schema, page_of, text


class TokenSchema(Schema):
    id = fields.Integer()
    kind = fields.Enum(TokenKind, by_value=True)
    label = fields.String(allow_none=True)
    created_at = fields.DateTime()
    expires_at = fields.DateTime(allow_none=True)
    revoked_at = fields.DateTime(allow_none=True)


class TokenIn(Schema):
    label = text(100, required=True)
    # A time without a zone is the district's (Beijing time).
    expires_at = fields.AwareDateTime(
        default_timezone=clock.DISTRICT_TZ, load_default=None, allow_none=True
    )


class NewTokenSchema(TokenSchema):
    """A service ``NewToken``: the stored token's fields and, this once, its secret."""

    token = fields.String(
        attribute="secret", metadata={"description": "The secret: shown once, stored hashed."}
    )

    def get_attribute(self, obj, attr, default):
        if attr == "secret":
            return obj.secret
        return super().get_attribute(obj.token, attr, default)


TokenPage = page_of(TokenSchema, "TokenPage")
