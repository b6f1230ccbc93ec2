"""Ownership, route by route: the seller and the agent they hired manage a listing's
viewings; a buyer sees only their own; nobody sees another seller's calendar."""

from __future__ import annotations

from icalendar import Calendar

from tests.billing.test_human_agents import agent_for_hire
from tests.support.factories import create_listing, register
from tests.viewings.conftest import book, publish


async def hire(client, seller, agent, property_ids=()):
    response = await client.post("/api/crm/agents", headers=seller.auth, json={
        "agent_id": agent.id, "plan": "monthly", "property_ids": list(property_ids)})
    assert response.status_code == 201, response.text
    return response.json()["assignment"]


async def cast(client, home):
    """The home's seller and buyer, plus: the seller's hired agent, an agent hired for
    another listing only, an agent not hired, another seller and another buyer."""
    hired, elsewhere, idle = (await agent_for_hire(client), await agent_for_hire(client),
                              await agent_for_hire(client))
    second = await create_listing(client, home["seller"])
    await hire(client, home["seller"], hired)
    await hire(client, home["seller"], elsewhere, [second["id"]])
    stranger = await register(client, role="seller")
    viewing = (await book(client, home["buyer"], home["id"], home["slots"][0]["starts_at"])).json()
    return viewing, {"seller": home["seller"], "hired": hired, "buyer": home["buyer"],
                     "elsewhere": elsewhere, "idle": idle, "stranger": stranger,
                     "other": home["other"]}


async def test_availability_is_published_by_the_seller_or_their_agent_only(client, home):
    _, who = await cast(client, home)
    url = f"/api/properties/{home['id']}/availability"

    codes = {name: (await client.put(url, headers=actor.auth, json={})).status_code
             for name, actor in who.items()}
    reads = {name: (await client.get(url, headers=actor.auth)).status_code
             for name, actor in who.items()}

    assert codes == {"seller": 200, "hired": 200, "buyer": 403, "elsewhere": 403, "idle": 403,
                     "stranger": 403, "other": 403}
    assert reads == codes
    assert (await client.put("/api/properties/999999/availability", headers=who["seller"].auth,
                             json={})).status_code == 404


async def test_open_houses_are_added_by_the_seller_or_their_agent_only(client, home):
    _, who = await cast(client, home)
    url = f"/api/properties/{home['id']}/open-houses"
    body = {"starts_at": home["slots"][10]["starts_at"], "ends_at": home["slots"][12]["starts_at"],
            "capacity": 3}

    codes = {name: (await client.post(url, headers=actor.auth, json=body)).status_code
             for name, actor in who.items() if name not in ("seller", "hired")}
    added = await client.post(url, headers=who["hired"].auth, json=body)
    removal = {name: (await client.delete(f"{url}/{added.json()['id']}",
                                          headers=actor.auth)).status_code
               for name, actor in who.items() if name != "hired"}

    assert set(codes.values()) == {403}
    assert added.status_code == 201
    assert removal == {"buyer": 403, "elsewhere": 403, "idle": 403, "stranger": 403,
                       "other": 403, "seller": 204}


async def test_a_viewing_and_its_calendar_file_are_for_its_buyer_seller_and_agent(client, home):
    viewing, who = await cast(client, home)

    reads = {name: (await client.get(f"/api/viewings/{viewing['id']}",
                                     headers=actor.auth)).status_code
             for name, actor in who.items()}
    files = {name: (await client.get(f"/api/viewings/{viewing['id']}.ics",
                                     headers=actor.auth)).status_code
             for name, actor in who.items()}
    buyer_view = (await client.get(f"/api/viewings/{viewing['id']}",
                                   headers=who["buyer"].auth)).json()

    allowed = {"seller": 200, "hired": 200, "buyer": 200, "elsewhere": 404, "idle": 404,
               "stranger": 404, "other": 404}
    assert reads == allowed
    assert files == allowed
    assert "contact" not in buyer_view


