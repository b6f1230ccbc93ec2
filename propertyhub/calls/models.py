from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

# What a buyer may say in one turn (REST body, socket event, speech out alike).
MAX_TURN_CHARS = 2000


class CallStatus(StrEnum):
    CONNECTING = "connecting"  # started, the buyer has not joined yet
    ACTIVE = "active"
    ENDED = "ended"
    DROPPED = "dropped"  # the buyer left and did not come back within the grace window
    FAILED = "failed"  # never joined, or no subscription when joined


# A call is on the line in these; it ends once, from one of them, whoever ends it.
ON_THE_LINE = (CallStatus.CONNECTING, CallStatus.ACTIVE)


class EndReason(StrEnum):
    BUYER_HUNG_UP = "buyer_hung_up"
    GOODBYE = "goodbye"  # the agent heard a goodbye
    SUBSCRIPTION_ENDED = "subscription_ended"
    NOT_JOINED = "not_joined"
    DISCONNECTED = "disconnected"
    SILENCE_TIMEOUT = "silence_timeout"
    MAX_DURATION = "max_duration"


class Speaker(StrEnum):
    BUYER = "buyer"
    AGENT = "agent"


class CallLog(Model):
    id = fields.BigIntField(primary_key=True)
    buyer = fields.ForeignKeyField("models.User", related_name="calls_made", on_delete=fields.CASCADE)
    seller = fields.ForeignKeyField(
        "models.User", related_name="calls_received", on_delete=fields.CASCADE
    )
    ai_agent = fields.ForeignKeyField("models.AiAgent", related_name="calls", on_delete=fields.CASCADE)
    property = fields.ForeignKeyField("models.Property", related_name="calls", on_delete=fields.CASCADE)
    status = fields.CharField(max_length=16, default=CallStatus.CONNECTING)  # CallStatus
    started_at = fields.DatetimeField(auto_now_add=True)
    ended_at = fields.DatetimeField(null=True)
    duration_seconds = fields.IntField(null=True)
    end_reason = fields.CharField(max_length=32, null=True)  # EndReason
    # What the buyer asked that the agent could not answer: questions for the seller.
    questions = fields.JSONField(null=True)
    summary = fields.JSONField(null=True)

    class Meta:
        table = "call_logs"


class Transcript(Model):
    """One turn of a call, either side."""

    id = fields.BigIntField(primary_key=True)
    call = fields.ForeignKeyField("models.CallLog", related_name="transcript", on_delete=fields.CASCADE)
    seq = fields.IntField()
    role = fields.CharField(max_length=8)  # Speaker
    text = fields.TextField()
    at = fields.DatetimeField()

    class Meta:
        table = "transcripts"
        unique_together = (("call", "seq"),)
