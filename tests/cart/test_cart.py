from __future__ import annotations

from tests.support.factories import create_listing, register


async def test_buyer_adds_lists_and_removes(client):
    seller = await register(client, role="seller")
    buyer = await register(client)
    first = await create_listing(client, seller, title="First")
    second = await create_listing(client, seller, title="Second")

    added = await client.post("/api/cart", headers=buyer.auth,
                              json={"property_id": first["id"], "note": "near work"})
    await client.post("/api/cart", headers=buyer.auth, json={"property_id": second["id"]})
    listed = await client.get("/api/cart", headers=buyer.auth)

    assert added.status_code == 201
    item = added.json()
    assert set(item) == {"id", "property", "note", "added_at"}
    assert item["property"] == first
    assert item["note"] == "near work"
    assert [i["property"]["title"] for i in listed.json()["items"]] == ["Second", "First"]
    assert listed.json()["next_cursor"] is None

    removed = await client.delete(f"/api/cart/{item['id']}", headers=buyer.auth)
    again = await client.delete(f"/api/cart/{item['id']}", headers=buyer.auth)
    assert removed.status_code == 204
    assert again.status_code == 404
    assert len((await client.get("/api/cart", headers=buyer.auth)).json()["items"]) == 1


async def test_duplicate_and_unknown_listing(client):
    seller = await register(client, role="seller")
    buyer = await register(client)
    listing = await create_listing(client, seller)
    await client.post("/api/cart", headers=buyer.auth, json={"property_id": listing["id"]})

    duplicate = await client.post("/api/cart", headers=buyer.auth,
                                  json={"property_id": listing["id"]})
    unknown = await client.post("/api/cart", headers=buyer.auth, json={"property_id": 987654})
    wrong_type = await client.post("/api/cart", headers=buyer.auth,
                                   json={"property_id": str(listing["id"])})

    assert duplicate.status_code == 409
    assert duplicate.json()["error"]["code"] == "already_in_cart"
    assert unknown.status_code == 404
    assert wrong_type.status_code == 422


async def test_cart_is_private_and_for_buyers(client):
    seller = await register(client, role="seller")
    alice = await register(client)
    bob = await register(client)
    listing = await create_listing(client, seller)
    item = (await client.post("/api/cart", headers=alice.auth,
                              json={"property_id": listing["id"]})).json()

    bob_deletes = await client.delete(f"/api/cart/{item['id']}", headers=bob.auth)
    bob_lists = await client.get("/api/cart", headers=bob.auth)
    seller_adds = await client.post("/api/cart", headers=seller.auth,
                                    json={"property_id": listing["id"]})
    leads = await client.get("/api/crm/leads", headers=seller.auth)

    assert bob_deletes.status_code == 404
    assert bob_lists.json()["items"] == []
    assert seller_adds.status_code == 403
    assert leads.json()["items"] == []  # a cart add is no lead


async def test_cart_pages_and_withdrawn_listings_stay_readable(client):
    seller = await register(client, role="seller")
    buyer = await register(client)
    listings = [await create_listing(client, seller, title=f"L{i}") for i in range(5)]
    for listing in listings:
        await client.post("/api/cart", headers=buyer.auth, json={"property_id": listing["id"]})
    await client.delete(f"/api/properties/{listings[0]['id']}", headers=seller.auth)

    titles, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = (await client.get("/api/cart", headers=buyer.auth, params=params)).json()
        titles += [(i["property"]["title"], i["property"]["status"]) for i in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break

    assert titles == [("L4", "active"), ("L3", "active"), ("L2", "active"), ("L1", "active"),
                      ("L0", "withdrawn")]


async def test_a_cart_add_counts_once_per_buyer_and_listing(client):
    seller = await register(client, role="seller")
    fickle = await register(client)
    other = await register(client)
    listing = await create_listing(client, seller)
    ref = {"property_id": listing["id"]}

    for _ in range(5):  # add, remove, add again...
        item = (await client.post("/api/cart", headers=fickle.auth, json=ref)).json()
        assert (await client.delete(f"/api/cart/{item['id']}", headers=fickle.auth)
                ).status_code == 204
    await client.post("/api/cart", headers=fickle.auth, json=ref)
    await client.post("/api/cart", headers=fickle.auth, json=ref)  # 409: already there
    await client.post("/api/cart", headers=other.auth, json=ref)
    numbers = (await client.get("/api/analytics", headers=seller.auth)).json()

    assert numbers["totals"]["cart_adds"] == 2
    assert numbers["by_property"][0]["cart_adds"] == 2