async def test_moves_are_for_those_the_viewing_concerns(client, home):
    viewing, who = await cast(client, home)
    base = f"/api/viewings/{viewing['id']}"
    bodies = {"cancel": {"reason": "x"}, "decline": {}, "confirm": None, "done": None,
              "no-show": None, "feedback": {"rating": 3},
              "reschedule": {"starts_at": home["slots"][8]["starts_at"]}}
    # Role-gated routes refuse the wrong role (403) before looking; otherwise: not found.
    sellers_only = {"decline", "confirm", "done", "no-show"}

    outsiders = {(move, name): (await client.post(f"{base}/{move}", headers=actor.auth,
                                                  json=body)).status_code
                 for move, body in bodies.items() for name, actor in who.items()
                 if name in ("elsewhere", "idle", "stranger", "other")}
    confirm_by_buyer = await client.post(f"{base}/confirm", headers=who["buyer"].auth)
    rated_by_agent = await client.post(f"{base}/feedback", headers=who["hired"].auth,
                                       json={"rating": 5})
    moved_by_agent = await client.post(f"{base}/reschedule", headers=who["hired"].auth,
                                       json={"starts_at": home["slots"][8]["starts_at"]})
    canceled_by_agent = await client.post(f"{base}/cancel", headers=who["hired"].auth,
                                          json={"reason": "the seller is ill"})

    assert outsiders == {(move, name): 403 if (move in sellers_only and name == "other")
                         or (move == "feedback" and name != "other") else 404
                         for move, name in outsiders}
    assert (confirm_by_buyer.status_code, rated_by_agent.status_code) == (403, 403)
    assert moved_by_agent.status_code == 200
    assert canceled_by_agent.status_code == 200


async def test_lists_and_the_crm_calendar_show_only_ones_own(client, home):
    viewing, who = await cast(client, home)
    stranger_home = await create_listing(client, who["stranger"])
    await publish(client, who["stranger"], stranger_home["id"])
    slots = (await client.get(f"/api/properties/{stranger_home['id']}/viewing-slots",
                              params={"from": home["slots"][0]["starts_at"]})).json()["items"]
    theirs = (await book(client, who["other"], stranger_home["id"], slots[0]["starts_at"])).json()

    def ids(response):
        return sorted(v["id"] for v in response.json()["items"])

    lists = {name: ids(await client.get("/api/viewings", headers=actor.auth))
             for name, actor in who.items()}
    calendars = {name: await client.get("/api/crm/viewings", headers=actor.auth)
                 for name, actor in who.items()}

    assert lists == {"seller": [viewing["id"]], "hired": [viewing["id"]],
                     "buyer": [viewing["id"]], "elsewhere": [], "idle": [],
                     "stranger": [theirs["id"]], "other": [theirs["id"]]}
    assert {n: (r.status_code, ids(r) if r.status_code == 200 else None)
            for n, r in calendars.items()} == {
        "seller": (200, [viewing["id"]]), "hired": (200, [viewing["id"]]),
        "buyer": (403, None), "elsewhere": (200, []), "idle": (200, []),
        "stranger": (200, [theirs["id"]]), "other": (403, None)}


async def test_an_ended_hire_ends_the_agents_access(client, home):
    viewing, who = await cast(client, home)
    hires = (await client.get("/api/crm/agents", headers=who["seller"].auth)).json()["items"]
    mine = next(h for h in hires if h["agent_id"] == who["hired"].id)
    await client.post(f"/api/crm/agents/{mine['id']}/terminate", headers=who["seller"].auth)

    read = await client.get(f"/api/viewings/{viewing['id']}.ics", headers=who["hired"].auth)
    publish_again = await client.put(f"/api/properties/{home['id']}/availability",
                                     headers=who["hired"].auth, json={})

    assert (read.status_code, publish_again.status_code) == (404, 403)


async def test_the_calendar_file_follows_the_viewing(client, home):
    viewing = (await book(client, home["buyer"], home["id"], home["slots"][0]["starts_at"])).json()
    url = f"/api/viewings/{viewing['id']}"

    def event(response):
        assert response.headers["content-type"].startswith("text/calendar")
        return Calendar.from_ical(response.content).walk("VEVENT")[0]

    booked = event(await client.get(f"{url}.ics", headers=home["buyer"].auth))
    await client.post(f"{url}/reschedule", headers=home["buyer"].auth,
                      json={"starts_at": home["slots"][5]["starts_at"]})
    moved = event(await client.get(f"{url}.ics", headers=home["seller"].auth))
    await client.post(f"{url}/cancel", headers=home["buyer"].auth, json={"reason": "found one"})
    canceled = event(await client.get(f"{url}.ics", headers=home["buyer"].auth))

    assert booked["UID"] == moved["UID"] == canceled["UID"] == f"viewing-{viewing['id']}@propertyhub"
    assert [e["SEQUENCE"] for e in (booked, moved, canceled)] == [0, 1, 2]
    assert [str(e["STATUS"]) for e in (booked, moved, canceled)] == ["CONFIRMED", "CONFIRMED",
                                                                    "CANCELLED"]
    assert booked["DTSTART"].dt.isoformat() == home["slots"][0]["starts_at"]
    assert moved["DTSTART"].dt.isoformat() == home["slots"][5]["starts_at"]
    assert "Sunny family home" in str(booked["SUMMARY"])
