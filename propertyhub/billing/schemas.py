from __future__ import annotations

from marshmallow import Schema, fields, validate

from propertyhub.billing.periods import PLANS
from propertyhub.common.openapi import page_of
from propertyhub.common.schemas import StrictSchema
from propertyhub.payments.processor import TEST_METHODS

PAYMENT_METHOD = fields.String(load_default="pm_card_visa",
                               validate=validate.OneOf(sorted(TEST_METHODS)),
                               metadata={"description": "a test card token"})
ID = validate.Range(1, 2**63 - 1)


class _Hire(StrictSchema):
    plan = fields.String(required=True, validate=validate.OneOf(PLANS))
    property_ids = fields.List(fields.Integer(strict=True, validate=ID), load_default=list,
                               validate=validate.Length(max=500))
    payment_method = PAYMENT_METHOD


class HireAi(_Hire):
    ai_agent_id = fields.Integer(required=True, strict=True, validate=ID)


class HireHuman(_Hire):
    agent_id = fields.Integer(required=True, strict=True, validate=ID)


class Terminate(StrictSchema):
    at_period_end = fields.Boolean(load_default=False)


class PaymentMethodUpdate(StrictSchema):
    payment_method = fields.String(required=True, validate=validate.OneOf(sorted(TEST_METHODS)))


class SubscriptionPublic(Schema):
    id = fields.Integer(dump_only=True)
    kind = fields.String(dump_only=True)
    ai_agent_id = fields.Integer(dump_only=True, allow_none=True)
    agent_assignment_id = fields.Integer(dump_only=True, allow_none=True)
    plan = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    current_period_start = fields.AwareDateTime(dump_only=True)
    current_period_end = fields.AwareDateTime(dump_only=True)
    cancel_at_period_end = fields.Boolean(dump_only=True)
    amount_cents = fields.Integer(dump_only=True)
    currency = fields.String(dump_only=True)
    payment_method = fields.String(dump_only=True)
    property_ids = fields.List(fields.Integer(), dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)


class TransactionPublic(Schema):
    id = fields.Integer(dump_only=True)
    subscription_id = fields.Integer(dump_only=True, allow_none=True)
    kind = fields.String(dump_only=True)
    amount_cents = fields.Integer(dump_only=True)
    currency = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    failure_reason = fields.String(dump_only=True, allow_none=True)
    created_at = fields.AwareDateTime(dump_only=True)


class AssignmentPublic(Schema):
    id = fields.Integer(dump_only=True)
    seller_id = fields.Integer(dump_only=True)
    agent_id = fields.Integer(dump_only=True)
    property_ids = fields.List(fields.Integer(), dump_only=True)
    plan = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)


class AvailableAgent(Schema):
    id = fields.Integer(dump_only=True, metadata={"description": "the agent's user id"})
    name = fields.String(dump_only=True)
    bio = fields.String(dump_only=True, allow_none=True)
    service_areas = fields.List(fields.String(), dump_only=True)
    monthly_fee_cents = fields.Integer(dump_only=True, allow_none=True)
    yearly_fee_cents = fields.Integer(dump_only=True, allow_none=True)


class HireAiResult(Schema):
    subscription = fields.Nested(SubscriptionPublic, dump_only=True)
    transaction = fields.Nested(TransactionPublic, dump_only=True)


class HireHumanResult(HireAiResult):
    assignment = fields.Nested(AssignmentPublic, dump_only=True)


class TerminateResult(Schema):
    subscription = fields.Nested(SubscriptionPublic, dump_only=True)
    refund = fields.Nested(TransactionPublic, dump_only=True, allow_none=True)


SubscriptionPage = page_of(SubscriptionPublic, "SubscriptionPage")
TransactionPage = page_of(TransactionPublic, "TransactionPage")
AssignmentPage = page_of(AssignmentPublic, "AssignmentPage")
AvailableAgentPage = page_of(AvailableAgent, "AvailableAgentPage")
