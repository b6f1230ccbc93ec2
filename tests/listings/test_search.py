"""Search: every parameter of the contract, with the same answers on both databases."""

from __future__ import annotations

import pytest

from propertyhub.listings.search_params import SearchParams
from propertyhub.listings.services import search_listings
from tests.support.factories import create_listing, register

AUSTIN = (30.2672, -97.7431)
ROUND_ROCK = (30.5083, -97.6789)
DALLAS = (32.7767, -96.7970)


@pytest.fixture
async def catalogue(client):
    """Six listings with distinct prices, in creation order a..f."""
    seller = await register(client, role="seller")
    other = await register(client, role="agent")
    specs = {
        "a": dict(title="Cozy Bungalow", city="Austin", price=300_000, bedrooms=2,
                  bathrooms=1, area_sqft=1100, property_type="house",
                  amenities=["garden"], latitude=AUSTIN[0], longitude=AUSTIN[1],
                  description="Quiet street", postal_code="78702"),
        "b": dict(title="Downtown Loft", city="Austin", price=550_000, bedrooms=1,
                  bathrooms=1, area_sqft=900, property_type="condo",
                  amenities=["gym", "pool"], latitude=AUSTIN[0] + 0.01,
                  longitude=AUSTIN[1] + 0.01, description="Skyline views"),
        "c": dict(title="Family Home", city="Round Rock", price=620_000, bedrooms=4,
                  bathrooms=3, area_sqft=2600, property_type="house",
                  amenities=["garage", "pool"], latitude=ROUND_ROCK[0],
                  longitude=ROUND_ROCK[1], description="Big backyard, good schools"),
        "d": dict(title="Starter Townhouse", city="Round Rock", price=410_000, bedrooms=3,
                  bathrooms=2.5, area_sqft=1500, property_type="townhouse",
                  amenities=["garage"], latitude=ROUND_ROCK[0] + 0.02,
                  longitude=ROUND_ROCK[1], description="Near the lake"),
        "e": dict(title="Apartment for rent", city="Dallas", price=2_100, bedrooms=2,
                  bathrooms=1, area_sqft=950, property_type="apartment",
                  listing_type="rent", amenities=["gym"], latitude=DALLAS[0],
                  longitude=DALLAS[1], description="Month to month", state="TX"),
        "f": dict(title="Ranch land", city="Dallas", price=900_000, bedrooms=0, bathrooms=0,
                  area_sqft=500_000, property_type="land", amenities=[], latitude=None,
                  longitude=None, description="Open acreage", year_built=None),
    }
    ids = {}
    for key, spec in specs.items():
        owner = other if key == "f" else seller
        ids[key] = (await create_listing(client, owner, **spec))["id"]
    return {"ids": ids, "seller": seller, "other": other}


