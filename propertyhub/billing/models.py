from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class Plan(StrEnum):
    MONTHLY = "monthly"
    YEARLY = "yearly"


class SubKind(StrEnum):
    AI = "ai"  # an AI agent (AiAgent)
    HUMAN = "human"  # a human agent (AgentAssignment)


class SubStatus(StrEnum):
    INCOMPLETE = "incomplete"
    ACTIVE = "active"
    PAST_DUE = "past_due"
    CANCELED = "canceled"
    EXPIRED = "expired"


# The states a subscription is "live" in: at most one per seller and agent (a partial
# unique index, migration 5), and the only ones it can leave.
LIVE = (SubStatus.INCOMPLETE, SubStatus.ACTIVE, SubStatus.PAST_DUE)
# The state machine: every status change is a compare-and-set along one of these edges.
MOVES: dict[SubStatus, frozenset[SubStatus]] = {
    SubStatus.INCOMPLETE: frozenset({SubStatus.ACTIVE, SubStatus.EXPIRED, SubStatus.CANCELED}),
    SubStatus.ACTIVE: frozenset({SubStatus.ACTIVE, SubStatus.PAST_DUE, SubStatus.CANCELED,
                                 SubStatus.EXPIRED}),
    SubStatus.PAST_DUE: frozenset({SubStatus.ACTIVE, SubStatus.PAST_DUE, SubStatus.CANCELED,
                                   SubStatus.EXPIRED}),
    SubStatus.CANCELED: frozenset(),
    SubStatus.EXPIRED: frozenset(),
}
ENDED = (SubStatus.CANCELED, SubStatus.EXPIRED)


class TxKind(StrEnum):
    CHARGE = "charge"
    RENEWAL = "renewal"
    REFUND = "refund"


class TxStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class Subscription(Model):
    id = fields.BigIntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="subscriptions", on_delete=fields.CASCADE)
    kind = fields.CharField(max_length=8)  # SubKind
    ai_agent = fields.ForeignKeyField(
        "models.AiAgent", related_name="subscriptions", null=True, on_delete=fields.RESTRICT
    )
    agent_assignment = fields.ForeignKeyField(
        "models.AgentAssignment", related_name="subscriptions", null=True,
        on_delete=fields.RESTRICT,
    )
    plan = fields.CharField(max_length=8)  # Plan
    status = fields.CharEnumField(SubStatus, max_length=16, default=SubStatus.INCOMPLETE)
    current_period_start = fields.DatetimeField()
    current_period_end = fields.DatetimeField()
    cancel_at_period_end = fields.BooleanField(default=False)
    amount_cents = fields.IntField()
    currency = fields.CharField(max_length=3, default="USD")
    payment_method = fields.CharField(max_length=64, default="pm_card_visa")
    property_ids = fields.JSONField(default=list)
    # Dunning: when the first failed renewal of this period happened, how many
    # attempts failed, and when the next one is due.
    failed_at = fields.DatetimeField(null=True)
    retry_count = fields.IntField(default=0)
    next_retry_at = fields.DatetimeField(null=True)
    canceled_at = fields.DatetimeField(null=True)
    # "<scope>:<Idempotency-Key>" of the request that opened it: a retry of a request that
    # died half-way finds its subscription instead of opening (and charging) another.
    request_key = fields.CharField(max_length=240, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "subscriptions"
        unique_together = (("user", "request_key"),)
        indexes = (("status", "current_period_end"),)


class Transaction(Model):
    id = fields.BigIntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="transactions", on_delete=fields.CASCADE)
    subscription = fields.ForeignKeyField(
        "models.Subscription", related_name="transactions", null=True, on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(TxKind, max_length=8)
    amount_cents = fields.IntField()
    currency = fields.CharField(max_length=3, default="USD")
    status = fields.CharEnumField(TxStatus, max_length=10, default=TxStatus.PENDING)
    failure_reason = fields.CharField(max_length=64, null=True)
    # The period a charge pays for and which attempt at it this is: one row each,
    # so a retried task can never record (or charge) the same attempt twice.
    period_start = fields.DatetimeField(null=True)
    attempt = fields.IntField(default=1)
    processor_id = fields.CharField(max_length=32, null=True)
    # A refund's charge: what the reconciler refunds when the processor call never happened.
    refund_of = fields.ForeignKeyField("models.Transaction", related_name="refunds", null=True,
                                       on_delete=fields.CASCADE)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "transactions"
        unique_together = (("subscription", "kind", "period_start", "attempt"),)


class IdempotencyKey(Model):
    """A client's Idempotency-Key: the first answer, replayed for retries of the same request."""

    id = fields.BigIntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="idempotency_keys",
                                  on_delete=fields.CASCADE)
    scope = fields.CharField(max_length=40)
    key = fields.CharField(max_length=200)
    request_hash = fields.CharField(max_length=64)
    status_code = fields.IntField(null=True)  # null while the first request runs
    response = fields.JSONField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "idempotency_keys"
        unique_together = (("user", "scope", "key"),)
