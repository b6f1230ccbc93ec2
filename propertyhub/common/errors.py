"""One error type and one renderer for the contract's error shape."""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Any

from sanic import Request, Sanic
from sanic.exceptions import SanicException
from sanic.response import JSONResponse, json

log = logging.getLogger(__name__)


class Code(StrEnum):
    # common
    BAD_REQUEST = "bad_request"
    INVALID_JSON = "invalid_json"
    VALIDATION_FAILED = "validation_failed"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    RATE_LIMITED = "rate_limited"
    INTERNAL = "internal_error"
    UNAVAILABLE = "unavailable"
    # auth
    UNAUTHORIZED = "unauthorized"
    INVALID_TOKEN = "invalid_token"
    INVALID_CREDENTIALS = "invalid_credentials"
    FORBIDDEN = "forbidden"
    EMAIL_TAKEN = "email_taken"
    # listings / cart / crm
    ALREADY_IN_CART = "already_in_cart"
    INVALID_CURSOR = "invalid_cursor"
    # agents / billing
    AGENT_IN_USE = "agent_in_use"
    AGENT_UNAVAILABLE = "agent_unavailable"
    ALREADY_SUBSCRIBED = "already_subscribed"
    PAYMENT_FAILED = "payment_failed"
    IDEMPOTENCY_KEY_IN_USE = "idempotency_key_in_use"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    # calls
    SUBSCRIPTION_REQUIRED = "subscription_required"
    CALL_ENDED = "call_ended"
    TOO_LARGE = "too_large"
    # viewings
    SLOT_TAKEN = "slot_taken"
    ALREADY_BOOKED = "already_booked"
    STATUS_CONFLICT = "status_conflict"
    CALENDAR_CONFLICT = "calendar_conflict"
    OPEN_HOUSE_BOOKED = "open_house_booked"


_STATUS_CODES = {
    400: Code.BAD_REQUEST,
    401: Code.UNAUTHORIZED,
    403: Code.FORBIDDEN,
    404: Code.NOT_FOUND,
    405: Code.METHOD_NOT_ALLOWED,
    413: Code.PAYLOAD_TOO_LARGE,
    429: Code.RATE_LIMITED,
    503: Code.UNAVAILABLE,
}


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: Code | str,
        message: str,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = str(code)
        self.message = message
        self.details = details or {}
        self.headers = headers or {}

    @classmethod
    def not_found(cls, what: str = "resource") -> ApiError:
        return cls(404, Code.NOT_FOUND, f"{what} not found")

    @classmethod
    def validation(cls, details: dict[str, list[str]], message: str = "validation failed"):
        return cls(422, Code.VALIDATION_FAILED, message, details)

    @classmethod
    def bad_query(cls, field: str, message: str) -> ApiError:
        return cls(400, Code.BAD_REQUEST, f"invalid query parameter {field!r}", {field: [message]})


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def render(exc: ApiError) -> JSONResponse:
    return json(error_body(exc.code, exc.message, exc.details), exc.status, headers=exc.headers)


def setup_errors(app: Sanic) -> None:
    @app.exception(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return render(exc)

    @app.exception(SanicException)
    async def _sanic_error(request: Request, exc: SanicException) -> JSONResponse:
        status = getattr(exc, "status_code", 500) or 500
        if status >= 500:
            log.exception("unhandled sanic error", exc_info=exc)
            return json(error_body(Code.INTERNAL, "internal server error"), 500)
        code = _STATUS_CODES.get(status, Code.BAD_REQUEST)
        message = str(exc) or code.replace("_", " ")
        headers = dict(getattr(exc, "headers", None) or {})
        return json(error_body(code, message), status, headers=headers)

    @app.exception(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.path, exc_info=exc)
        return json(error_body(Code.INTERNAL, "internal server error"), 500)
