"""Which sockets belong to which sign-in, so that revoking a sign-in closes them.

Tokens are checked when a socket connects; a sign-in revoked later (logout, password
change, a stolen refresh token replayed) must also end its live sockets, in whichever
web process holds them. With Redis the map is shared, and `sio.disconnect(sid)` reaches
a socket on another process through the Socket.IO Redis manager.
"""

from __future__ import annotations

from collections import defaultdict

TTL_S = 31 * 24 * 3600  # longer than a refresh token lives


class MemorySignins:
    def __init__(self) -> None:
        self._sids: dict[str, set[str]] = defaultdict(set)

    async def add(self, signin: str, sid: str) -> None:
        self._sids[signin].add(sid)

    async def remove(self, signin: str, sid: str) -> None:
        sids = self._sids.get(signin)
        if sids is not None:
            sids.discard(sid)
            if not sids:
                del self._sids[signin]

    async def pop(self, signin: str) -> list[str]:
        return sorted(self._sids.pop(signin, set()))


class RedisSignins:
    def __init__(self, redis) -> None:
        self.redis = redis

    @staticmethod
    def key(signin: str) -> str:
        return f"propertyhub:signin-sockets:{signin}"

    async def add(self, signin: str, sid: str) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(self.key(signin), sid)
            pipe.expire(self.key(signin), TTL_S)
            await pipe.execute()

    async def remove(self, signin: str, sid: str) -> None:
        await self.redis.srem(self.key(signin), sid)

    async def pop(self, signin: str) -> list[str]:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.smembers(self.key(signin))
            pipe.delete(self.key(signin))
            members, _ = await pipe.execute()
        return sorted(m.decode() if isinstance(m, bytes) else m for m in members)
