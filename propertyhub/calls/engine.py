"""The agent's brain: a deterministic, explainable dialogue engine.

It answers from the platform's own data (the listing in the call, the seller's
other listings, search over all listings), turns viewing requests and contact
details into a lead, and says honestly what it cannot answer. Every rule is a
regular expression and a template, so any answer can be traced to its rule.
A model-backed brain can replace it behind `Brain`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from propertyhub.calls.tone import speak
from propertyhub.listings.text import words

AMENITY_WORDS = {
    "pool": "pool", "swimming": "pool", "garage": "garage", "parking": "parking",
    "garden": "garden", "yard": "garden", "gym": "gym", "fireplace": "fireplace",
    "balcony": "balcony", "dishwasher": "dishwasher", "laundry": "laundry",
    "washer": "laundry", "elevator": "elevator", "lift": "elevator", "pets": "pets_allowed",
    "pet": "pets_allowed", "dog": "pets_allowed", "cat": "pets_allowed", "solar": "solar",
    "doorman": "doorman", "ac": "air_conditioning", "air": "air_conditioning",
    "hardwood": "hardwood_floors",
}
COUNTABLE = {"pool", "garage", "garden", "gym", "fireplace", "balcony", "dishwasher",
             "elevator", "doorman"}
PHONE = re.compile(r"(\+?\d[\d\s().-]{6,}\d)")
MONEY = re.compile(r"(?:under|below|less than|max(?:imum)?|up to)\s*\$?\s*([\d.,]+)\s*(k|m|million)?",
                   re.I)
BEDS = re.compile(r"(\d+)\s*(?:-|\s)?\s*(?:bed|beds|bedroom|bedrooms|br)\b", re.I)
CITY = re.compile(r"\bin\s+([A-Za-z][A-Za-z .'-]+?)(?=\s+(?:under|below|with|for|that|"
                  r"less|max|up)\b|[?.!,]|$)", re.I)


@dataclass
class Reply:
    text: str
    intent: str
    data: dict[str, Any] = field(default_factory=dict)
    end_call: bool = False


@dataclass
class CallContext:
    """What the brain knows about the call; `listing` is the public listing dict."""

    listing: dict[str, Any]
    agent_name: str
    persona: str
    seller_name: str


class Tools(Protocol):
    async def search(self, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]: ...
    async def seller_listings(self, limit: int) -> list[dict[str, Any]]: ...
    async def record_lead(self, message: str, phone: str | None) -> dict[str, Any]: ...
    async def hand_over(self) -> dict[str, Any] | None: ...
    async def record_question(self, text: str) -> None: ...


class Brain(Protocol):
    async def reply(self, ctx: CallContext, text: str, tools: Tools) -> Reply: ...


def money(amount: int, currency: str = "USD") -> str:
    sign = "$" if currency == "USD" else f"{currency} "
    return f"{sign}{amount:,}"


def parse_money(number: str, unit: str | None) -> int | None:
    """The amount said; None when the number is malformed ("1.2.3", ",,,") or endless."""
    try:
        value = float(number.replace(",", ""))
    except ValueError:
        return None
    unit = (unit or "").lower()
    value *= 1_000 if unit == "k" else 1_000_000 if unit in ("m", "million") else 1
    return int(value) if math.isfinite(value) else None


def search_filters(text: str) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    if m := BEDS.search(text):
        filters["min_bedrooms"] = int(m.group(1))
    if (m := MONEY.search(text)) and (price := parse_money(m.group(1), m.group(2))) is not None:
        filters["max_price"] = price
    if m := CITY.search(text):
        filters["city"] = m.group(1).strip()
    if re.search(r"\brent(al)?\b", text, re.I):
        filters["listing_type"] = "rent"
    return filters


def describe(listing: dict[str, Any]) -> str:
    beds = f"{listing['bedrooms']}-bedroom " if listing["bedrooms"] else ""
    return (f"a {beds}{listing['property_type']} in {listing['city']} for "
            f"{money(listing['price'], listing['currency'])}")


class RuleBrain:
    """Intent rules in priority order; the first that matches answers, in the tone the
    agent's persona asks for."""

    async def reply(self, ctx: CallContext, text: str, tools: Tools) -> Reply:
        return speak(ctx.persona, await self.answer(ctx, text, tools))

    async def answer(self, ctx: CallContext, text: str, tools: Tools) -> Reply:
        low = text.lower()
        tokens = set(words(text))
        listing = ctx.listing
        if tokens & {"bye", "goodbye"} or "that's all" in low or "hang up" in low:
            return Reply("Thanks for calling! Goodbye.", "goodbye", end_call=True)
        if re.search(r"\b(person|human|real agent|someone real|representative)\b", low):
            agent = await tools.hand_over()
            if agent is None:
                return Reply("There is no human agent available right now, but I've noted "
                             "that you'd like to talk to someone.", "handover",
                             {"available": False})
            return Reply(f"I'm connecting you with {agent['name']}, who works with the seller. "
                         "They'll reach out to you shortly.", "handover",
                         {"available": True, "agent": agent})
        phone = PHONE.search(text)
        if phone or re.search(r"\b(viewing|visit|tour|see it|see the|showing|appointment)\b",
                              low):
            lead = await tools.record_lead(text, phone.group(1).strip() if phone else None)
            ask = "" if phone else " What's the best number to reach you?"
            return Reply("I've passed your request to the seller, who will confirm a time "
                         f"with you.{ask}", "viewing_request", {"lead_id": lead["id"]})
        if re.search(r"\b(other|else|more)\b.*\b(listings?|homes?|properties|houses?)\b", low) \
                and re.search(r"\b(seller|owner|they|you)\b", low):
            others = [x for x in await tools.seller_listings(6) if x["id"] != listing["id"]][:5]
            if not others:
                return Reply("This is the seller's only listing at the moment.", "seller_listings",
                             {"listings": []})
            said = "; ".join(describe(x) for x in others[:3])
            return Reply(f"The seller also has {said}.", "seller_listings",
                         {"listings": [x["id"] for x in others]})
        filters = search_filters(text)
        if filters and re.search(r"\b(any|other|similar|looking|find|search|show)\b", low):
            matches = await tools.search(filters, 3)
            if not matches and "city" in filters:
                filters.pop("city")
                matches = await tools.search(filters, 3)
            if not matches:
                return Reply("I couldn't find any listings like that right now.", "search",
                             {"filters": filters, "listings": []})
            said = "; ".join(describe(x) for x in matches)
            return Reply(f"I found {len(matches)}: {said}.", "search",
                         {"filters": filters, "listings": [x["id"] for x in matches]})
        for word, amenity in AMENITY_WORDS.items():
            if word in tokens:
                has = amenity in listing["amenities"]
                label = amenity.replace("_", " ")
                if amenity in COUNTABLE:
                    label = f"a {label}"
                return Reply(f"Yes, it has {label}." if has else f"No, it doesn't have {label}.",
                             "amenity", {"amenity": amenity, "has": has})
        facts = [
            (r"\b(price|cost|how much|asking)\b", "price",
             lambda: f"The asking price is {money(listing['price'], listing['currency'])}"
                     + (" a month." if listing["listing_type"] == "rent" else ".")),
            (r"\bbed(room)?s?\b", "bedrooms",
             lambda: f"It has {listing['bedrooms']} bedrooms."),
            (r"\bbath(room)?s?\b", "bathrooms",
             lambda: f"It has {listing['bathrooms']:g} bathrooms."),
            (r"\b(size|big|area|square|sq ?ft|footage)\b", "area",
             lambda: f"It's {listing['area_sqft']:,} square feet."),
            (r"\b(address|where|location|located)\b", "address",
             lambda: f"It's at {listing['address']}, {listing['city']}, {listing['state']}."),
            (r"\b(built|year|old|age)\b", "year_built",
             lambda: f"It was built in {listing['year_built']}." if listing["year_built"]
             else "I don't have the year it was built."),
            (r"\b(type|kind of)\b", "property_type",
             lambda: f"It's a {listing['property_type']} for {listing['listing_type']}."),
            (r"\b(available|status|still for sale|sold)\b", "status",
             lambda: "Yes, it's available." if listing["status"] == "active"
             else f"Its status is {listing['status']}."),
        ]
        for pattern, intent, answer in facts:
            if re.search(pattern, low):
                return Reply(answer(), intent, {"property_id": listing["id"]})
        if tokens & {"hi", "hello", "hey"}:
            return Reply(f"Hello! I'm {ctx.agent_name}. Ask me anything about this home.",
                         "greeting")
        await tools.record_question(text)
        return Reply("I don't know that, but I've noted your question for the seller, who "
                     "will get back to you.", "fallback", {"recorded": True})
