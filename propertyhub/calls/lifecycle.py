"""A call's life: start (billing-gated), join or resume, talk, end, and the sweeper that ends
the calls nobody ends; the same operations behind REST and Socket.IO.

There is one way a call ends (`end`), whoever ends it — the buyer by REST or socket, the
agent on a goodbye, the sweeper on a timer, a lapsed subscription: a compare-and-set on
the live statuses, the transcript written and forgotten by the buffer, the live state
dropped, and `call_ended` sent once, after the change.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import replace
from datetime import datetime
from typing import Any

from tortoise.expressions import Q

from propertyhub.accounts.models import User
from propertyhub.agents.models import AiAgent
from propertyhub.billing.models import SubKind, Subscription, SubStatus
from propertyhub.calls.agent.dialogue import Dialogue
from propertyhub.calls.agent.summary import summarize
from propertyhub.calls.agent.types import CallContext, Reply
from propertyhub.calls.models import (
    MAX_TURN_CHARS,
    ON_THE_LINE,
    CallLog,
    CallStatus,
    EndReason,
    Speaker,
)
from propertyhub.calls.runtime import CallRuntime
from propertyhub.calls.tools import CallTools, people, vocabulary
from propertyhub.calls.transcript import Turn
from propertyhub.common.activity import CallEnded, CallJoined, activity
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.models import utcnow
from propertyhub.common.schemas import TEXT_RULE, is_text
from propertyhub.crm.models import Lead
from propertyhub.listings.models import ListingStatus, Property
from propertyhub.listings.schemas import PropertyPublic
from propertyhub.listings.timezones import zone

log = logging.getLogger(__name__)
FLUSH_EVERY_S = 2.0  # buffered turns older than this are written by the sweeper
STALE_EVERY_S = 2.0  # calls never joined, or whose web process died
_listing = PropertyPublic()


def _no_subscription() -> ApiError:
    return ApiError(402, Code.SUBSCRIPTION_REQUIRED,
                    "the seller has no active AI agent to take this call")


def _ended() -> ApiError:
    return ApiError(409, Code.CALL_ENDED, "this call has ended")


def turn_text(text: Any) -> str:
    """What a buyer says in one turn, checked: text, at most MAX_TURN_CHARS characters."""
    if not isinstance(text, str):
        raise ApiError(422, Code.VALIDATION_FAILED, "text is required")
    if not is_text(text):
        raise ApiError(422, Code.VALIDATION_FAILED, f"text {TEXT_RULE}")
    if len(text) > MAX_TURN_CHARS:
        raise ApiError(413, Code.TOO_LARGE, f"at most {MAX_TURN_CHARS} characters")
    return text


def local_now(ctx: CallContext) -> datetime:
    """The call's clock, in the listing's time zone (viewing times are local)."""
    return utcnow().astimezone(zone(ctx.listing.get("time_zone") or ""))


class Calls:
    def __init__(self, runtime: CallRuntime) -> None:
        self.runtime = runtime

    async def start(self, buyer_id: int, property_id: int, ai_agent_id: int | None) -> CallLog:
        listing = await Property.get_or_none(id=property_id)
        if listing is None or listing.status == ListingStatus.WITHDRAWN:
            raise ApiError.not_found("listing")
        subs = Subscription.filter(user_id=listing.owner_id, kind=SubKind.AI,
                                   status=SubStatus.ACTIVE)
        if ai_agent_id is not None:
            subs = subs.filter(ai_agent_id=ai_agent_id)
        sub = await subs.order_by("id").first()
        if sub is None:
            raise _no_subscription()
        # Counted as a call once the buyer joins it (see `connect`).
        return await CallLog.create(buyer_id=buyer_id, seller_id=listing.owner_id,
                                    ai_agent_id=sub.ai_agent_id, property_id=listing.id,
                                    status=CallStatus.CONNECTING)

    async def get_for(self, user_id: int, call_id: int) -> CallLog:
        call = await CallLog.get_or_none(id=call_id)
        if call is None or user_id not in (call.buyer_id, call.seller_id):
            raise ApiError.not_found("call")
        return call

    async def get_for_buyer(self, buyer_id: int, call_id: int) -> CallLog:
        call = await CallLog.get_or_none(id=call_id, buyer_id=buyer_id)
        if call is None:
            raise ApiError.not_found("call")
        return call

    async def live_calls(self, user_id: int) -> list[CallLog]:
        return await CallLog.filter(Q(buyer_id=user_id) | Q(seller_id=user_id),
                                    status__in=ON_THE_LINE).order_by("-id").limit(100)

    async def transcript(self, call_id: int) -> list[Turn]:
        return await self.runtime.transcripts.of(call_id)

    async def connect(self, buyer_id: int, call_id: int
                      ) -> tuple[CallLog, AiAgent, Turn | None]:
        """Join (or resume) a call; the greeting is said on the first join only."""
        call = await self.get_for_buyer(buyer_id, call_id)
        if call.status not in ON_THE_LINE:
            raise _ended()
        if not await self.runtime.billing.paid(call, fresh=True):
            await self.end(call.id, EndReason.SUBSCRIPTION_ENDED,
                           status=CallStatus.FAILED if call.status == CallStatus.CONNECTING
                           else CallStatus.ENDED)
            raise _no_subscription()
        agent = await AiAgent.get(id=call.ai_agent_id)
        greeting = None
        if await CallLog.filter(id=call.id, status=CallStatus.CONNECTING).update(
                status=CallStatus.ACTIVE):
            call.status = CallStatus.ACTIVE
            await activity.report(CallJoined(call.property_id, call.started_at))
            greeting = await self.runtime.transcripts.say(call.id, Speaker.AGENT, agent.greeting)
        elif (call := await CallLog.get(id=call.id)).status not in ON_THE_LINE:
            raise _ended()  # ended while we looked
        return call, agent, greeting

    async def join(self, buyer_id: int, call_id: int
                   ) -> tuple[CallLog, AiAgent, Turn | None, CallContext]:
        """Join (or resume) a call over a live connection: its timers start (or go on)."""
        call, agent, greeting = await self.connect(buyer_id, call_id)
        await self.runtime.sessions.attach(call.id, agent.max_call_seconds,
                                           agent.silence_timeout_seconds)
        return call, agent, greeting, await self.context_for(call)

    async def context_for(self, call: CallLog) -> CallContext:
        listing = await Property.get(id=call.property_id)
        agent = await AiAgent.get(id=call.ai_agent_id)
        seller = await User.get(id=call.seller_id)
        return CallContext(_listing.dump(listing), agent.name, agent.persona, seller.name,
                           people=await people(call.seller_id), vocab=await vocabulary())

    async def talk(self, buyer_id: int, call_id: int, text: str, *,
                   cached: tuple[CallLog, CallContext] | None = None,
                   now: datetime | None = None) -> tuple[CallLog, Reply, Turn]:
        """One buyer turn. `cached`: the call and its context as the socket layer kept them
        at `call_start`, saving four reads a turn; `now`: the listing's local time (a test
        clock). The caller ends the call when the reply says so (after speaking it)."""
        text = turn_text(text).strip()
        if not text:
            raise ApiError.validation({"text": ["say something"]})
        rt = self.runtime
        if cached is not None and await rt.sessions.is_live(call_id):
            call, ctx = cached
        else:  # not (or no longer) live here: the database decides
            call = await self.get_for_buyer(buyer_id, call_id)
            if call.status not in ON_THE_LINE:
                raise _ended()
            if call.status == CallStatus.CONNECTING:
                call, _, _ = await self.connect(buyer_id, call_id)
            ctx = await self.context_for(call)
        if not await rt.billing.paid(call):
            await self.end(call.id, EndReason.SUBSCRIPTION_ENDED)
            raise _no_subscription()
        heard = await rt.transcripts.say(call.id, Speaker.BUYER, text)
        dialogue = Dialogue.from_dict(await rt.sessions.store.dialogue(call.id))
        ctx = replace(ctx, now=now or local_now(ctx))
        reply = await rt.brain.reply(ctx, text, CallTools(call), dialogue, heard.seq)
        await rt.sessions.store.save_dialogue(call.id, dialogue.as_dict())
        said = await rt.transcripts.say(call.id, Speaker.AGENT, reply.text)
        return call, reply, said

    async def talk_live(self, buyer_id: int, call_id: int, text: str,
                        cached: tuple[CallLog, CallContext] | None
                        ) -> tuple[CallLog, Reply, Turn]:
        """A turn over a live connection: as `talk`, and the silence clock starts again."""
        call, reply, said = await self.talk(buyer_id, call_id, text, cached=cached)
        await self.runtime.sessions.heard(call.id)
        return call, reply, said

    async def end(self, call_id: int, reason: str, status: str = CallStatus.ENDED) -> CallLog:
        """End a live call (no-op on an ended one) and return it as it is now."""
        rt = self.runtime
        now = utcnow()
        ended = await CallLog.filter(id=call_id, status__in=ON_THE_LINE).update(
            status=status, ended_at=now, end_reason=reason)
        call = await CallLog.get_or_none(id=call_id)
        if call is None:  # deleted with its buyer or listing: only the live state is left
            await rt.sessions.forget(call_id)
            raise ApiError.not_found("call")
        if ended:
            call.duration_seconds = max(0, int((now - call.started_at).total_seconds()))
            await call.save(update_fields=["duration_seconds"])
            if status != CallStatus.FAILED:  # a call never joined was never counted
                await activity.report(CallEnded(call.property_id, call.started_at,
                                                call.duration_seconds))
            await self._summarize(call)
        await rt.transcripts.close(call_id)
        await rt.sessions.forget(call_id)
        rt.billing.forget(call_id)
        if ended:
            await rt.call_ended.send(call)
        return call

    async def _summarize(self, call: CallLog) -> None:
        """The call's summary, on the call log and on its lead (if it has one)."""
        data = await self.runtime.sessions.store.dialogue(call.id)
        if not data:
            return
        call.summary = summarize(Dialogue.from_dict(data))
        await CallLog.filter(id=call.id).update(summary=call.summary)
        await Lead.filter(call_id=call.id).update(summary=call.summary)

    async def end_stale(self, join_timeout_s: float, orphan_after_s: float,
                        attached: set[int], seen: dict[int, float]) -> list[CallLog]:
        """Calls no live session will ever end: never joined within `join_timeout_s`
        (failed), or live in the database but attached nowhere — their process died — for
        longer than `orphan_after_s` (the reconnect window) since this process first saw
        them so (dropped). `seen` is the caller's memory of when that was."""
        now = utcnow()
        ended: list[CallLog] = []
        clock = time.monotonic()
        rows = await CallLog.filter(status__in=ON_THE_LINE).values_list("id", "status",
                                                                        "started_at")
        for call_id, status, started_at in rows:
            if status == CallStatus.CONNECTING:
                if (now - started_at).total_seconds() >= join_timeout_s:
                    ended.append(await self.end(call_id, EndReason.NOT_JOINED,
                                                status=CallStatus.FAILED))
            elif call_id in attached:
                seen.pop(call_id, None)
            elif clock - seen.setdefault(call_id, clock) >= orphan_after_s:
                seen.pop(call_id, None)
                ended.append(await self.end(call_id, EndReason.DISCONNECTED,
                                            status=CallStatus.DROPPED))
        live_ids = {row[0] for row in rows}
        for call_id in [c for c in seen if c not in live_ids]:
            seen.pop(call_id)
        return ended

    async def sweep(self, every: float = 1.0) -> None:
        """End calls whose buyer left (past the grace window), went silent, or ran too long;
        every few seconds also write waiting turns, and end calls never joined and calls
        whose process died."""
        sessions = self.runtime.sessions
        last_flush = last_stale = time.monotonic()
        orphans: dict[int, float] = {}
        while True:
            try:
                now = time.monotonic()
                if now - last_flush >= FLUSH_EVERY_S:  # batching's "every few seconds"
                    last_flush = now
                    await self.runtime.transcripts.flush_calls(
                        [live.call_id for live in await sessions.store.all()], FLUSH_EVERY_S)
                for call_id, reason in await sessions.overdue():
                    status = (CallStatus.DROPPED if reason == EndReason.DISCONNECTED
                              else CallStatus.ENDED)
                    await self.end(call_id, reason, status=status)
                if now - last_stale >= STALE_EVERY_S:
                    last_stale = now
                    attached = {live.call_id for live in await sessions.store.all()}
                    await self.end_stale(self.runtime.settings.call_join_timeout_seconds,
                                         sessions.grace, attached, orphans)
            except Exception:  # the sweep must go on
                log.exception("call sweep failed")
            await asyncio.sleep(every)
