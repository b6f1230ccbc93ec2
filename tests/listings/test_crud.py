from __future__ import annotations

from propertyhub.crm.models import AgentAssignment
from tests.support.factories import create_listing, listing_body, register


async def test_seller_lists_a_home_and_anyone_reads_it(client):
    seller = await register(client, role="seller")

    created = await create_listing(client, seller, amenities=["Pool", " garage ", "pool"])
    read = await client.get(f"/api/properties/{created['id']}")

    assert read.status_code == 200
    listing = read.json()
    assert listing == created
    assert listing["owner_id"] == seller.id
    assert listing["status"] == "active"
    assert listing["amenities"] == ["garage", "pool"]
    assert listing["bathrooms"] == 2.5
    assert set(listing) == {
        "id", "owner_id", "title", "description", "property_type", "listing_type", "status",
        "price", "currency", "bedrooms", "bathrooms", "area_sqft", "year_built", "address",
        "city", "state", "postal_code", "country", "latitude", "longitude", "amenities",
        "images", "created_at", "updated_at", "time_zone"}
    assert listing["time_zone"] == "America/Chicago"  # Texas, when the seller names none


async def test_buyers_cannot_list_and_anonymous_must_sign_in(client):
    buyer = await register(client, role="buyer")

    as_buyer = await client.post("/api/properties", json=listing_body(), headers=buyer.auth)
    anonymous = await client.post("/api/properties", json=listing_body())

    assert as_buyer.status_code == 403
    assert anonymous.status_code == 401


async def test_agents_may_list(client):
    agent = await register(client, role="agent")
    listing = await create_listing(client, agent)
    assert listing["owner_id"] == agent.id


async def test_server_set_and_unknown_fields_are_rejected(client):
    seller = await register(client, role="seller")

    response = await client.post("/api/properties", headers=seller.auth, json=listing_body(
        id=5, owner_id=99, created_at="2020-01-01T00:00:00Z", colour="red"))

    assert response.status_code == 422
    assert set(response.json()["error"]["details"]) == {"id", "owner_id", "created_at", "colour"}


async def test_validation_of_values(client):
    seller = await register(client, role="seller")

    response = await client.post("/api/properties", headers=seller.auth, json=listing_body(
        price=-1, property_type="castle", latitude=95, bedrooms="three", images=["ftp://x"]))

    assert response.status_code == 422
    assert set(response.json()["error"]["details"]) == {
        "price", "property_type", "latitude", "bedrooms", "images"}


async def test_coordinates_go_together(client):
    seller = await register(client, role="seller")
    listing = await create_listing(client, seller)

    on_create = await client.post("/api/properties", headers=seller.auth,
                                  json=listing_body(longitude=None))
    on_update = await client.patch(f"/api/properties/{listing['id']}", headers=seller.auth,
                                   json={"latitude": None})

    assert on_create.status_code == 422
    assert on_update.status_code == 422


async def test_owner_updates_and_others_cannot(client):
    seller = await register(client, role="seller")
    other = await register(client, role="seller")
    listing = await create_listing(client, seller)

    updated = await client.patch(f"/api/properties/{listing['id']}", headers=seller.auth,
                                 json={"price": 399_000, "status": "pending"})
    foreign = await client.patch(f"/api/properties/{listing['id']}", headers=other.auth,
                                 json={"price": 1})

    assert updated.status_code == 200
    assert updated.json()["price"] == 399_000
    assert updated.json()["status"] == "pending"
    assert updated.json()["title"] == listing["title"]
    assert foreign.status_code == 403
    assert (await client.get(f"/api/properties/{listing['id']}")).json()["price"] == 399_000


async def test_update_keeps_text_search_in_step(client):
    seller = await register(client, role="seller")
    listing = await create_listing(client, seller, title="Plain house")

    await client.patch(f"/api/properties/{listing['id']}", headers=seller.auth,
                       json={"title": "Victorian mansion"})

    hits = (await client.get("/api/properties", params={"q": "victorian"})).json()
    misses = (await client.get("/api/properties", params={"q": "plain"})).json()
    assert [i["id"] for i in hits["items"]] == [listing["id"]]
    assert misses["items"] == []


