"""Calls in a web process: the runtime built once the app's Redis is open, the lifecycle on
it (`app.ctx.calls`, for the REST views and the socket namespace), the `/calls` namespace,
the sweeper, and the signals that reach sockets: a call ended, sign-ins revoked."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import socketio
from sanic import Sanic

from propertyhub.accounts.services import signins_revoked
from propertyhub.calls.lifecycle import Calls
from propertyhub.calls.namespace import NAMESPACE, CallsNamespace
from propertyhub.calls.runtime import CallRuntime
from propertyhub.calls.signins import MemorySignins, RedisSignins
from propertyhub.calls.tasks import flush_transcripts


def call_ended_payload(call: Any) -> dict[str, Any]:
    return {"call_id": call.id, "end_reason": call.end_reason,
            "duration_seconds": call.duration_seconds}


def setup_calls(sio: socketio.AsyncServer, app: Sanic) -> None:
    settings = app.ctx.settings
    app.ctx.signins = None
    sio.register_namespace(CallsNamespace(app.ctx))

    async def announce(call: Any) -> None:
        # Reaches the buyer's socket in whichever process holds it (Redis manager).
        await sio.emit("call_ended", call_ended_payload(call), room=f"call:{call.id}",
                       namespace=NAMESPACE)

    async def close_sockets(signins: list[str]) -> None:
        for signin in signins:
            for sid in await app.ctx.signins.pop(signin):
                await sio.disconnect(sid, namespace=NAMESPACE)

    async def request_flush(call_id: int) -> None:
        await app.ctx.jobs.enqueue(flush_transcripts, call_id)

    @app.before_server_start
    async def open_calls(app: Sanic) -> None:
        redis = app.ctx.redis  # open by now (setup_redis's listener ran first)
        app.ctx.calls = Calls(CallRuntime.build(settings, redis, request_flush))
        app.ctx.signins = RedisSignins(redis) if redis is not None else MemorySignins()
        app.ctx.calls.runtime.call_ended.connect(announce)
        signins_revoked.connect(close_sockets)
        app.ctx.call_sweeper = asyncio.create_task(app.ctx.calls.sweep())

    @app.after_server_stop
    async def close_calls(app: Sanic) -> None:
        app.ctx.calls.runtime.timings.write()
        signins_revoked.disconnect(close_sockets)
        app.ctx.call_sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await app.ctx.call_sweeper
