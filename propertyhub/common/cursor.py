"""Opaque keyset cursors: base64url JSON and its HMAC, checked on the way back in.

A cursor's values go into SQL, so only cursors we issued are taken back: a forged or
edited one (an id beyond BIGINT, a sort key of the wrong type) is a 400 `invalid_cursor`
before any of its values is used, whichever list it is given to.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

from propertyhub.common.errors import ApiError, Code
from propertyhub.config import Settings

_key = Settings().cursor_key  # replaced at start-up by the app's own (use_key)


def use_key(key: bytes) -> None:
    """Settings.cursor_key, the same in every web process, so any of them takes a cursor
    another one issued."""
    global _key
    _key = key


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _signature(raw: bytes) -> bytes:
    return _b64(hmac.new(_key, raw, hashlib.sha256).digest()[:16]).encode()


def encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    return f"{_b64(raw)}.{_signature(raw).decode()}"


def decode(token: str) -> dict[str, Any]:
    body, _, signature = token.partition(".")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise invalid() from None
    if not hmac.compare_digest(signature.encode(errors="replace"), _signature(raw)):
        raise invalid()
    payload = json.loads(raw)
    if not isinstance(payload, dict):
        raise invalid()
    return payload


def invalid() -> ApiError:
    return ApiError(400, Code.INVALID_CURSOR, "cursor is not valid", {"cursor": ["invalid"]})
