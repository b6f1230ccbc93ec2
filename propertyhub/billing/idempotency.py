"""Idempotency-Key, stored in the database (so every web process sees it).

The same key with the same body replays the first answer; with another body it
is a 422; while the first request still runs it is a 409. Keys live 24 hours.

A request that dies half-way (kill -9) leaves its record unanswered: after a short lease
the key is retryable, and the retry takes the record over (a compare-and-set on its
timestamp, so of several retries one wins). Actions find what a dead attempt already
created by the key itself (e.g. `Subscription.request_key`), so a retry resumes rather
than repeats.
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


async def _claim(user_id: int, scope: str, key: str, digest: str,
                 lease_seconds: float) -> tuple[IdempotencyKey | None, tuple[int, dict] | None]:
    """The record this request now owns, or the answer to give instead."""
    try:
        return await IdempotencyKey.create(user_id=user_id, scope=scope, key=key,
                                           request_hash=digest), None
    except IntegrityError:
        pass
    record = await IdempotencyKey.get(user_id=user_id, scope=scope, key=key)
    now = utcnow()
    if record.created_at < now - TTL:
        await record.delete()  # expired, not yet pruned: start afresh
        return await _claim(user_id, scope, key, digest, lease_seconds)
    if record.request_hash != digest:
        raise ApiError(422, Code.IDEMPOTENCY_KEY_REUSED,
                       "this Idempotency-Key was used with a different request")
    if record.status_code is not None:
        return None, (record.status_code, record.response)
    if record.created_at < now - timedelta(seconds=lease_seconds):
        # The request that held it died: take it over, unless another retry just did.
        taken = await IdempotencyKey.filter(id=record.id, status_code=None,
                                            created_at=record.created_at).update(created_at=now)
        if taken:
            return record, None
    raise ApiError(409, Code.IDEMPOTENCY_KEY_IN_USE,
                   "a request with this Idempotency-Key is still running")


async def run_once(user_id: int, scope: str, key: str | None, body: dict[str, Any],
                   action: Callable[[], Awaitable[tuple[int, dict]]],
                   lease_seconds: float = 30.0) -> tuple[int, dict]:
    """Run `action` (returning status and JSON body) at most once per key."""
    if key is None:
        return await action()
    if not 0 < len(key) <= MAX_KEY:
        raise ApiError(400, Code.BAD_REQUEST, "Idempotency-Key must be 1-200 characters")
    record, answer = await _claim(user_id, scope, key, body_hash(body), lease_seconds)
    if answer is not None:
        return answer
    assert record is not None
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