async def test_withdraw_hides_from_search_and_from_strangers(client):
    seller = await register(client, role="seller")
    other = await register(client, role="seller")
    listing = await create_listing(client, seller)

    foreign = await client.delete(f"/api/properties/{listing['id']}", headers=other.auth)
    deleted = await client.delete(f"/api/properties/{listing['id']}", headers=seller.auth)

    assert foreign.status_code == 403  # an active listing is public: no secret to keep
    assert deleted.status_code == 204
    assert (await client.get("/api/properties")).json()["total"] == 0
    own = await client.get("/api/properties", params={"status": "withdrawn"}, headers=seller.auth)
    assert [i["id"] for i in own.json()["items"]] == [listing["id"]]
    theirs = await client.get("/api/properties", params={"status": "withdrawn"},
                              headers=other.auth)
    assert theirs.json()["items"] == []


async def test_a_withdrawn_listing_is_read_only_by_those_who_hold_it(client):
    seller = await register(client, role="seller")
    carted, inquired, stranger = [await register(client) for _ in range(3)]
    agent = await register(client, role="agent")
    listing = await create_listing(client, seller)
    path = f"/api/properties/{listing['id']}"
    await client.post("/api/cart", headers=carted.auth, json={"property_id": listing["id"]})
    await client.post("/api/leads", headers=inquired.auth,
                      json={"property_id": listing["id"], "message": "hi"})
    await AgentAssignment.create(seller_id=seller.id, agent_id=agent.id, plan="monthly")
    await client.delete(path, headers=seller.auth)

    readers = {name: (await client.get(path, headers=who.auth if who else {})).status_code
               for name, who in [("owner", seller), ("cart", carted), ("lead", inquired),
                                 ("hired agent", agent), ("stranger", stranger),
                                 ("anonymous", None)]}
    gone = await client.get(path)

    assert readers == {"owner": 200, "cart": 200, "lead": 200, "hired agent": 200,
                       "stranger": 404, "anonymous": 404}
    assert gone.json()["error"]["code"] == "not_found"
    assert gone.json() == (await client.get("/api/properties/999999")).json()


async def test_no_route_takes_a_withdrawn_listing_from_a_stranger(client):
    seller = await register(client, role="seller")
    buyer = await register(client)
    rival = await register(client, role="seller")
    listing = await create_listing(client, seller)
    await client.delete(f"/api/properties/{listing['id']}", headers=seller.auth)
    ref = {"property_id": listing["id"]}

    statuses = {
        "cart add": await client.post("/api/cart", headers=buyer.auth, json=ref),
        "lead": await client.post("/api/leads", headers=buyer.auth, json={**ref, "message": "hi"}),
        "call": await client.post("/api/calls/start", headers=buyer.auth, json=ref),
        "change": await client.patch(f"/api/properties/{listing['id']}", headers=rival.auth,
                                     json={"title": "Mine now"}),
        "withdraw": await client.delete(f"/api/properties/{listing['id']}", headers=rival.auth),
        "search": await client.get("/api/properties", headers=buyer.auth,
                                   params={"status": "withdrawn", "owner_id": seller.id}),
    }
    numbers = (await client.get("/api/analytics", headers=seller.auth)).json()

    assert {k: r.status_code for k, r in statuses.items()} == {
        "cart add": 404, "lead": 404, "call": 404, "change": 404, "withdraw": 404,
        "search": 403}
    assert numbers["totals"]["cart_adds"] == numbers["totals"]["leads"] == 0
    assert (await client.get("/api/cart", headers=buyer.auth)).json()["items"] == []


async def test_unknown_and_malformed_ids_are_404(client):
    for path in ("/api/properties/999999", "/api/properties/abc", "/api/properties/-1",
                 "/api/properties/99999999999999999999999"):
        response = await client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
