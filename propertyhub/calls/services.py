"""Calls: start (billing-gated), join, talk, end; the same services behind REST and Socket.IO.

There is one way a call ends (`end`), whoever ends it — the buyer by REST or socket,
the agent on a goodbye, the sweeper on a timer, a lapsed subscription: a compare-and-set
on the live statuses, the transcript written and forgotten by the buffer, the live state
dropped, and `call_ended` sent once, after the change.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime

from tortoise.expressions import Q

from propertyhub.accounts.models import User
from propertyhub.agents.models import AiAgent
from propertyhub.billing.models import SubKind, Subscription, SubStatus
from propertyhub.calls import transcript
from propertyhub.calls.agent.brain import AgentBrain
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
from propertyhub.calls.sessions import live
from propertyhub.calls.tools import CallTools, people, vocabulary
from propertyhub.calls.transcript import Turn, say
from propertyhub.common.activity import CallEnded, CallJoined, activity
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.models import utcnow
from propertyhub.common.signals import Signal
from propertyhub.crm.models import Lead
from propertyhub.listings.models import ListingStatus, Property
from propertyhub.listings.schemas import PropertyPublic
from propertyhub.listings.timezones import zone

_listing = PropertyPublic()
brain = AgentBrain()
# Sent with the ended CallLog, once per call, after the end is committed.
call_ended = Signal("call_ended")


def _no_subscription() -> ApiError:
    return ApiError(402, Code.SUBSCRIPTION_REQUIRED,
                    "the seller has no active AI agent to take this call")


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


billing = BillingGate()


async def start(buyer_id: int, property_id: int, ai_agent_id: int | None) -> CallLog:
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


async def get_for(user_id: int, call_id: int) -> CallLog:
    call = await CallLog.get_or_none(id=call_id)
    if call is None or user_id not in (call.buyer_id, call.seller_id):
        raise ApiError.not_found("call")
    return call


async def get_for_buyer(buyer_id: int, call_id: int) -> CallLog:
    call = await CallLog.get_or_none(id=call_id, buyer_id=buyer_id)
    if call is None:
        raise ApiError.not_found("call")
    return call


async def live_calls(user_id: int) -> list[CallLog]:
    return await CallLog.filter(Q(buyer_id=user_id) | Q(seller_id=user_id),
                                status__in=ON_THE_LINE).order_by("-id").limit(100)


def _ended() -> ApiError:
    return ApiError(409, Code.CALL_ENDED, "this call has ended")


async def connect(buyer_id: int, call_id: int) -> tuple[CallLog, AiAgent, Turn | None]:
    """Join (or rejoin) a call; the greeting is said on the first join only (None after)."""
    call = await get_for_buyer(buyer_id, call_id)
    if call.status not in ON_THE_LINE:
        raise _ended()
    if not await billing.paid(call, fresh=True):
        await end(call.id, EndReason.SUBSCRIPTION_ENDED,
                  status=CallStatus.FAILED if call.status == CallStatus.CONNECTING
                  else CallStatus.ENDED)
        raise _no_subscription()
    agent = await AiAgent.get(id=call.ai_agent_id)
    greeting = None
    if await CallLog.filter(id=call.id, status=CallStatus.CONNECTING).update(
            status=CallStatus.ACTIVE):
        call.status = CallStatus.ACTIVE
        await activity.report(CallJoined(call.property_id, call.started_at))
        greeting = await say(call.id, Speaker.AGENT, agent.greeting)
    elif (call := await CallLog.get(id=call.id)).status not in ON_THE_LINE:
        raise _ended()  # ended while we looked
    return call, agent, greeting


async def context_for(call: CallLog) -> CallContext:
    listing = await Property.get(id=call.property_id)
    agent = await AiAgent.get(id=call.ai_agent_id)
    seller = await User.get(id=call.seller_id)
    return CallContext(_listing.dump(listing), agent.name, agent.persona, seller.name,
                       people=await people(call.seller_id), vocab=await vocabulary())


def local_now(ctx: CallContext) -> datetime:
    """The call's clock, in the listing's time zone (viewing times are local)."""
    return utcnow().astimezone(zone(ctx.listing.get("time_zone") or ""))


async def talk(buyer_id: int, call_id: int, text: str, *,
               cached: tuple[CallLog, CallContext] | None = None,
               now: datetime | None = None) -> tuple[CallLog, Reply, Turn]:
    """One buyer turn. `cached`: the call and its context as the socket layer kept them at
    `call_start`, saving four reads a turn; `now`: the listing's local time (a test clock).
    The caller ends the call when the reply says so (after it has spoken the reply)."""
    text = text.strip()
    if not text:
        raise ApiError.validation({"text": ["say something"]})
    if len(text) > MAX_TURN_CHARS:
        raise ApiError(413, Code.TOO_LARGE, f"at most {MAX_TURN_CHARS} characters a turn")
    if cached is not None and await live().is_live(call_id):
        call, ctx = cached
    else:  # not (or no longer) live here: the database decides
        call = await get_for_buyer(buyer_id, call_id)
        if call.status not in ON_THE_LINE:
            raise _ended()
        if call.status == CallStatus.CONNECTING:
            call, _, _ = await connect(buyer_id, call_id)
        ctx = await context_for(call)
    if not await billing.paid(call):
        await end(call.id, EndReason.SUBSCRIPTION_ENDED)
        raise _no_subscription()
    heard = await say(call.id, Speaker.BUYER, text)
    dialogue = Dialogue.from_dict(await live().store.dialogue(call.id))
    ctx = replace(ctx, now=now or local_now(ctx))
    reply = await brain.reply(ctx, text, CallTools(call), dialogue, heard.seq)
    await live().store.save_dialogue(call.id, dialogue.as_dict())
    said = await say(call.id, Speaker.AGENT, reply.text)
    return call, reply, said


async def end(call_id: int, reason: str, status: str = CallStatus.ENDED) -> CallLog:
    """End a live call (no-op on an ended one) and return it as it is now."""
    now = utcnow()
    ended = await CallLog.filter(id=call_id, status__in=ON_THE_LINE).update(
        status=status, ended_at=now, end_reason=reason)
    call = await CallLog.get_or_none(id=call_id)
    if call is None:  # deleted with its buyer or listing: only the live state is left
        await live().forget(call_id)
        raise ApiError.not_found("call")
    if ended:
        call.duration_seconds = max(0, int((now - call.started_at).total_seconds()))
        await call.save(update_fields=["duration_seconds"])
        if status != CallStatus.FAILED:  # a call never joined was never counted
            await activity.report(CallEnded(call.property_id, call.started_at,
                                            call.duration_seconds))
    if ended:
        await _summarize(call)
    await transcript.close(call_id)
    await live().forget(call_id)
    billing.forget(call_id)
    if ended:
        await call_ended.send(call)
    return call


async def _summarize(call: CallLog) -> None:
    """The call's summary, on the call log and on its lead (if it has one)."""
    data = await live().store.dialogue(call.id)
    if not data:
        return
    call.summary = summarize(Dialogue.from_dict(data))
    await CallLog.filter(id=call.id).update(summary=call.summary)
    await Lead.filter(call_id=call.id).update(summary=call.summary)


