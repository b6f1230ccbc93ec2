"""Live-call state shared by every web process: who is on the line, and the clocks.

Two stores behind one interface: in memory for the embedded mode, Redis when
several web processes serve calls (any of them may then take any event of any
call, and the sweeper of any of them may end it). The durable record (status,
transcript) is in the database; this is only what timers need.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from propertyhub.calls.models import EndReason

RECONNECT_GRACE_S = 30.0


@dataclass
class Live:
    call_id: int
    started: float
    last_input: float
    max_seconds: int
    silence_seconds: int
    detached_at: float | None = None

    def overdue(self, now: float, grace: float) -> EndReason | None:
        if self.detached_at is not None:
            # A buyer who left decides nothing by silence: the call is dropped after the
            # grace window, or goes on if they come back within it.
            return EndReason.DISCONNECTED if now - self.detached_at >= grace else None
        if now - self.started >= self.max_seconds:
            return EndReason.MAX_DURATION
        if now - self.last_input >= self.silence_seconds:
            return EndReason.SILENCE_TIMEOUT
        return None


class Store(Protocol):
    async def attach(self, call_id: int, now: float, max_seconds: int,
                     silence_seconds: int) -> None: ...
    async def touch(self, call_id: int, field: str, value: float) -> None: ...
    async def get(self, call_id: int) -> Live | None: ...
    async def forget(self, call_id: int) -> None: ...
    async def all(self) -> list[Live]: ...
    async def dialogue(self, call_id: int) -> dict | None: ...
    async def save_dialogue(self, call_id: int, data: dict) -> None: ...


class MemoryStore:
    def __init__(self) -> None:
        self._calls: dict[int, Live] = {}
        self._dialogues: dict[int, dict] = {}

    async def dialogue(self, call_id: int) -> dict | None:
        return self._dialogues.get(call_id)

    async def save_dialogue(self, call_id: int, data: dict) -> None:
        self._dialogues[call_id] = data

    async def attach(self, call_id: int, now: float, max_seconds: int,
                     silence_seconds: int) -> None:
        live = self._calls.setdefault(call_id, Live(call_id, now, now, max_seconds,
                                                    silence_seconds))
        live.last_input, live.detached_at = now, None

    async def touch(self, call_id: int, field: str, value: float) -> None:
        live = self._calls.get(call_id)
        if live is not None:
            setattr(live, field, value)

    async def get(self, call_id: int) -> Live | None:
        return self._calls.get(call_id)

    async def forget(self, call_id: int) -> None:
        self._calls.pop(call_id, None)
        self._dialogues.pop(call_id, None)

    async def all(self) -> list[Live]:
        return list(self._calls.values())


# A field of a call that is still live: a call another process has just ended (and
# forgotten) is not brought back by a late event.
_TOUCH = """
if redis.call('exists', KEYS[1]) == 1 then
  redis.call('hset', KEYS[1], ARGV[1], ARGV[2])
