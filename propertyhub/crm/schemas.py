from __future__ import annotations

from marshmallow import Schema, fields, validate

from propertyhub.accounts.schemas import PHONE
from propertyhub.common.openapi import page_of
from propertyhub.common.params import MAX_ID
from propertyhub.common.schemas import PageQuery, StrictSchema
from propertyhub.crm.models import LeadStatus

STATUSES = [s.value for s in LeadStatus]


class LeadCreate(StrictSchema):
    property_id = fields.Integer(required=True, strict=True, validate=validate.Range(1, 2**63 - 1))
    message = fields.String(required=True, validate=validate.Length(1, 5000))
    phone = fields.String(allow_none=True, validate=PHONE)


class LeadUpdate(StrictSchema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    notes = fields.String(validate=validate.Length(max=20_000))


class LeadContact(Schema):
    name = fields.String(dump_only=True)
    email = fields.String(dump_only=True)
    phone = fields.String(dump_only=True, allow_none=True)


class LeadPublic(Schema):
    id = fields.Integer(dump_only=True)
    property_id = fields.Integer(dump_only=True)
    buyer_id = fields.Integer(dump_only=True)
    seller_id = fields.Integer(dump_only=True)
    assigned_agent_id = fields.Integer(dump_only=True, allow_none=True)
    source = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    message = fields.String(dump_only=True)
    phone = fields.String(dump_only=True, allow_none=True)
    notes = fields.String(dump_only=True)
    call_id = fields.Integer(dump_only=True, allow_none=True,
                             metadata={"description": "the call this lead came from"})
    requested_from = fields.AwareDateTime(dump_only=True, allow_none=True, metadata={
        "description": "the viewing time the buyer asked for (listing's local time)"})
    requested_to = fields.AwareDateTime(dump_only=True, allow_none=True)
    contact_name = fields.String(dump_only=True, allow_none=True)
    contact_email = fields.String(dump_only=True, allow_none=True)
    summary = fields.Dict(dump_only=True, allow_none=True,
                          metadata={"description": "the call's summary (see CallPublic)"})
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)


class CrmLead(LeadPublic):
    """A lead as the seller's CRM shows it, with the buyer's contact details."""

    contact = fields.Method("_contact", dump_only=True,
                            metadata={"type": "object", "description": "name, email, phone"})

    def _contact(self, lead) -> dict:
        buyer = lead.buyer
        return {"name": buyer.name, "email": buyer.email, "phone": lead.phone or buyer.phone}


class LeadFilter(PageQuery):
    status = fields.String(validate=validate.OneOf(STATUSES))
    property_id = fields.Integer(validate=validate.Range(1, MAX_ID))


CrmLeadPage = page_of(CrmLead, "CrmLeadPage")
