"""Socket.IO `/calls`: the real-time side of a call, on the same services as REST."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

import socketio
from sanic import Sanic

from propertyhub.accounts.services import is_signed_in, signed_in, signins_revoked
from propertyhub.calls import services, transcript
from propertyhub.calls.models import MAX_TURN_CHARS, CallStatus, EndReason
from propertyhub.calls.sessions import (
    MemoryStore,
    MemoryTurns,
    RedisStore,
    RedisTurns,
    Sessions,
    install,
)
from propertyhub.calls.signins import MemorySignins, RedisSignins
from propertyhub.calls.speech import SpeechPool
from propertyhub.calls.tasks import flush_transcripts
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.params import as_id
from propertyhub.common.schemas import TEXT_RULE, is_text
from propertyhub.config import Settings
from propertyhub.ops.observability import ACTIVE_CALLS, SOCKETS

log = logging.getLogger(__name__)
NAMESPACE = "/calls"
EVENTS_PER_SECOND = 10
FLUSH_EVERY_S = 2.0
STALE_EVERY_S = 2.0  # calls never joined, or whose web process died


def _error(code: str, message: str) -> dict[str, Any]:
    return {"ok": False, "error": {"code": code, "message": message}}


def _call_id(data: Any) -> int:
    call_id = as_id(data.get("call_id") if isinstance(data, dict) else None)
    if call_id is None:
        raise ApiError(422, Code.VALIDATION_FAILED, "call_id must be a call's id")
    return call_id


def _maybe_call_id(data: Any) -> int | None:
    try:
        return _call_id(data)
    except ApiError:
        return None


class TurnTimings:
    """Server-side voice_input -> agent_speak times, written out at exit for benchmarks
    (CALLS_TIMING_FILE); nothing is kept when the variable is unset."""

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


def call_ended_payload(call: Any) -> dict[str, Any]:
    return {"call_id": call.id, "end_reason": call.end_reason,
            "duration_seconds": call.duration_seconds}


async def sweep(sessions: Sessions, settings: Settings, every: float = 1.0) -> None:
    """End calls whose buyer left (past the grace window), went silent, or ran too long;
    every few seconds also calls never joined, and calls whose process died."""
    last_flush = last_stale = time.monotonic()
    orphans: dict[int, float] = {}
    while True:
        try:
            now = time.monotonic()
            if now - last_flush >= FLUSH_EVERY_S:  # batching's "every few seconds"
                last_flush = now
                await transcript.flush_calls([live.call_id for live in await sessions.store.all()],
                                             FLUSH_EVERY_S)
            for call_id, reason in await sessions.overdue():
                status = (CallStatus.DROPPED if reason == EndReason.DISCONNECTED
                          else CallStatus.ENDED)
                await services.end(call_id, reason, status=status)
            if now - last_stale >= STALE_EVERY_S:
                last_stale = now
                attached = {live.call_id for live in await sessions.store.all()}
                await services.end_stale(settings.call_join_timeout_seconds, sessions.grace,
                                         attached, orphans)
        except Exception:  # the sweep must go on
            log.exception("call sweep failed")
        await asyncio.sleep(every)


def setup_calls(sio: socketio.AsyncServer, app: Sanic) -> None:
    settings: Settings = app.ctx.settings
    timings = TurnTimings(settings.calls_timing_file)
    services.billing.ttl = settings.call_billing_check_seconds
    tts = SpeechPool(settings.tts_concurrency, settings.tts_queue)
    app.ctx.signins = None
    register(sio, settings, lambda: app.ctx.call_sessions, lambda: app.ctx.signins, tts,
             timings)

    async def announce(call: Any) -> None:
        # Reaches the buyer's socket in whichever process holds it (Redis manager).
        await sio.emit("call_ended", call_ended_payload(call), room=f"call:{call.id}",
                       namespace=NAMESPACE)

    async def close_sockets(signins: list[str]) -> None:
        for signin in signins:
            for sid in await app.ctx.signins.pop(signin):
                await sio.disconnect(sid, namespace=NAMESPACE)

    @app.before_server_start
    async def open_sessions(app: Sanic) -> None:
        redis = getattr(app.ctx, "redis", None)
        store = RedisStore(redis) if redis is not None else MemoryStore()
        app.ctx.call_sessions = Sessions(store, settings.call_reconnect_grace_seconds)
        app.ctx.signins = RedisSignins(redis) if redis is not None else MemorySignins()
        install(app.ctx.call_sessions, RedisTurns(redis) if redis is not None else MemoryTurns(),
                lambda call_id: app.ctx.jobs.enqueue(flush_transcripts, call_id))
        services.call_ended.connect(announce)
        signins_revoked.connect(close_sockets)
        app.ctx.call_sweeper = asyncio.create_task(sweep(app.ctx.call_sessions, settings))

    @app.after_server_stop
    async def close_sessions(app: Sanic) -> None:
        timings.write()
        services.call_ended.disconnect(announce)
        signins_revoked.disconnect(close_sockets)
        app.ctx.call_sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await app.ctx.call_sweeper


def register(sio: socketio.AsyncServer, settings: Settings, sessions: Callable[[], Sessions],
             signins: Callable[[], Any], tts: SpeechPool, timings: TurnTimings) -> None:
    async def session(sid: str) -> dict[str, Any]:
        return await sio.get_session(sid, namespace=NAMESPACE)

    async def allowed(sid: str) -> bool:
        """A small token bucket per connection: floods get an error, not a crash."""
        state = await session(sid)
        now = time.monotonic()
        tokens = min(EVENTS_PER_SECOND, state["tokens"] + (now - state["at"]) * EVENTS_PER_SECOND)
        state["at"] = now
        if tokens < 1:
            state["tokens"] = tokens
            return False
        state["tokens"] = tokens - 1
        return True

    def handler(fn):
        async def wrapped(sid: str, data: Any = None) -> dict[str, Any]:
            if not await allowed(sid):
                return _error("rate_limited", "too many events; slow down")
            try:
                return await fn(sid, data)
            except ApiError as exc:
                if exc.code in (Code.CALL_ENDED, Code.SUBSCRIPTION_REQUIRED):
                    await left(await session(sid), _maybe_call_id(data))
                return _error(exc.code, exc.message)
            except Exception:
                log.exception("socket event %s failed", fn.__name__)
                return _error("internal_error", "internal server error")

        wrapped.__name__ = fn.__name__
        sio.on(fn.__name__, namespace=NAMESPACE)(wrapped)
        return wrapped

    async def left(state: dict, call_id: int | None) -> None:
        """This connection is done with a call (it ended, here or anywhere): bookkeeping."""
        if call_id in state["calls"]:
            ACTIVE_CALLS.dec()
            state["calls"].discard(call_id)
        state.get("live", {}).pop(call_id, None)

    async def speak(sid: str, state: dict, call_id: int, text: str, seq: int) -> None:
        payload: dict[str, Any] = {"call_id": call_id, "text": text, "seq": seq}
        if state.get("audio"):
            audio, skipped = await tts.payload(text, state.get("voice", {}))
            if audio is not None:
                payload["audio"] = audio
            elif skipped == "busy":
                payload["audio_skipped"] = "busy"
        await sio.emit("agent_speak", payload, to=sid, namespace=NAMESPACE)

    @sio.on("connect", namespace=NAMESPACE)
    async def connect(sid: str, environ: dict, auth: Any = None) -> None:
        token = auth.get("token") if isinstance(auth, dict) else None
        found = await signed_in(settings, token) if isinstance(token, str) else None
        refused = socketio.exceptions.ConnectionRefusedError(
            {"code": "unauthorized", "message": "a valid access token is required"})
        if found is None:
            raise refused
        user, signin = found
        await signins().add(str(signin), sid)
        # Registered first, checked again: a sign-in revoked meanwhile cannot slip through.
        if not await is_signed_in(str(signin)):
            await signins().remove(str(signin), sid)
            raise refused
        SOCKETS.inc()
        await sio.save_session(sid, {"user_id": user.id, "signin": str(signin), "calls": set(),
                                     "tokens": EVENTS_PER_SECOND, "at": time.monotonic()},
                               namespace=NAMESPACE)

    @sio.on("disconnect", namespace=NAMESPACE)
    async def disconnect(sid: str, *args: Any) -> None:
        # Not the end yet: the buyer may come back (to any web process) within the grace
        # window and send `call_start` again to resume; the sweeper ends it otherwise.
        SOCKETS.dec()
        state = await session(sid)
        await signins().remove(state.get("signin", ""), sid)
        ACTIVE_CALLS.dec(len(state.get("calls", ())))
        for call_id in state.get("calls", ()):
            await sessions().detach(call_id)

    @handler
    async def call_start(sid: str, data: Any) -> dict[str, Any]:
        state = await session(sid)
        call, agent, greeting = await services.connect(state["user_id"], _call_id(data))
        await sessions().attach(call.id, agent.max_call_seconds, agent.silence_timeout_seconds)
        if call.id not in state["calls"]:
            ACTIVE_CALLS.inc()
        state["calls"].add(call.id)
        state.setdefault("live", {})[call.id] = (call, await services.context_for(call))
        state["audio"] = bool(isinstance(data, dict) and data.get("audio"))
        state["voice"] = agent.voice
        await sio.enter_room(sid, f"call:{call.id}", namespace=NAMESPACE)
        await sio.emit("call_connected", {"call_id": call.id, "agent": {
            "id": agent.id, "name": agent.name, "voice": agent.voice}}, to=sid,
            namespace=NAMESPACE)
        if greeting is not None:  # a rejoin is not greeted again
            await speak(sid, state, call.id, greeting.text, greeting.seq)
        return {"ok": True, "call_id": call.id, "status": call.status}

    @handler
    async def voice_input(sid: str, data: Any) -> dict[str, Any]:
        received = time.perf_counter()
        state = await session(sid)
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str):
            raise ApiError(422, Code.VALIDATION_FAILED, "text is required")
        if not is_text(text):
            raise ApiError(422, Code.VALIDATION_FAILED, f"text {TEXT_RULE}")
        if len(text) > MAX_TURN_CHARS:
            raise ApiError(413, Code.TOO_LARGE, f"at most {MAX_TURN_CHARS} characters")
        call_id = _call_id(data)
        call, reply, said = await services.talk(state["user_id"], call_id, text,
                                                cached=state.get("live", {}).get(call_id))
        await sessions().heard(call.id)
        await sio.emit("agent_response", {"call_id": call.id, "text": reply.text,
                                          "intent": reply.intent, "data": reply.data},
                       to=sid, namespace=NAMESPACE)
        await speak(sid, state, call.id, reply.text, said.seq)
        timings.record(time.perf_counter() - received)
        if reply.end_call:
            await services.end(call.id, EndReason.GOODBYE)
            await left(state, call.id)
        return {"ok": True, "intent": reply.intent}

    @handler
    async def call_end(sid: str, data: Any) -> dict[str, Any]:
        state = await session(sid)
        call = await services.get_for_buyer(state["user_id"], _call_id(data))
        await services.end(call.id, EndReason.BUYER_HUNG_UP)
        await left(state, call.id)
        return {"ok": True, "call_id": call.id}
