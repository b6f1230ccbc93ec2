"""Leads: a buyer's inquiry, and the seller's (or hired agent's) pipeline."""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q

from propertyhub.accounts.models import Role, User
from propertyhub.common.activity import LeadOpened, activity
from propertyhub.common.errors import ApiError
from propertyhub.common.pagination import id_page
from propertyhub.crm.models import AgentAssignment, AssignmentStatus, Lead, LeadSource
from propertyhub.listings.models import ListingStatus, Property


async def create_lead(buyer_id: int, property_id: int, message: str, phone: str | None,
                      source: LeadSource = LeadSource.FORM) -> Lead:
    listing = await Property.get_or_none(id=property_id)
    if listing is None or listing.status == ListingStatus.WITHDRAWN:
        raise ApiError.not_found("listing")
    return await open_lead(property_id=listing.id, buyer_id=buyer_id,
                           seller_id=listing.owner_id, source=source, message=message,
                           phone=phone)


async def open_lead(**fields: Any) -> Lead:
    """Every new lead, from a form or a call, is counted for the seller's analytics."""
    lead = await Lead.create(**fields)
    await activity.report(LeadOpened(lead.property_id, lead.created_at,
                                     lead.source == LeadSource.CALL))
    return lead


async def active_hires(user: User) -> list[dict[str, Any]]:
    """An agent's live hires: `seller_id` and `property_ids` (none: all the seller's)."""
    if user.role != Role.AGENT:
        return []
    return await AgentAssignment.filter(agent_id=user.id, status=AssignmentStatus.ACTIVE) \
        .values("seller_id", "property_ids")


def managed_scope(user_id: int, hires: list[dict[str, Any]]) -> Q:
    """Rows (with `seller_id` and `property_id`) on listings a user manages: their own, and
    those of the clients who employ them now (all, or the listings the hire names)."""
    scope = Q(seller_id=user_id)
    for hire in hires:
        if hire["property_ids"]:
            scope |= Q(seller_id=hire["seller_id"], property_id__in=hire["property_ids"])
        else:
            scope |= Q(seller_id=hire["seller_id"])
    return scope


async def visible_leads(user: User) -> Q:
    """Which leads a seller or agent may see: their own listings', and those of the clients
    who employ them now (an ended hire ends access, leads handed to them included)."""
    hires = await active_hires(user)
    scope = managed_scope(user.id, hires)
    clients = sorted({hire["seller_id"] for hire in hires})
    if clients:
        scope |= Q(assigned_agent_id=user.id, seller_id__in=clients)
    return scope


async def holds_listing(user: User, listing_id: int) -> bool:
    """The listing is the subject of a lead the user can see: as its buyer, or in their CRM
    (so they may still read it once withdrawn)."""
    seen = Q(buyer_id=user.id) | await visible_leads(user)
    return await Lead.filter(seen, property_id=listing_id).exists()


async def list_leads(user: User, filters: dict[str, Any], limit: int, token: str | None):
    qs = Lead.filter(await visible_leads(user)).select_related("buyer")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("property_id"):
        qs = qs.filter(property_id=filters["property_id"])
    return await id_page(qs, limit, token)


async def update_lead(user: User, lead_id: int, changes: dict[str, Any]) -> Lead:
    lead = await Lead.filter(await visible_leads(user), id=lead_id).select_related("buyer") \
        .first()
    if lead is None:
        raise ApiError.not_found("lead")
    if changes:
        for name, value in changes.items():
            setattr(lead, name, value)
        await lead.save(update_fields=[*changes, "updated_at"])
    return lead
