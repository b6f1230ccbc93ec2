from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class LeadSource(StrEnum):
    FORM = "form"
    CALL = "call"
    VIEWING = "viewing"  # made when a buyer booked a viewing without an inquiry


class LeadStatus(StrEnum):
    NEW = "new"
    CONTACTED = "contacted"
    QUALIFIED = "qualified"
    VIEWING_SCHEDULED = "viewing_scheduled"
    WON = "won"
    LOST = "lost"


class AssignmentStatus(StrEnum):
    PENDING = "pending"  # hired, first charge not settled
    ACTIVE = "active"
    ENDED = "ended"  # its subscription was terminated or expired: no access from then on


class Lead(Model):
    id = fields.BigIntField(primary_key=True)
    property = fields.ForeignKeyField("models.Property", related_name="leads", on_delete=fields.CASCADE)
    buyer = fields.ForeignKeyField("models.User", related_name="leads_made", on_delete=fields.CASCADE)
    seller = fields.ForeignKeyField(
        "models.User", related_name="leads_received", on_delete=fields.CASCADE
    )
    assigned_agent = fields.ForeignKeyField(
        "models.User", related_name="leads_assigned", null=True, on_delete=fields.SET_NULL
    )
    source = fields.CharEnumField(LeadSource, max_length=8, default=LeadSource.FORM)
    status = fields.CharEnumField(LeadStatus, max_length=24, default=LeadStatus.NEW)
    message = fields.TextField(default="")
    phone = fields.CharField(max_length=32, null=True)
    notes = fields.TextField(default="")
    # A lead from a call: one per call, updated as the call goes on.
    call = fields.ForeignKeyField("models.CallLog", related_name="leads", null=True,
                                  on_delete=fields.SET_NULL)
    requested_from = fields.DatetimeField(null=True)  # the viewing the buyer asked for
    requested_to = fields.DatetimeField(null=True)
    contact_name = fields.CharField(max_length=120, null=True)
    contact_email = fields.CharField(max_length=254, null=True)
    summary = fields.JSONField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "leads"


class AgentAssignment(Model):
    """A seller's hire of a human agent."""

    id = fields.BigIntField(primary_key=True)
    seller = fields.ForeignKeyField("models.User", related_name="agents_hired", on_delete=fields.CASCADE)
    agent = fields.ForeignKeyField("models.User", related_name="clients", on_delete=fields.CASCADE)
    property_ids = fields.JSONField(default=list)
    plan = fields.CharField(max_length=8)
    status = fields.CharEnumField(AssignmentStatus, max_length=16,
                                  default=AssignmentStatus.ACTIVE)
    created_at = fields.DatetimeField(auto_now_add=True)
    ended_at = fields.DatetimeField(null=True)

    class Meta:
        table = "agent_assignments"
