"""Calls: start (billing-gated), talk, end; the same services behind REST and Socket.IO."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from marshmallow import ValidationError

from propertyhub.accounts.models import User
from propertyhub.accounts.schemas import PHONE
from propertyhub.agents.models import AiAgent
from propertyhub.analytics.events import record_call, record_call_seconds
from propertyhub.billing.models import Subscription
from propertyhub.calls.engine import CallContext, Reply, RuleBrain
from propertyhub.calls.models import CallLog, Transcript
from propertyhub.calls.sessions import turns
from propertyhub.common import sql
from propertyhub.common.errors import ApiError, Code
from propertyhub.common.models import utcnow
from propertyhub.crm.models import AgentAssignment, LeadSource, LeadStatus
from propertyhub.crm.services import open_lead
from propertyhub.listings.models import ListingStatus, Property
from propertyhub.listings.schemas import PropertyPublic, dump_search_rows
from propertyhub.listings.search_params import parse_search
from propertyhub.listings.services import search_listings

LIVE = ("connecting", "active")
MAX_TEXT = 2000
_listing = PropertyPublic()
brain = RuleBrain()


async def start(buyer_id: int, property_id: int, ai_agent_id: int | None) -> CallLog:
    listing = await Property.get_or_none(id=property_id)
    if listing is None or listing.status == ListingStatus.WITHDRAWN:
        raise ApiError.not_found("listing")
    subs = Subscription.filter(user_id=listing.owner_id, kind="ai", status="active")
    if ai_agent_id is not None:
        subs = subs.filter(ai_agent_id=ai_agent_id)
    sub = await subs.order_by("id").first()
    if sub is None:
        raise ApiError(402, Code.SUBSCRIPTION_REQUIRED,
                       "the seller has no active AI agent to take this call")
    call = await CallLog.create(buyer_id=buyer_id, seller_id=listing.owner_id,
                                ai_agent_id=sub.ai_agent_id, property_id=listing.id,
                                status="connecting")
    await record_call(call.property_id, call.started_at)
    return call


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
    from tortoise.expressions import Q

    return await CallLog.filter(Q(buyer_id=user_id) | Q(seller_id=user_id),
                                status__in=LIVE).order_by("-id").limit(100)


FLUSH_EVERY_TURNS = 4
log = logging.getLogger(__name__)
_background: set[asyncio.Task] = set()


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


# Rows per INSERT: five parameters a row stays far below either database's limit.
_ROWS_PER_INSERT = 1000


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


_due: set[int] = set()


def _flush_soon(call_id: int) -> None:
    """Embedded mode: calls due a flush are written together by one task, so two hundred
    talkers make a few INSERTs a second, not fifty."""
    first = not _due
    _due.add(call_id)
    if first:
        _background.add(task := asyncio.create_task(_drain()))
        task.add_done_callback(_background.discard)


async def _drain() -> None:
    await asyncio.sleep(0)  # let this tick's other turns join the batch
    while _due:
        batch = list(_due)
        _due.clear()
        try:
            await flush_calls(batch)
        except Exception:  # the turns stay buffered: the sweep or the call's end writes them
            log.exception("transcript flush failed")


async def _say(call: CallLog, role: str, text: str) -> Turn:
    """Buffer a turn; the database gets turns in batches (every few turns, and at the end)."""
    now = utcnow()

    async def base() -> int:
        return await Transcript.filter(call_id=call.id).count()

    seq = await turns().append(call.id, base, {"role": role, "text": text,
                                               "at": now.isoformat()})
    if seq % FLUSH_EVERY_TURNS == 0:
        from workers.celery_app import celery_app

        if celery_app.conf.task_always_eager:
            # Embedded: the buffer is in this process; flush it here, off the turn's path.
            _flush_soon(call.id)
        else:
            from workers.dispatch import enqueue
            from workers.tasks import flush_transcript_task

            await enqueue(flush_transcript_task, call.id)
    return Turn(seq, role, text, now)


async def connect(buyer_id: int, call_id: int) -> tuple[CallLog, AiAgent, Turn]:
    call = await get_for_buyer(buyer_id, call_id)
    if call.status not in LIVE:
        raise ApiError(409, Code.CALL_ENDED, "this call has ended")
    agent = await AiAgent.get(id=call.ai_agent_id)
    greeting = None
    if call.status == "connecting":
        call.status = "active"
        await call.save(update_fields=["status"])
        greeting = await _say(call, "agent", agent.greeting)
    else:  # a reconnect: the greeting was said already
        greeting = next(t for t in await transcript(call.id) if t.role == "agent")
    return call, agent, greeting


def _is_phone(text: str) -> bool:
    try:
        for check in PHONE:
            check(text)
    except ValidationError:
        return False
    return True


class CallTools:
    """What the brain may do, bound to one call."""

    def __init__(self, call: CallLog) -> None:
        self.call = call

    async def search(self, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]:
        args = {k: str(v) for k, v in filters.items()} | {"limit": str(limit)}
        try:
            params = parse_search(args, None)
        except ApiError:
            return []
        return dump_search_rows((await search_listings(params, with_total=False)).items)

    async def seller_listings(self, limit: int) -> list[dict[str, Any]]:
        return await self.search({"owner_id": self.call.seller_id}, limit)

    async def record_lead(self, message: str, phone: str | None) -> dict[str, Any]:
        if phone is not None and not _is_phone(phone):
            phone = None  # not one a lead form would take: it stays in the message only
        lead = await open_lead(property_id=self.call.property_id, buyer_id=self.call.buyer_id,
                                 seller_id=self.call.seller_id, source=LeadSource.CALL,
                                 status=LeadStatus.VIEWING_SCHEDULED if "view" in message.lower()
                                 else LeadStatus.NEW, message=message, phone=phone)
        return {"id": lead.id}

    async def hand_over(self) -> dict[str, Any] | None:
        hire = await AgentAssignment.filter(seller_id=self.call.seller_id, status="active") \
            .order_by("id").first()
        if hire is None:
            await self.record_question("The buyer asked to talk to a person.")
            return None
        agent = await User.get(id=hire.agent_id)
        await open_lead(property_id=self.call.property_id, buyer_id=self.call.buyer_id,
                          seller_id=self.call.seller_id, source=LeadSource.CALL,
                          message="The buyer asked to talk to a person.",
                          assigned_agent_id=agent.id)
        return {"id": agent.id, "name": agent.name}

    async def record_question(self, text: str) -> None:
        await open_lead(property_id=self.call.property_id, buyer_id=self.call.buyer_id,
                          seller_id=self.call.seller_id, source=LeadSource.CALL,
                          message=f"Question from a call: {text}")


async def context_for(call: CallLog) -> CallContext:
    listing = await Property.get(id=call.property_id)
    agent = await AiAgent.get(id=call.ai_agent_id)
    seller = await User.get(id=call.seller_id)
    return CallContext(_listing.dump(listing), agent.name, agent.persona, seller.name)


async def talk(buyer_id: int, call_id: int, text: str, *,
               live: tuple[CallLog, CallContext] | None = None
               ) -> tuple[CallLog, Reply, Turn]:
    """One buyer turn. `live`: the call and its context as the socket layer cached them at
    `call_start` (it knows the call is still live), saving four reads a turn."""
    text = text.strip()
    if not text:
        raise ApiError.validation({"text": ["say something"]})
    if len(text) > MAX_TEXT:
        raise ApiError(413, Code.TOO_LARGE, f"at most {MAX_TEXT} characters a turn")
    if live is not None:
        call, ctx = live
    else:
        call = await get_for_buyer(buyer_id, call_id)
        if call.status not in LIVE:
            raise ApiError(409, Code.CALL_ENDED, "this call has ended")
        if call.status == "connecting":
            call, _, _ = await connect(buyer_id, call_id)
        ctx = await context_for(call)
    await _say(call, "buyer", text)
    reply = await brain.reply(ctx, text, CallTools(call))
    said = await _say(call, "agent", reply.text)
    if reply.end_call:
        call = await end(call.id, "goodbye")
    return call, reply, said


async def end(call_id: int, reason: str, status: str = "ended") -> CallLog:
    now = utcnow()
    ended = await CallLog.filter(id=call_id, status__in=LIVE).update(
        status=status, ended_at=now, end_reason=reason)
    call = await CallLog.get(id=call_id)
    if ended:
        call.duration_seconds = max(0, int((now - call.started_at).total_seconds()))
        await call.save(update_fields=["duration_seconds"])
        await record_call_seconds(call.property_id, call.started_at, call.duration_seconds)
    await flush(call_id)
    return call


