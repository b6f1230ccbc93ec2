"""Request parsing: JSON object bodies through marshmallow schemas."""

from __future__ import annotations

from typing import Any

import ujson
from marshmallow import RAISE, Schema, ValidationError, fields

from propertyhub.common.errors import ApiError, Code


class StrictSchema(Schema):
    """Unknown fields, and dump_only (server-set) fields in a write body, are rejected."""

    class Meta:
        unknown = RAISE


class Page(Schema):
    """The contract's list envelope; `items` is bound per use in openapi.page_of."""

    next_cursor = fields.String(allow_none=True, required=True)


def json_object(request: Any) -> dict[str, Any]:
    raw = request.body
    if not raw:
        raise ApiError(400, Code.INVALID_JSON, "request body must be a JSON object")
    try:
        data = ujson.loads(raw)
    except (ValueError, TypeError):
        raise ApiError(400, Code.INVALID_JSON, "request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, Code.INVALID_JSON, "request body must be a JSON object")
    return data


def load(schema: Schema, data: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    try:
        return schema.load(data, partial=partial)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        raise ApiError.validation(messages) from None


def load_body(request: Any, schema: Schema, *, partial: bool = False) -> dict[str, Any]:
    return load(schema, json_object(request), partial=partial)


def load_query(schema: Schema, args: dict[str, Any]) -> dict[str, Any]:
    """Query parameters: a malformed one is a 400, per the contract."""
    try:
        return schema.load(args)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        raise ApiError(400, Code.BAD_REQUEST, "malformed query parameter", messages) from None
