from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class Role(StrEnum):
    BUYER = "buyer"
    SELLER = "seller"
    AGENT = "agent"


class User(Model):
    id = fields.BigIntField(primary_key=True)
    # Stored lower-cased, so the unique index is case-insensitive.
    email = fields.CharField(max_length=254, unique=True)
    password_hash = fields.CharField(max_length=255)
    name = fields.CharField(max_length=120)
    role = fields.CharEnumField(Role, max_length=16)
    phone = fields.CharField(max_length=32, null=True)
    # Human-agent profile; null for buyers and sellers.
    bio = fields.TextField(null=True)
    monthly_fee_cents = fields.IntField(null=True)
    yearly_fee_cents = fields.IntField(null=True)
    service_areas = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "users"


class AuthSession(Model):
    """A refresh-token family: one per login; revoking it logs the device out."""

    id = fields.UUIDField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="sessions", on_delete=fields.CASCADE)
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "auth_sessions"


class RefreshToken(Model):
    id = fields.BigIntField(primary_key=True)
    session = fields.ForeignKeyField(
        "models.AuthSession", related_name="tokens", on_delete=fields.CASCADE
    )
    # sha256 of the token: a database leak does not leak usable tokens.
    token_hash = fields.CharField(max_length=64, unique=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "refresh_tokens"
