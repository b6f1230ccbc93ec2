"""Rate limits with the `limits` library: Redis when configured, memory otherwise."""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from sanic import Request

from propertyhub.common.errors import ApiError, Code


class RateLimiter:
    def __init__(self, redis_url: str | None) -> None:
        if redis_url:
            # redis-py's asyncio client: the one the rest of the service uses.
            self._storage = storage_from_string(f"async+{redis_url}", implementation="redispy")
        else:
            self._storage = storage_from_string("async+memory://")
        self._limiter = MovingWindowRateLimiter(self._storage)

    async def reset(self) -> None:
        await self._storage.reset()

    async def hit(self, rule: RateLimitItem, scope: str, key: str) -> None:
        if await self._limiter.hit(rule, scope, key):
            return
        stats = await self._limiter.get_window_stats(rule, scope, key)
        retry = max(1, math.ceil(stats.reset_time - time.time()))
        raise ApiError(429, Code.RATE_LIMITED, "too many attempts; try again later",
                       {"retry_after_seconds": retry}, headers={"Retry-After": str(retry)})


def parse_rule(text: str) -> RateLimitItem:
    return parse(text)


def client_ip(request: Request) -> str:
    """The ASGI peer: the client behind a proxy listed in FORWARDED_ALLOW_IPS (asgi.py
    rewrites the peer for those), the connecting address otherwise. Never a header that
    any client could have set."""
    return request.ip or "unknown"
