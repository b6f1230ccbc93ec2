"""Who has seen a listing today: a view counts once per viewer, listing and UTC day.

A signed-in viewer is their user id. An anonymous one is a keyed hash (HMAC-SHA256) of the
client address and User-Agent under a salt made at random for the day and dropped when the
day ends: the same browser on the same network is one viewer for the day, no address is
ever stored, and once the salt is gone nobody (the operator included) can recompute or link
the keys. Changing the User-Agent makes a new anonymous viewer, so an address counts at most
ANONYMOUS_PER_ADDRESS anonymous viewers per listing and day; real visitors rarely share an
address that much, a script rotating headers always does.

With Redis every web process shares the salt (the first to need it makes it, SET NX) and
the day's viewers (one Lua call decides and records atomically); without it, the one
embedded process keeps both in memory.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from redis.exceptions import RedisError

from propertyhub.analytics.events import record_view
from propertyhub.common.activity import ANONYMOUS_PER_ADDRESS
from propertyhub.common.models import utcnow

__all__ = ["ANONYMOUS_PER_ADDRESS", "MemoryViewers", "RedisViewers", "count_view"]
log = logging.getLogger(__name__)
PREFIX = "ph:views:"

# KEYS: the listing's viewers today (a set), anonymous viewers per address (a hash).
# ARGV: viewer, address key ('' when signed in), ANONYMOUS_PER_ADDRESS, expiry (unix time).
_FIRST_VISIT = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
if ARGV[2] ~= '' then
    if redis.call('HINCRBY', KEYS[2], ARGV[2], 1) > tonumber(ARGV[3]) then return 0 end
    redis.call('EXPIREAT', KEYS[2], ARGV[4])
end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIREAT', KEYS[1], ARGV[4])
return 1
"""


class Viewers(Protocol):
    async def salt(self, day: date) -> bytes: ...

    async def first_visit(self, day: date, listing_id: int, viewer: str,
                          address: str | None) -> bool: ...

    async def reset(self) -> None: ...


def _forget_at(day: date) -> int:
    """When a day's salt and viewers go: an hour after it ends (a view late in the day may
    still be checked), unix seconds."""
    return int(datetime.combine(day + timedelta(days=1), time(1), UTC).timestamp())


class MemoryViewers:
    def __init__(self) -> None:
        self._day: date | None = None
        self._salt = b""
        self._seen: set[tuple[int, str]] = set()
        self._per_address: Counter[tuple[int, str]] = Counter()

    def _today(self, day: date) -> None:
        if day != self._day:  # a new day: a new salt, and yesterday's viewers forgotten
            self._day, self._salt = day, secrets.token_bytes(32)
            self._seen.clear()
            self._per_address.clear()

    async def salt(self, day: date) -> bytes:
        self._today(day)
        return self._salt

    async def first_visit(self, day: date, listing_id: int, viewer: str,
                          address: str | None) -> bool:
        self._today(day)
        if (listing_id, viewer) in self._seen:
            return False
        if address is not None:
            self._per_address[(listing_id, address)] += 1
            if self._per_address[(listing_id, address)] > ANONYMOUS_PER_ADDRESS:
                return False
        self._seen.add((listing_id, viewer))
        return True

    async def reset(self) -> None:
        self._day = None


class RedisViewers:
    def __init__(self, redis: Any) -> None:
        self._redis = redis
        self._script = redis.register_script(_FIRST_VISIT)
        self._salt: tuple[date, bytes] | None = None  # this process's copy of today's

    async def salt(self, day: date) -> bytes:
        if self._salt is None or self._salt[0] != day:
            key = f"{PREFIX}salt:{day.isoformat()}"
            await self._redis.set(key, secrets.token_bytes(32), nx=True, exat=_forget_at(day))
            self._salt = (day, await self._redis.get(key))
        return self._salt[1]

    async def first_visit(self, day: date, listing_id: int, viewer: str,
                          address: str | None) -> bool:
        key = f"{PREFIX}{day.isoformat()}:{listing_id}"
        return bool(await self._script(keys=[key, f"{key}:addresses"], args=[
            viewer, address or "", ANONYMOUS_PER_ADDRESS, _forget_at(day)]))

    async def reset(self) -> None:
        self._salt = None
        async for key in self._redis.scan_iter(match=f"{PREFIX}*", count=1000):
            await self._redis.delete(key)


def _mac(salt: bytes, text: str) -> str:
    return hmac.new(salt, text.encode(), hashlib.sha256).hexdigest()[:32]


async def count_view(viewers: Viewers, listing_id: int, user_id: int | None, address: str,
                     user_agent: str) -> None:
    """Count a read of a listing as a view if it is this viewer's first today."""
    day = utcnow().date()
    try:
        if user_id is not None:
            viewer, address_key = f"u{user_id}", None
        else:
            salt = await viewers.salt(day)
            viewer = "a" + _mac(salt, f"{address}\n{user_agent}")
            address_key = _mac(salt, address)
        if await viewers.first_visit(day, listing_id, viewer, address_key):
            record_view(listing_id)
    except RedisError:  # a view not counted is better than a listing not shown
        log.warning("view of listing %s not counted: Redis unavailable", listing_id)
