"""Opaque keyset cursors: base64url JSON, checked on the way back in."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from propertyhub.common.errors import ApiError, Code


def encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict):
        raise ApiError(400, Code.INVALID_CURSOR, "cursor is not valid", {"cursor": ["invalid"]})
    return payload


def invalid() -> ApiError:
    return ApiError(400, Code.INVALID_CURSOR, "cursor is not valid", {"cursor": ["invalid"]})
