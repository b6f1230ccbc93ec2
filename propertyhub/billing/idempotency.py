"""Idempotency-Key, stored in the database (so every web process sees it).

The same key with the same body replays the first answer; with another body it
is a 422; while the first request still runs it is a 409. Keys live 24 hours.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import ujson
from tortoise.exceptions import IntegrityError

from propertyhub.billing.models import IdempotencyKey
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.models import utcnow

TTL = timedelta(hours=24)
MAX_KEY = 200


def body_hash(body: dict[str, Any]) -> str:
    return hashlib.sha256(ujson.dumps(body, sort_keys=True).encode()).hexdigest()


async def run_once(user_id: int, scope: str, key: str | None, body: dict[str, Any],
                   action: Callable[[], Awaitable[tuple[int, dict]]]) -> tuple[int, dict]:
    """Run `action` (returning status and JSON body) at most once per key."""
    if key is None:
        return await action()
    if not 0 < len(key) <= MAX_KEY:
        raise ApiError(400, Code.BAD_REQUEST, "Idempotency-Key must be 1-200 characters")
    digest = body_hash(body)
    try:
        record = await IdempotencyKey.create(user_id=user_id, scope=scope, key=key,
                                             request_hash=digest)
    except IntegrityError:
        record = await IdempotencyKey.get(user_id=user_id, scope=scope, key=key)
        if record.created_at < utcnow() - TTL:
            await record.delete()  # expired, not yet pruned: start afresh
            return await run_once(user_id, scope, key, body, action)
        if record.request_hash != digest:
            raise ApiError(422, Code.IDEMPOTENCY_KEY_REUSED,
                           "this Idempotency-Key was used with a different request") from None
        if record.status_code is None:
            raise ApiError(409, Code.IDEMPOTENCY_KEY_IN_USE,
                           "a request with this Idempotency-Key is still running") from None
        return record.status_code, record.response
    try:
        status, response = await action()
    except ApiError as exc:
        if exc.status >= 500 or exc.status == 429:
            await record.delete()
            raise
        status, response = exc.status, {"error": {"code": exc.code, "message": exc.message,
                                                  "details": exc.details}}
    except BaseException:
        await record.delete()  # nothing was promised: the client may try again
        raise
    record.status_code, record.response = status, response
    await record.save(update_fields=["status_code", "response"])
    return status, response


async def prune(now=None) -> int:
    return await IdempotencyKey.filter(created_at__lt=(now or utcnow()) - TTL).delete()
