"""A viewing booked in the call: the agent offers the listing's free slots in words, books
the one the buyer picks through the viewings service, and the call's lead holds it."""

from __future__ import annotations

from datetime import datetime

from tests.calls.conftest import subscribe
from tests.viewings.conftest import publish


async def talk(http, buyer, call_id: int, text: str) -> dict:
    response = await http.post("/api/calls/process", headers=buyer.auth,
                               json={"call_id": call_id, "text": text})
    assert response.status_code == 200, response.text
    return response.json()["reply"]


async def start(http, scene) -> int:
    started = await http.post("/api/calls/start", headers=scene["buyer"].auth,
                              json={"property_id": scene["home"]["id"]})
    assert started.status_code == 201, started.text
    return started.json()["call_id"]


async def test_the_agent_offers_free_slots_and_books_the_one_picked(http, scene):
    await subscribe(http, scene)
    await publish(http, scene["seller"], scene["home"]["id"], instant_confirm=True)
    buyer, call_id = scene["buyer"], await start(http, scene)

    offered = await talk(http, buyer, call_id, "Can I come and see it?")
    picked = await talk(http, buyer, call_id, "the second one please")

    slots = offered["data"]["answers"][0]["offered"]
    assert len(slots) == 3 and "Which suits you?" in offered["text"]
    first = datetime.fromisoformat(slots[0])
    assert f"{first:%A}, {first:%B} {first.day}" in offered["text"]  # said in words, local time
    answer = picked["data"]["answers"][0]
    assert (answer["intent"], answer["status"]) == ("viewing_request", "confirmed")
    assert "You're booked to see it" in picked["text"]
    mine = (await http.get("/api/viewings", headers=buyer.auth)).json()["items"]
    assert [(v["id"], datetime.fromisoformat(v["starts_at"])) for v in mine] == [
        (answer["viewing_id"], datetime.fromisoformat(slots[1]))]
    lead = (await http.get("/api/crm/leads", headers=scene["seller"].auth)).json()["items"][0]
    assert (lead["call_id"], lead["status"]) == (call_id, "viewing_scheduled")
    # The slot is gone for everyone else.
    again = await talk(http, buyer, await start(http, scene), "when could I see it")
    assert slots[1] not in again["data"]["answers"][0].get("offered", [])


async def test_a_time_that_is_free_is_booked_at_once(http, scene):
    await subscribe(http, scene)
    await publish(http, scene["seller"], scene["home"]["id"], instant_confirm=False)
    buyer, call_id = scene["buyer"], await start(http, scene)

    reply = await talk(http, buyer, call_id, "could I see it the day after tomorrow at 10 am")

    answer = reply["data"]["answers"][0]
    assert answer["status"] == "requested" and "The seller will confirm it." in reply["text"]
    assert "10 am" in reply["text"]


async def test_without_availability_the_request_goes_to_the_seller(http, scene):
    await subscribe(http, scene)
    buyer, call_id = scene["buyer"], await start(http, scene)

    reply = await talk(http, buyer, call_id, "I'd like to see it on Saturday morning")

    assert "The seller will confirm the time" in reply["text"]
    notices = (await http.get("/api/viewings/notices", headers=scene["seller"].auth)).json()["items"]
    assert [n["kind"] for n in notices] == ["no_slot"]
