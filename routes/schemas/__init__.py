"""Marshmallow schemas: request validation, response shape and the OpenAPI document, in one."""
