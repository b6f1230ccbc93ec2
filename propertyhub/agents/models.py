from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AiAgent(Model):
    id = fields.BigIntField(primary_key=True)
    # Null owner: part of the platform's public catalogue.
    owner = fields.ForeignKeyField(
        "models.User", related_name="ai_agents", null=True, on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=120)
    description = fields.TextField(default="")
    is_public = fields.BooleanField(default=False)
    greeting = fields.TextField(default="")
    persona = fields.TextField(default="")
    voice = fields.JSONField(default=dict)
    max_call_seconds = fields.IntField(default=900)
    silence_timeout_seconds = fields.IntField(default=60)
    price_monthly_cents = fields.IntField(default=0)
    price_yearly_cents = fields.IntField(default=0)
    # Deleted agents with billing history are archived, so that history stays whole.
    archived_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "ai_agents"
