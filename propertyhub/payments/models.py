"""The mock card processor's own records (a real processor keeps these on its side)."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class ChargeStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"  # voided before it settled


class PaymentCharge(Model):
    id = fields.CharField(max_length=32, primary_key=True)  # ch_...
    idempotency_key = fields.CharField(max_length=200, unique=True)
    amount_cents = fields.IntField()
    currency = fields.CharField(max_length=3)
    payment_method = fields.CharField(max_length=64)
    status = fields.CharField(max_length=10, default=ChargeStatus.PENDING)  # ChargeStatus
    failure_code = fields.CharField(max_length=32, null=True)
    attempts = fields.IntField(default=0)
    refunded_cents = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "payment_charges"


class PaymentRefund(Model):
    id = fields.CharField(max_length=32, primary_key=True)  # re_...
    idempotency_key = fields.CharField(max_length=200, unique=True)
    charge = fields.ForeignKeyField("models.PaymentCharge", related_name="refunds",
                                    on_delete=fields.RESTRICT)
    amount_cents = fields.IntField()
    status = fields.CharField(max_length=10, default=ChargeStatus.SUCCEEDED)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "payment_refunds"


class PaymentEvent(Model):
    """What happened at the processor, signed like a webhook: HMAC-SHA256 over `t.body`."""

    id = fields.BigIntField(primary_key=True)
    type = fields.CharField(max_length=40)
    body = fields.TextField()
    timestamp = fields.BigIntField()
    signature = fields.CharField(max_length=64)

    class Meta:
        table = "payment_events"
