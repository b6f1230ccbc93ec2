"""Socket.IO `/calls`: the real-time side of a call, as thin as the REST views.

Each client event is answered through its ack: `{ok: true, ...}`, or `{ok: false, error:
{code, message}}` for an ApiError (or a flood: a small token bucket per connection). The
socket's own bookkeeping (which calls it holds, the call and context cached at
`call_start`, audio wanted) is in its Socket.IO session; the call's life is `lifecycle`'s.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import socketio

from propertyhub.accounts.services import is_signed_in, signed_in
from propertyhub.calls.lifecycle import Calls, turn_text
from propertyhub.calls.models import EndReason
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.params import as_id
from propertyhub.ops.observability import ACTIVE_CALLS, SOCKETS

log = logging.getLogger(__name__)
NAMESPACE = "/calls"
EVENTS_PER_SECOND = 10


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


def _refused() -> socketio.exceptions.ConnectionRefusedError:
    return socketio.exceptions.ConnectionRefusedError(
        {"code": "unauthorized", "message": "a valid access token is required"})


class CallsNamespace(socketio.AsyncNamespace):
    def __init__(self, app_ctx: Any) -> None:
        super().__init__(NAMESPACE)
        # The app's context: settings now; the call lifecycle and the sign-ins' sockets
        # once the app has started (they need its Redis).
        self.app = app_ctx

    @property
    def calls(self) -> Calls:
        return self.app.calls

    async def trigger_event(self, event: str, *args: Any) -> Any:
        """Client events through the rate limit and the one error answer."""
        if event in ("connect", "disconnect") or not hasattr(self, f"on_{event}"):
            return await super().trigger_event(event, *args)
        sid, data = args[0], (args[1] if len(args) > 1 else None)
        if not await self._allowed(sid):
            return _error("rate_limited", "too many events; slow down")
        try:
            return await getattr(self, f"on_{event}")(sid, data)
        except ApiError as exc:
            if exc.code in (Code.CALL_ENDED, Code.SUBSCRIPTION_REQUIRED):
                await self._left(await self.get_session(sid), _maybe_call_id(data))
            return _error(exc.code, exc.message)
        except Exception:
            log.exception("socket event %s failed", event)
            return _error("internal_error", "internal server error")

    async def on_connect(self, sid: str, environ: dict, auth: Any = None) -> None:
        token = auth.get("token") if isinstance(auth, dict) else None
        found = await signed_in(self.app.settings, token) if isinstance(token, str) else None
        if found is None:
            raise _refused()
        user, signin = found
        await self.app.signins.add(str(signin), sid)
        # Registered first, checked again: a sign-in revoked meanwhile cannot slip through.
        if not await is_signed_in(str(signin)):
            await self.app.signins.remove(str(signin), sid)
            raise _refused()
        SOCKETS.inc()
        await self.save_session(sid, {"user_id": user.id, "signin": str(signin),
                                      "calls": set(), "tokens": EVENTS_PER_SECOND,
                                      "at": time.monotonic()})

    async def on_disconnect(self, sid: str, *args: Any) -> None:
        # Not the end yet: the buyer may come back (to any web process) within the grace
        # window and send `call_start` again to resume; the sweeper ends it otherwise.
        SOCKETS.dec()
        state = await self.get_session(sid)
        await self.app.signins.remove(state.get("signin", ""), sid)
        ACTIVE_CALLS.dec(len(state.get("calls", ())))
        for call_id in state.get("calls", ()):
            await self.calls.runtime.sessions.detach(call_id)

    async def on_call_start(self, sid: str, data: Any) -> dict[str, Any]:
        state = await self.get_session(sid)
        call, agent, greeting, context = await self.calls.join(state["user_id"], _call_id(data))
        if call.id not in state["calls"]:
            ACTIVE_CALLS.inc()
        state["calls"].add(call.id)
        state.setdefault("live", {})[call.id] = (call, context)
        state["audio"] = bool(isinstance(data, dict) and data.get("audio"))
        state["voice"] = agent.voice
        await self.enter_room(sid, f"call:{call.id}")
        await self.emit("call_connected", {"call_id": call.id, "agent": {
            "id": agent.id, "name": agent.name, "voice": agent.voice}}, to=sid)
        if greeting is not None:  # a rejoin is not greeted again
            await self._speak(sid, state, call.id, greeting.text, greeting.seq)
        return {"ok": True, "call_id": call.id, "status": call.status}

    async def on_voice_input(self, sid: str, data: Any) -> dict[str, Any]:
        received = time.perf_counter()
        state = await self.get_session(sid)
        text = turn_text(data.get("text") if isinstance(data, dict) else None)
        call_id = _call_id(data)
        call, reply, said = await self.calls.talk_live(state["user_id"], call_id, text,
                                                       state.get("live", {}).get(call_id))
        await self.emit("agent_response", {"call_id": call.id, "text": reply.text,
                                           "intent": reply.intent, "data": reply.data}, to=sid)
        await self._speak(sid, state, call.id, reply.text, said.seq)
        self.calls.runtime.timings.record(time.perf_counter() - received)
        if reply.end_call:
            await self.calls.end(call.id, EndReason.GOODBYE)
            await self._left(state, call.id)
        return {"ok": True, "intent": reply.intent}

    async def on_call_end(self, sid: str, data: Any) -> dict[str, Any]:
        state = await self.get_session(sid)
        call = await self.calls.get_for_buyer(state["user_id"], _call_id(data))
        await self.calls.end(call.id, EndReason.BUYER_HUNG_UP)
        await self._left(state, call.id)
        return {"ok": True, "call_id": call.id}

    async def _allowed(self, sid: str) -> bool:
        """A small token bucket per connection: floods get an error, not a crash."""
        state = await self.get_session(sid)
        now = time.monotonic()
        tokens = min(EVENTS_PER_SECOND, state["tokens"] + (now - state["at"]) * EVENTS_PER_SECOND)
        state["at"] = now
        if tokens < 1:
            state["tokens"] = tokens
            return False
        state["tokens"] = tokens - 1
        return True

    async def _left(self, state: dict, call_id: int | None) -> None:
        """This connection is done with a call (it ended, here or anywhere): bookkeeping."""
        if call_id in state["calls"]:
            ACTIVE_CALLS.dec()
            state["calls"].discard(call_id)
        state.get("live", {}).pop(call_id, None)

    async def _speak(self, sid: str, state: dict, call_id: int, text: str, seq: int) -> None:
        payload: dict[str, Any] = {"call_id": call_id, "text": text, "seq": seq}
        if state.get("audio"):
            audio, skipped = await self.calls.runtime.speech.payload(text, state.get("voice", {}))
            if audio is not None:
                payload["audio"] = audio
            elif skipped == "busy":
                payload["audio_skipped"] = "busy"
        await self.emit("agent_speak", payload, to=sid)
