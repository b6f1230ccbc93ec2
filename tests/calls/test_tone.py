"""The persona sets how the agent speaks, never what it says about the listing."""

from __future__ import annotations

from typing import Any

import pytest

from propertyhub.calls.engine import CallContext, RuleBrain

LISTING = {"id": 1, "price": 450_000, "currency": "USD", "listing_type": "sale",
           "bedrooms": 3, "bathrooms": 2.5, "area_sqft": 1800, "address": "12 Oak Street",
           "city": "Austin", "state": "TX", "year_built": 1998, "property_type": "house",
           "status": "active", "amenities": ["pool"]}


class NoTools:
    async def search(self, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]:
        return []

    async def seller_listings(self, limit: int) -> list[dict[str, Any]]:
        return []

    async def record_lead(self, message: str, phone: str | None) -> dict[str, Any]:
        return {"id": 9}

    async def hand_over(self) -> dict[str, Any] | None:
        return {"id": 5, "name": "Sam"}

    async def record_question(self, text: str) -> None:
        return None


async def say(persona: str, text: str):
    ctx = CallContext(LISTING, "Ava", persona, "Pat")
    return await RuleBrain().reply(ctx, text, NoTools())


@pytest.mark.parametrize(("persona", "question", "answer"), [
    ("", "How big is it?", "It's 1,800 square feet."),
    ("A formal, professional assistant", "How big is it?", "It is 1,800 square feet."),
    ("Formal", "Does it have a gym?", "No, it does not have a gym."),
    ("Formal", "hello", "Good day. I am Ava. Ask me anything about this home."),
    ("Formal", "bye", "Thank you for calling. Goodbye."),
    ("Warm and upbeat local expert", "How big is it?",
     "Great question! It's 1,800 square feet."),
    ("warm", "bye", "Thanks so much for calling! Have a wonderful day. Goodbye."),
    ("Brief, to the point", "Can I talk to a person?",
     "I'm connecting you with Sam, who works with the seller."),
    ("brief", "I'd like a viewing",
     "I've passed your request to the seller, who will confirm a time with you. "
     "What's the best number to reach you?"),
])
async def test_the_persona_sets_the_wording(persona, question, answer):
    reply = await say(persona, question)

    assert reply.text == answer


async def test_the_persona_never_changes_the_facts():
    plain = await say("", "How much is it?")
    formal = await say("formal", "How much is it?")

    assert (formal.intent, formal.data) == (plain.intent, plain.data) == (
        "price", {"property_id": 1})
