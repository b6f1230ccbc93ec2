"""Request parsing: JSON object bodies through marshmallow schemas."""

from __future__ import annotations

import re
from typing import Any

import ujson
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from propertyhub.common.errors import ApiError, Code

# Text is Unicode text: PostgreSQL cannot store NUL (in text or jsonb), and an unpaired
# surrogate (JSON lets "\ud800" through) cannot be encoded as UTF-8 by either database's
# driver, nor by Redis. Both are refused at the edge, in every JSON body, query parameter
# and socket message, on both databases alike.
NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
TEXT_RULE = "must not contain NUL (U+0000) or unpaired surrogates (U+D800-U+DFFF)"


def is_text(value: str) -> bool:
    return NOT_TEXT.search(value) is None


def _not_text(data: dict[str, Any]) -> dict[str, list[str]]:
    """The top-level fields whose name, or any string inside whose value, is not text."""
    errors: dict[str, list[str]] = {}
    for name, value in data.items():
        stack, bad = [value], not is_text(name)
        while stack and not bad:  # a loop, not recursion: bodies nest up to ujson's limit
            item = stack.pop()
            if isinstance(item, str):
                bad = not is_text(item)
            elif isinstance(item, dict):
                stack.extend(item)
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
        if bad:
            # A name that is not text is never echoed back (it could not be stored either,
            # e.g. in an Idempotency-Key's saved answer).
            errors[name if is_text(name) else "_schema"] = [TEXT_RULE]
    return errors


# The largest value of an INTEGER (int4) column; ranges of fields stored in one stay within.
INT4_MAX = 2**31 - 1


class StrictSchema(Schema):
    """Unknown fields, and dump_only (server-set) fields in a write body, are rejected."""

    class Meta:
        unknown = RAISE


CURSOR_DOC = ("the `next_cursor` of the previous page, as given: cursors are opaque and "
              "signed, so any other value is a 400 `invalid_cursor`")


class PageQuery(Schema):
    """The query of every list (parsed by params.page_args)."""

    limit = fields.Integer(validate=validate.Range(1, 100), metadata={"description": "default 20"})
    cursor = fields.String(metadata={"description": CURSOR_DOC})


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
    if errors := _not_text(data):
        raise ApiError.validation(errors)
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
