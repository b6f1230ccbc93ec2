from __future__ import annotations

from marshmallow import Schema, fields, validate

from propertyhub.calls.models import MAX_TURN_CHARS
from propertyhub.common.schemas import StrictSchema

ID = validate.Range(1, 2**63 - 1)


class CallStart(StrictSchema):
    property_id = fields.Integer(required=True, strict=True, validate=ID)
    ai_agent_id = fields.Integer(strict=True, allow_none=True, validate=ID)


class CallInput(StrictSchema):
    call_id = fields.Integer(required=True, strict=True, validate=ID)
    text = fields.String(required=True, validate=validate.Length(1, MAX_TURN_CHARS))


class CallRef(StrictSchema):
    call_id = fields.Integer(required=True, strict=True, validate=ID)


class SocketInfo(Schema):
    namespace = fields.String(dump_only=True)
    path = fields.String(dump_only=True)


class CallStarted(Schema):
    call_id = fields.Integer(dump_only=True)
    status = fields.String(dump_only=True)
    ai_agent_id = fields.Integer(dump_only=True)
    socket = fields.Nested(SocketInfo, dump_only=True)


class Turn(Schema):
    role = fields.String(dump_only=True)
    text = fields.String(dump_only=True)
    at = fields.AwareDateTime(dump_only=True)


class CallPublic(Schema):
    id = fields.Integer(dump_only=True)
    buyer_id = fields.Integer(dump_only=True)
    seller_id = fields.Integer(dump_only=True)
    ai_agent_id = fields.Integer(dump_only=True)
    property_id = fields.Integer(dump_only=True)
    status = fields.String(dump_only=True)
    started_at = fields.AwareDateTime(dump_only=True)
    ended_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    duration_seconds = fields.Integer(dump_only=True, allow_none=True)
    end_reason = fields.String(dump_only=True, allow_none=True)
    questions = fields.List(fields.Dict(), dump_only=True, metadata={
        "description": "what the buyer asked that the agent could not answer, for the "
                       "seller: {text, subject, turn}"})
    summary = fields.Dict(dump_only=True, allow_none=True, metadata={
        "description": "written when the call ends: {text, outcome (viewing_requested, "
                       "handed_over, offer_made, contact_left, just_browsing), wanted "
                       "(budget, bedrooms, areas, must_haves, timeline; each {value, turn}), "
                       "unanswered, viewing, contact}; `turn` is the transcript seq"})
    transcript = fields.List(fields.Nested(Turn), dump_only=True)


class ReplyBody(Schema):
    text = fields.String(dump_only=True)
    intent = fields.String(dump_only=True)
    data = fields.Dict(dump_only=True)


class ProcessResult(Schema):
    reply = fields.Nested(ReplyBody, dump_only=True)


class CallList(Schema):
    items = fields.List(fields.Nested(CallPublic), dump_only=True)
    next_cursor = fields.String(dump_only=True, allow_none=True)
