"""A call's transcript: one buffer of turns (memory, or Redis shared by every process) and
one way to the database, in batches.

Turns are appended to the buffer and reach the database every few turns (a task asked for
by `say`), every few seconds (the sweeper) and at the call's end, many calls per statement.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from propertyhub.calls.models import Transcript
from propertyhub.common import sql
from propertyhub.common.models import utcnow

FLUSH_EVERY_TURNS = 4
# Rows per INSERT: five parameters a row stays far below either database's limit.
_ROWS_PER_INSERT = 1000
# How the process asks for a call's buffered turns to be written soon (a task).
FlushRequest = Callable[[int], Awaitable[None]]


@dataclass
class Turn:
    seq: int
    role: str
    text: str
    at: datetime


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


class Transcripts:
    def __init__(self, turns: TurnBuffer, request_flush: FlushRequest) -> None:
        self.turns = turns
        self.request_flush = request_flush

    async def say(self, call_id: int, role: str, text: str) -> Turn:
        """Buffer a turn; the database gets turns in batches (every few turns, and at the
        end)."""
        now = utcnow()

        async def base() -> int:
            return await Transcript.filter(call_id=call_id).count()

        seq = await self.turns.append(call_id, base, {"role": role, "text": text,
                                                      "at": now.isoformat()})
        if seq % FLUSH_EVERY_TURNS == 0:
            await self.request_flush(call_id)  # off the turn's path, many calls at once
        return Turn(seq, role, text, now)

    async def of(self, call_id: int) -> list[Turn]:
        """Every turn, in order: those in the database and those still buffered."""
        stored = {t.seq: Turn(t.seq, t.role, t.text, t.at)
                  for t in await Transcript.filter(call_id=call_id).order_by("seq")}
        for t in await self.turns.pending(call_id):
            stored.setdefault(t["seq"], Turn(t["seq"], t["role"], t["text"],
                                             datetime.fromisoformat(t["at"])))
        return [stored[seq] for seq in sorted(stored)]

    async def flush_calls(self, call_ids: list[int], older_than_s: float | None = None) -> int:
        """Move the buffered turns of these calls (with `older_than_s`: only of those whose
        oldest turn waited that long) to the database in one statement: an INSERT per call
        was a burst of round trips every sweep that stalled live turns."""
        cutoff = None if older_than_s is None else utcnow().timestamp() - older_than_s
        due: dict[int, list[dict]] = {}
        for call_id in call_ids:
            pending = await self.turns.pending(call_id)
            if pending and (cutoff is None or
                            datetime.fromisoformat(pending[0]["at"]).timestamp() <= cutoff):
                due[call_id] = pending
        await _write_turns([(call_id, t) for call_id, pending in due.items() for t in pending])
        for call_id, pending in due.items():
            await self.turns.drop(call_id, max(t["seq"] for t in pending))
        return sum(len(p) for p in due.values())

    async def close(self, call_id: int) -> None:
        """The call ended: write what is buffered and let the buffer forget the call."""
        await self.flush_calls([call_id])
        await self.turns.forget(call_id)


async def _write_turns(rows: list[tuple[int, dict]]) -> None:
    """(call_id, turn) rows as multi-row INSERTs: the ORM's bulk_create cost a quarter of a
    busy server's CPU. Idempotent: (call, seq) is unique."""
    for start in range(0, len(rows), _ROWS_PER_INSERT):
        chunk, values = rows[start:start + _ROWS_PER_INSERT], []
        for call_id, t in chunk:
            values += [call_id, t["seq"], t["role"], t["text"], datetime.fromisoformat(t["at"])]
        tuples = ", ".join(f"(${i + 1}, ${i + 2}, ${i + 3}, ${i + 4}, ${i + 5})"
                           for i in range(0, len(values), 5))
        await sql.execute(sql.connection(), "INSERT INTO transcripts (call_id, seq, role, text, "
                          f"at) VALUES {tuples} ON CONFLICT (call_id, seq) DO NOTHING", values)
