"""The conversation set's world, written into the database through the ORM."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from propertyhub.accounts.models import User
from propertyhub.agents.models import AiAgent
from propertyhub.billing.models import Subscription
from propertyhub.common.models import utcnow
from propertyhub.crm.models import AgentAssignment
from propertyhub.listings.models import Property
from propertyhub.listings.text import search_text

LISTING_FIELDS = (
    "title",
    "description",
    "property_type",
    "listing_type",
    "status",
    "price",
    "currency",
    "bedrooms",
    "bathrooms",
    "area_sqft",
    "year_built",
    "address",
    "city",
    "state",
    "postal_code",
    "country",
    "latitude",
    "longitude",
    "time_zone",
    "amenities",
)


async def seed_world(world: dict[str, Any]) -> dict[str, Any]:
    now = utcnow()
    ids: dict[str, Any] = {"sellers": {}, "buyers": {}, "listings": {}, "owner_of": {}, "agent_of": {}}
    for n, seller in enumerate(world["sellers"]):
        user = await User.create(
            email=seller["email"],
            password_hash="x",
            name=seller["name"],
            role="seller",
            phone=seller["phone"],
        )
        ids["sellers"][seller["key"]] = user.id
        agent = await AiAgent.create(
            owner_id=user.id,
            name="Ava",
            greeting="Hi, I'm Ava!",
            price_monthly_cents=990,
            price_yearly_cents=9900,
        )
        ids["agent_of"][user.id] = agent.id
        await Subscription.create(
            user_id=user.id,
            kind="ai",
            ai_agent_id=agent.id,
            plan="monthly",
            status="active",
            current_period_start=now,
            current_period_end=now + timedelta(days=30),
            amount_cents=990,
        )
        if seller.get("human_agent"):
            human = await User.create(
                email=f"agent{n}@example.com",
                password_hash="x",
                name=seller["human_agent"]["name"],
                role="agent",
                monthly_fee_cents=19900,
                yearly_fee_cents=199000,
            )
            await AgentAssignment.create(
                seller_id=user.id, agent_id=human.id, plan="monthly", status="active"
            )
    for buyer in world["buyers"]:
        user = await User.create(
            email=buyer["email"],
            password_hash="x",
            name=buyer["name"],
            role="buyer",
            phone=buyer.get("phone"),
        )
        ids["buyers"][buyer["key"]] = user.id
    for item in world["listings"]:
        fields = {k: item[k] for k in LISTING_FIELDS}
        listing = await Property.create(
            owner_id=ids["sellers"][item["seller"]],
            city_key=item["city"].casefold(),
            search_text=search_text(item["title"], item["description"], item["address"], item["city"]),
            **fields,
        )
        ids["listings"][item["key"]] = listing.id
        ids["owner_of"][listing.id] = listing.owner_id
    return ids
