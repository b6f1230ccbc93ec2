from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from propertyhub.accounts.deps import authorized
from propertyhub.accounts.models import Role
from propertyhub.calls.lifecycle import Calls
from propertyhub.calls.models import EndReason
from propertyhub.calls.namespace import NAMESPACE
from propertyhub.calls.schemas import (
    CallInput,
    CallList,
    CallPublic,
    CallRef,
    CallStart,
    CallStarted,
    ProcessResult,
)
from propertyhub.common.openapi import doc
from propertyhub.common.params import path_id
from propertyhub.common.schemas import load_body

bp = Blueprint("calls", url_prefix="/api/calls")
TAG = "calls"
_call = CallPublic()


async def _with_transcript(calls: Calls, call) -> dict:
    turns = await calls.transcript(call.id)
    fields = {k: getattr(call, k) for k in _call.fields if k not in ("transcript", "questions")}
    return _call.dump({**fields, "questions": call.questions or [], "transcript": turns})


@bp.post("/start")
@authorized(Role.BUYER)
@doc("Start a call with the listing's AI agent", tag=TAG, body=CallStart,
     responses={201: CallStarted}, errors=(400, 402, 403, 404, 422),
     description="404 for an unknown or withdrawn listing; 402 when the seller holds no "
                 "active AI-agent subscription (the named agent's, or any). Then connect to "
                 "Socket.IO and send `call_start`.")
async def start(request: Request) -> HTTPResponse:
    data = load_body(request, CallStart())
    call = await request.app.ctx.calls.start(request.ctx.user.id, data["property_id"],
                                             data.get("ai_agent_id"))
    return json(CallStarted().dump({"call_id": call.id, "status": call.status,
                                    "ai_agent_id": call.ai_agent_id,
                                    "socket": {"namespace": NAMESPACE, "path": "/socket.io"}}),
                201)


@bp.post("/process")
@authorized(Role.BUYER)
@doc("Say something to the agent (REST fallback of `voice_input`)", tag=TAG, body=CallInput,
     responses={200: ProcessResult}, errors=(400, 403, 404, 409, 413, 422))
async def process(request: Request) -> HTTPResponse:
    data = load_body(request, CallInput())
    calls: Calls = request.app.ctx.calls
    call, reply, _ = await calls.talk(request.ctx.user.id, data["call_id"], data["text"])
    if reply.end_call:
        await calls.end(call.id, EndReason.GOODBYE)
    return json({"reply": {"text": reply.text, "intent": reply.intent, "data": reply.data}})


@bp.post("/end")
@authorized(Role.BUYER)
@doc("Hang up", tag=TAG, body=CallRef, responses={200: CallPublic},
     errors=(400, 403, 404, 422))
async def end(request: Request) -> HTTPResponse:
    data = load_body(request, CallRef())
    calls: Calls = request.app.ctx.calls
    call = await calls.get_for_buyer(request.ctx.user.id, data["call_id"])
    return json(await _with_transcript(calls, await calls.end(call.id, EndReason.BUYER_HUNG_UP)))


@bp.get("", strict_slashes=True)
@authorized()
@doc("The caller's calls that are connecting or active", tag=TAG, responses={200: CallList})
async def live(request: Request) -> HTTPResponse:
    calls: Calls = request.app.ctx.calls
    items = [await _with_transcript(calls, c) for c in await calls.live_calls(request.ctx.user.id)]
    return json({"items": items, "next_cursor": None})


@bp.get("/<call_id>")
@authorized()
@doc("A call with its transcript (its buyer or seller only)", tag=TAG,
     responses={200: CallPublic}, errors=(404,))
async def read(request: Request, call_id: str) -> HTTPResponse:
    calls: Calls = request.app.ctx.calls
    call = await calls.get_for(request.ctx.user.id, path_id(call_id, "call"))
    return json(await _with_transcript(calls, call))