end
"""


class RedisStore:
    """A hash per call, written field by field, so two processes handling one call at
    once (an event here, a disconnect there) never overwrite each other's clocks."""

    IDS = "propertyhub:live-calls:ids"

    def __init__(self, redis) -> None:
        self.redis = redis
        self._touch = redis.register_script(_TOUCH)

    @staticmethod
    def key(call_id: int) -> str:
        return f"propertyhub:live-call:{call_id}"

    async def attach(self, call_id: int, now: float, max_seconds: int,
                     silence_seconds: int) -> None:
        key = self.key(call_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hsetnx(key, "started", now)
            pipe.hset(key, mapping={"call_id": call_id, "last_input": now,
                                    "max_seconds": max_seconds,
                                    "silence_seconds": silence_seconds})
            pipe.hdel(key, "detached_at")
            pipe.sadd(self.IDS, call_id)
            await pipe.execute()

    async def touch(self, call_id: int, field: str, value: float) -> None:
        await self._touch(keys=[self.key(call_id)], args=[field, value])

    @staticmethod
    def _live(raw: dict) -> Live | None:
        fields = {(k.decode() if isinstance(k, bytes) else k): float(v)
                  for k, v in raw.items()}
        if "started" not in fields:
            return None
        return Live(int(fields["call_id"]), fields["started"], fields["last_input"],
                    int(fields["max_seconds"]), int(fields["silence_seconds"]),
                    fields.get("detached_at"))

    async def get(self, call_id: int) -> Live | None:
        return self._live(await self.redis.hgetall(self.key(call_id)))

    async def forget(self, call_id: int) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(self.key(call_id), self.dialogue_key(call_id))
            pipe.srem(self.IDS, call_id)
            await pipe.execute()

    @staticmethod
    def dialogue_key(call_id: int) -> str:
        return f"propertyhub:call:{call_id}:dialogue"

    async def dialogue(self, call_id: int) -> dict | None:
        raw = await self.redis.get(self.dialogue_key(call_id))
        return json.loads(raw) if raw else None

    async def save_dialogue(self, call_id: int, data: dict) -> None:
        await self.redis.set(self.dialogue_key(call_id), json.dumps(data), ex=24 * 3600)

    async def all(self) -> list[Live]:
        ids = [int(i) for i in await self.redis.smembers(self.IDS)]
        async with self.redis.pipeline(transaction=False) as pipe:
            for call_id in ids:
                pipe.hgetall(self.key(call_id))
            found = await pipe.execute()
        return [live for raw in found if (live := self._live(raw)) is not None]


class Sessions:
    def __init__(self, store: Store, grace: float = RECONNECT_GRACE_S) -> None:
        self.store, self.grace = store, grace

    async def attach(self, call_id: int, max_seconds: int, silence_seconds: int) -> None:
        await self.store.attach(call_id, time.time(), max_seconds, silence_seconds)

    async def is_live(self, call_id: int) -> bool:
        return await self.store.get(call_id) is not None

    async def heard(self, call_id: int) -> None:
        await self.store.touch(call_id, "last_input", time.time())

    async def detach(self, call_id: int) -> None:
        await self.store.touch(call_id, "detached_at", time.time())

    async def overdue(self) -> list[tuple[int, str]]:
        now = time.time()
        return [(live.call_id, reason) for live in await self.store.all()
                if (reason := live.overdue(now, self.grace))]

    async def forget(self, call_id: int) -> None:
        await self.store.forget(call_id)


# Where a call's seq counter starts when this buffer has not seen the call yet
# (the number of turns already in the database).
Base = Callable[[], Awaitable[int]]


class TurnBuffer(Protocol):
    """Transcript turns not yet in the database, by seq (gap-free per call)."""

    async def append(self, call_id: int, base: Base, turn: dict) -> int: ...
    async def pending(self, call_id: int) -> list[dict]: ...
    async def drop(self, call_id: int, upto_seq: int) -> None: ...
    async def forget(self, call_id: int) -> None: ...


class MemoryTurns:
    def __init__(self) -> None:
        self._seq: dict[int, int] = {}
        self._turns: dict[int, dict[int, dict]] = {}

    async def append(self, call_id: int, base: Base, turn: dict) -> int:
        if call_id not in self._seq:
            self._seq[call_id] = await base()
        seq = self._seq[call_id] + 1
        self._seq[call_id] = seq
        self._turns.setdefault(call_id, {})[seq] = {**turn, "seq": seq}
        return seq

    async def pending(self, call_id: int) -> list[dict]:
        return [t for _, t in sorted(self._turns.get(call_id, {}).items())]

    async def drop(self, call_id: int, upto_seq: int) -> None:
        turns = self._turns.get(call_id, {})
        for seq in [s for s in turns if s <= upto_seq]:
            del turns[seq]

    async def forget(self, call_id: int) -> None:
        """An ended call's counter and buffer go (its turns are in the database)."""
        self._seq.pop(call_id, None)
        self._turns.pop(call_id, None)


class RedisTurns:
    """A counter and a sorted set per call: appends from any process, idempotent flushes."""

    TTL_S = 24 * 3600

    def __init__(self, redis) -> None:
        self.redis = redis

    async def append(self, call_id: int, base: Base, turn: dict) -> int:
        counter = f"propertyhub:call:{call_id}:seq"
        if not await self.redis.exists(counter):
            await self.redis.set(counter, await base(), nx=True, ex=self.TTL_S)
        seq = int(await self.redis.incr(counter))
        key = f"propertyhub:call:{call_id}:turns"
        await self.redis.zadd(key, {json.dumps({**turn, "seq": seq}): seq})
        await self.redis.expire(key, self.TTL_S)
        return seq

    async def pending(self, call_id: int) -> list[dict]:
        raw = await self.redis.zrange(f"propertyhub:call:{call_id}:turns", 0, -1)
        return [json.loads(item) for item in raw]

    async def drop(self, call_id: int, upto_seq: int) -> None:
        await self.redis.zremrangebyscore(f"propertyhub:call:{call_id}:turns", 0, upto_seq)

    async def forget(self, call_id: int) -> None:
        await self.redis.delete(f"propertyhub:call:{call_id}:seq",
                                f"propertyhub:call:{call_id}:turns")


_current: tuple[Sessions, TurnBuffer] | None = None
FlushRequest = Callable[[int], Awaitable[None]]
_flush: FlushRequest | None = None


async def _unrequested(call_id: int) -> None:
    """No background work here: the call's end writes its turns."""


def install(sessions: Sessions, turns: TurnBuffer, flush: FlushRequest) -> None:
    global _current, _flush
    _current, _flush = (sessions, turns), flush


def flush_requests() -> FlushRequest:
    """How this process asks for a call's buffered turns to be written (a task)."""
    return _flush or _unrequested


def live() -> Sessions:
    """The process's live-call sessions (see `turns`)."""
    return _installed()[0]


def turns() -> TurnBuffer:
    """The process's turn buffer; a worker process builds it from REDIS_URL on first use."""
    return _installed()[1]


def _installed() -> tuple[Sessions, TurnBuffer]:
    global _current
    if _current is None:
        from propertyhub.config import Settings

        settings = Settings.from_env()
        if settings.redis_url:
            from redis.asyncio import Redis

            redis = Redis.from_url(settings.redis_url)
            _current = (Sessions(RedisStore(redis)), RedisTurns(redis))
        else:
            _current = (Sessions(MemoryStore()), MemoryTurns())
    return _current
