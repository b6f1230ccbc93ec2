from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CallLog(Model):
    id = fields.BigIntField(primary_key=True)
    buyer = fields.ForeignKeyField("models.User", related_name="calls_made", on_delete=fields.CASCADE)
    seller = fields.ForeignKeyField(
        "models.User", related_name="calls_received", on_delete=fields.CASCADE
    )
    ai_agent = fields.ForeignKeyField("models.AiAgent", related_name="calls", on_delete=fields.CASCADE)
    property = fields.ForeignKeyField("models.Property", related_name="calls", on_delete=fields.CASCADE)
    status = fields.CharField(max_length=16, default="connecting")
    started_at = fields.DatetimeField(auto_now_add=True)
    ended_at = fields.DatetimeField(null=True)
    duration_seconds = fields.IntField(null=True)
    end_reason = fields.CharField(max_length=32, null=True)
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
    role = fields.CharField(max_length=8)  # buyer | agent
    text = fields.TextField()
    at = fields.DatetimeField()

    class Meta:
        table = "transcripts"
        unique_together = (("call", "seq"),)
