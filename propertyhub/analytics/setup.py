"""Analytics in a web process: the view counter's viewers and flusher, and the receivers
that count what the features report (common.activity)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from sanic import Sanic

from propertyhub.analytics import events
from propertyhub.analytics.viewers import MemoryViewers, RedisViewers, count_view
from propertyhub.common.activity import (
    CallEnded,
    CallJoined,
    CartAdded,
    LeadOpened,
    ListingViewed,
    activity,
)


def receivers(app: Sanic) -> dict[type, Any]:
    async def viewed(e: ListingViewed) -> None:
        await count_view(app.ctx.viewers, e.listing_id, e.user_id, e.address, e.user_agent)

    async def added(e: CartAdded) -> None:
        await events.record_cart_add(e.buyer_id, e.listing_id)

    async def lead(e: LeadOpened) -> None:
        await events.record_lead(e.listing_id, e.created_at, e.from_call)

    async def joined(e: CallJoined) -> None:
        await events.record_call(e.listing_id, e.started_at)

    async def ended(e: CallEnded) -> None:
        await events.record_call_seconds(e.listing_id, e.started_at, e.seconds)

    return {ListingViewed: viewed, CartAdded: added, LeadOpened: lead, CallJoined: joined,
            CallEnded: ended}


def setup_analytics(app: Sanic) -> None:
    subscribed = receivers(app)

    @app.before_server_start
    async def start(app: Sanic) -> None:
        # After setup_redis's listener: app.ctx.redis is open by now.
        app.ctx.viewers = (RedisViewers(app.ctx.redis) if app.ctx.redis is not None
                           else MemoryViewers())
        app.ctx.view_flusher = asyncio.create_task(events.run_flusher())
        for kind, receiver in subscribed.items():
            activity.subscribe(kind, receiver)

    @app.before_server_stop
    async def stop(app: Sanic) -> None:
        for kind, receiver in subscribed.items():
            activity.unsubscribe(kind, receiver)
        app.ctx.view_flusher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await app.ctx.view_flusher