async def end_stale(join_timeout_s: float, orphan_after_s: float,
                    attached: set[int], seen: dict[int, float]) -> list[CallLog]:
    """Calls no live session will ever end: never joined within `join_timeout_s` (failed),
    or live in the database but attached nowhere — their process died — for longer than
    `orphan_after_s` (the reconnect window) since this process first saw them so
    (dropped). `seen` is the caller's memory of when that was."""
    now = utcnow()
    ended: list[CallLog] = []
    clock = time.monotonic()
    rows = await CallLog.filter(status__in=ON_THE_LINE).values_list("id", "status", "started_at")
    for call_id, status, started_at in rows:
        if status == CallStatus.CONNECTING:
            if (now - started_at).total_seconds() >= join_timeout_s:
                ended.append(await end(call_id, EndReason.NOT_JOINED, status=CallStatus.FAILED))
        elif call_id in attached:
            seen.pop(call_id, None)
        elif clock - seen.setdefault(call_id, clock) >= orphan_after_s:
            seen.pop(call_id, None)
            ended.append(await end(call_id, EndReason.DISCONNECTED, status=CallStatus.DROPPED))
    live_ids = {row[0] for row in rows}
    for call_id in [c for c in seen if c not in live_ids]:
        seen.pop(call_id)
    return ended
