"""Everything a process keeps for its live calls, in one object built once (`setup_calls`,
or a worker's first calls task): the live-call sessions, the transcripts' turn buffer, the
billing gate, the speech pool, the agent, the turn timings and the `call_ended` signal.

With Redis the sessions and turns live there, shared by every web process (a call
survives its process dying); without it, in this process's memory.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from propertyhub.billing.models import SubKind, Subscription, SubStatus
from propertyhub.calls.agent.brain import AgentBrain
from propertyhub.calls.models import CallLog
from propertyhub.calls.sessions import MemoryStore, RedisStore, Sessions
from propertyhub.calls.speech import SpeechPool
from propertyhub.calls.transcript import FlushRequest, MemoryTurns, RedisTurns, Transcripts
from propertyhub.common.signals import Signal
from propertyhub.config import Settings


class BillingGate:
    """Is the call's agent still paid for? Checked at join, and on turns at most every
    `ttl` seconds per call (a call of 200 turns costs a handful of reads)."""

    def __init__(self, ttl: float = 30.0) -> None:
        self.ttl = ttl
        self._until: dict[int, float] = {}

    async def paid(self, call: CallLog, fresh: bool = False) -> bool:
        if not fresh and self._until.get(call.id, 0.0) > time.monotonic():
            return True
        ok = await Subscription.filter(user_id=call.seller_id, ai_agent_id=call.ai_agent_id,
                                       kind=SubKind.AI, status=SubStatus.ACTIVE).exists()
        if ok:
            self._until[call.id] = time.monotonic() + self.ttl
        else:
            self._until.pop(call.id, None)
        return ok

    def forget(self, call_id: int) -> None:
        self._until.pop(call_id, None)


class TurnTimings:
    """Server-side voice_input -> agent_speak times, written out at exit for benchmarks
    (CALLS_TIMING_FILE); nothing is kept when it is unset."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.samples: list[float] = []

    def record(self, seconds: float) -> None:
        if self.path:
            self.samples.append(seconds)

    def write(self) -> None:
        if not self.path:
            return
        with open(self.path, "w") as out:
            out.write("\n".join(f"{s * 1000:.3f}" for s in self.samples))


async def _written_at_the_end(call_id: int) -> None:
    """No background work: the sweeper and the call's end write the turns."""


@dataclass
class CallRuntime:
    settings: Settings
    sessions: Sessions
    transcripts: Transcripts
    billing: BillingGate
    speech: SpeechPool
    timings: TurnTimings
    brain: AgentBrain = field(default_factory=AgentBrain)
    # Sent with the ended CallLog, once per call, after the end is committed.
    call_ended: Signal = field(default_factory=lambda: Signal("call_ended"))

    @classmethod
    def build(cls, settings: Settings, redis: Any | None,
              request_flush: FlushRequest = _written_at_the_end) -> CallRuntime:
        """`redis`: an open asyncio client (shared state), or None (this process only)."""
        store = RedisStore(redis) if redis is not None else MemoryStore()
        turns = RedisTurns(redis) if redis is not None else MemoryTurns()
        return cls(settings=settings,
                   sessions=Sessions(store, settings.call_reconnect_grace_seconds),
                   transcripts=Transcripts(turns, request_flush),
                   billing=BillingGate(settings.call_billing_check_seconds),
                   speech=SpeechPool(settings.tts_concurrency, settings.tts_queue),
                   timings=TurnTimings(settings.calls_timing_file))