async def search(client, **params):
    response = await client.get("/api/properties", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def keys(catalogue, body):
    by_id = {v: k for k, v in catalogue["ids"].items()}
    return "".join(by_id[item["id"]] for item in body["items"])


@pytest.mark.parametrize(("params", "expected"), [
    ({}, "fedcba"),
    ({"city": "round rock"}, "dc"),
    ({"city": "AUSTIN", "max_price": 400_000}, "a"),
    ({"min_price": 400_000, "max_price": 700_000}, "dcb"),
    ({"min_bedrooms": 2, "max_bedrooms": 3}, "eda"),
    ({"min_bathrooms": 2.5}, "dc"),
    ({"min_area": 1000, "max_area": 2000}, "da"),
    ({"property_type": "house,condo"}, "cba"),
    ({"listing_type": "rent"}, "e"),
    ({"amenities": "pool"}, "cb"),
    ({"amenities": "POOL,garage"}, "c"),
    ({"postal_code": "78702"}, "a"),
    ({"state": "tx"}, "fedcba"),
    ({"q": "home"}, "c"),
    ({"q": "fam ho"}, "c"),
    ({"q": "round"}, "dc"),
    ({"q": "lake"}, "d"),
    ({"q": "family dallas"}, ""),
    ({"q": "oak street"}, "fedcba"),
    ({"sort": "price"}, "eadbcf"),
    ({"sort": "-price"}, "fcbdae"),
    ({"sort": "area"}, "beadcf"),
    ({"sort": "-area"}, "fcdaeb"),
    ({"sort": "bedrooms"}, "fbaedc"),
    ({"bbox": "-97.80,30.20,-97.60,30.60"}, "dcba"),
    ({"bbox": "-97.70,30.45,-97.60,30.60", "sort": "price"}, "dc"),
    ({"lat": ROUND_ROCK[0], "lng": ROUND_ROCK[1], "radius_km": 5, "sort": "distance"}, "cd"),
    ({"lat": AUSTIN[0], "lng": AUSTIN[1], "radius_km": 40, "sort": "distance"}, "abcd"),
    ({"lat": AUSTIN[0], "lng": AUSTIN[1], "radius_km": 1}, "a"),
])
async def test_filters_and_sorts(client, catalogue, params, expected):
    body = await search(client, **params)

    assert keys(catalogue, body) == expected
    assert body["total"] == len(expected)
    assert body["total_relation"] == "eq"
    assert body["next_cursor"] is None


async def test_owner_filter(client, catalogue):
    body = await search(client, owner_id=catalogue["other"].id)
    assert keys(catalogue, body) == "f"


async def test_updated_since(client, catalogue):
    seller = catalogue["seller"]
    listing = (await search(client, sort="price", limit=1))["items"][0]
    changed = await client.patch(f"/api/properties/{listing['id']}", headers=seller.auth,
                                 json={"title": "Renovated apartment"})
    since = changed.json()["updated_at"]

    body = await search(client, updated_since=since)

    assert [i["id"] for i in body["items"]] == [listing["id"]]


async def test_status_filter(client, catalogue):
    seller = catalogue["seller"]
    await client.patch(f"/api/properties/{catalogue['ids']['c']}", headers=seller.auth,
                       json={"status": "sold"})

    assert keys(catalogue, await search(client, status="sold")) == "c"
    assert "c" not in keys(catalogue, await search(client))


@pytest.mark.parametrize("sort", ["newest", "price", "-price", "area", "bedrooms", "distance"])
async def test_cursor_pages_cover_everything_once(client, catalogue, sort):
    params = {"sort": sort, "limit": 2}
    if sort == "distance":
        params.update(lat=AUSTIN[0], lng=AUSTIN[1], radius_km=400)
    whole = keys(catalogue, await search(client, **{**params, "limit": 100}))

    seen, pages, cursor = "", 0, None
    while True:
        body = await search(client, **params, **({"cursor": cursor} if cursor else {}))
        seen += keys(catalogue, body)
        pages += 1
        assert body["total"] == len(whole)
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert seen == whole
    assert pages == (len(whole) + 1) // 2


async def test_first_page_total_is_exact_when_there_are_more(client, catalogue):
    body = await search(client, limit=2)
    assert (body["total"], body["total_relation"]) == (6, "eq")
    assert len(body["items"]) == 2


async def test_cursor_from_another_query_is_refused(client, catalogue):
    cursor = (await search(client, limit=2))["next_cursor"]

    other = await client.get("/api/properties", params={"limit": 2, "sort": "price",
                                                        "cursor": cursor})
    garbage = await client.get("/api/properties", params={"cursor": "not-a-cursor"})

    assert other.status_code == 400
    assert other.json()["error"]["code"] == "invalid_cursor"
    assert garbage.status_code == 400


@pytest.mark.parametrize("params", [
    {"min_price": "cheap"}, {"limit": "0"}, {"limit": "101"}, {"sort": "random"},
    {"property_type": "castle"}, {"lat": "30", "lng": "-97"}, {"radius_km": "5"},
    {"bbox": "1,2,3"}, {"bbox": "10,10,0,0"}, {"lat": "91", "lng": "0", "radius_km": "1"},
    {"sort": "distance"}, {"updated_since": "yesterday"}, {"colour": "red"},
    {"min_bathrooms": "nan"}, {"listing_type": "lease"},
])
async def test_malformed_parameters_are_400(client, params):
    response = await client.get("/api/properties", params=params)

    assert response.status_code == 400, params
    error = response.json()["error"]
    assert error["code"] == "bad_request"
    assert error["details"]


async def test_withdrawn_listings_need_their_owner(client):
    response = await client.get("/api/properties", params={"status": "withdrawn"})
    assert response.status_code == 401


async def test_search_items_are_exactly_the_public_listing(client, catalogue):
    body = await search(client)

    for item in body["items"]:
        assert item == (await client.get(f"/api/properties/{item['id']}")).json()


async def test_a_capped_count_stops_at_its_cap(client, catalogue):
    """The voice agent counts "at least 3" rather than paying for the whole count."""
    capped = await search_listings(SearchParams(limit=1), count_cap=3)
    exact = await search_listings(SearchParams(limit=1), count_cap=10)

    assert (capped.total, capped.total_relation, len(capped.items)) == (3, "gte", 1)
    assert (exact.total, exact.total_relation) == (6, "eq")
