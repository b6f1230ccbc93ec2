"""A call's transcript: turns buffered (memory or Redis) and written in batches.

Turns are appended to the process's turn buffer and reach the database every few turns,
every few seconds (the sweeper) and at the call's end, many calls per statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from propertyhub.calls.models import Transcript
from propertyhub.calls.sessions import flush_requests, turns
from propertyhub.common import sql
from propertyhub.common.models import utcnow

FLUSH_EVERY_TURNS = 4
# Rows per INSERT: five parameters a row stays far below either database's limit.
_ROWS_PER_INSERT = 1000


@dataclass
class Turn:
    seq: int
    role: str
    text: str
    at: datetime


async def transcript(call_id: int) -> list[Turn]:
    """Every turn, in order: those in the database and those still buffered."""
    stored = {t.seq: Turn(t.seq, t.role, t.text, t.at)
              for t in await Transcript.filter(call_id=call_id).order_by("seq")}
    for t in await turns().pending(call_id):
        stored.setdefault(t["seq"], Turn(t["seq"], t["role"], t["text"],
                                         datetime.fromisoformat(t["at"])))
    return [stored[seq] for seq in sorted(stored)]


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


async def flush(call_id: int) -> int:
    """Move a call's buffered turns to the database."""
    return await flush_calls([call_id])


async def flush_calls(call_ids: list[int], older_than_s: float | None = None) -> int:
    """Move the buffered turns of these calls (with `older_than_s`: only of those whose
    oldest turn waited that long) to the database in one statement: an INSERT per call
    was a burst of round trips every sweep that stalled live turns."""
    cutoff = None if older_than_s is None else utcnow().timestamp() - older_than_s
    due: dict[int, list[dict]] = {}
    for call_id in call_ids:
        pending = await turns().pending(call_id)
        if pending and (cutoff is None or
                        datetime.fromisoformat(pending[0]["at"]).timestamp() <= cutoff):
            due[call_id] = pending
    await _write_turns([(call_id, t) for call_id, pending in due.items() for t in pending])
    for call_id, pending in due.items():
        await turns().drop(call_id, max(t["seq"] for t in pending))
    return sum(len(p) for p in due.values())


async def close(call_id: int) -> None:
    """The call ended: write what is buffered and let the buffer forget the call."""
    await flush(call_id)
    await turns().forget(call_id)


async def say(call_id: int, role: str, text: str) -> Turn:
    """Buffer a turn; the database gets turns in batches (every few turns, and at the end)."""
    now = utcnow()

    async def base() -> int:
        return await Transcript.filter(call_id=call_id).count()

    seq = await turns().append(call_id, base, {"role": role, "text": text,
                                               "at": now.isoformat()})
    if seq % FLUSH_EVERY_TURNS == 0:
        await flush_requests()(call_id)  # off the turn's path: a task (many calls at once)
    return Turn(seq, role, text, now)
