"""The persona sets how the agent speaks, never what it says about the listing."""

from __future__ import annotations

from typing import Any

import pytest

from propertyhub.calls.agent.brain import AgentBrain
from propertyhub.calls.agent.types import CallContext

LISTING = {"id": 1, "price": 450_000, "currency": "USD", "listing_type": "sale",
           "bedrooms": 3, "bathrooms": 2.5, "area_sqft": 1800, "address": "12 Oak Street",
           "city": "Austin", "state": "TX", "year_built": 1998, "property_type": "house",
           "status": "active", "amenities": ["pool"], "title": "Sunny family home",
           "description": "", "time_zone": "America/Chicago", "postal_code": "78701"}


class NoTools:
    async def listing(self, listing_id: int) -> dict[str, Any] | None:
        return None

    async def search(self, filters, limit, *, sort, near=None):
        return 0, "eq", []

    async def seller_listings(self, filters, limit, *, sort):
        return 0, "eq", []

    async def save_lead(self, dialogue, note: str) -> int:
        return 9

    async def hand_over(self) -> dict[str, Any] | None:
        return {"id": 5, "name": "Sam"}

    async def note_question(self, question: dict[str, Any]) -> None:
        return None

    async def seller_catalogue(self) -> list[dict[str, Any]]:
        return []

    async def free_slots(self) -> list[dict[str, Any]]:
        return []

    async def book(self, start: str, dialogue) -> dict[str, Any] | None:
        return None

    async def request_viewing(self, dialogue) -> None:
        return None


async def say(persona: str, text: str):
    ctx = CallContext(LISTING, "Ava", persona, "Pat")
    return await AgentBrain().reply(ctx, text, NoTools())


@pytest.mark.parametrize(("persona", "question", "answer"), [
    ("", "How big is it?", "It's 1,800 square feet."),
    ("A formal, professional assistant", "How big is it?", "It is 1,800 square feet."),
    ("Formal", "Does it have a gym?", "No, a gym is not listed for it."),
    ("Formal", "hello", "Good day. I am Ava. Ask me anything about this home."),
    ("Formal", "bye", "Thank you for calling. Goodbye."),
    ("Warm and upbeat local expert", "How big is it?",
     "Great question! It's 1,800 square feet."),
    ("warm", "bye", "Thanks so much for calling! Have a wonderful day. Goodbye."),
    ("Brief, to the point", "Can I talk to a person?",
     "I'm passing you to Sam, who works with the seller."),
    ("brief", "I'd like a viewing",
     "I'd be happy to arrange a viewing. What day and time would suit you?"),
])
async def test_the_persona_sets_the_wording(persona, question, answer):
    reply = await say(persona, question)

    assert reply.text == answer


async def test_the_persona_never_changes_the_facts():
    plain = await say("", "How much is it?")
    formal = await say("formal", "How much is it?")
    brief = await say("brief, to the point", "How much is it?")

    assert formal.text == "The asking price is $450,000." == plain.text
    assert (formal.intent, formal.data) == (plain.intent, plain.data) == \
        (brief.intent, brief.data)
    assert plain.data["fields"] == {"price": 450_000}
