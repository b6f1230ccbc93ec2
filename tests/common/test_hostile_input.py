"""No input reaches a 500 (issue 9): text that is not text, numbers beyond their column,
forged cursors, dates at the ends of the calendar, lists without end. Each is a clear 4xx
in the contract's error shape, on both databases."""

from __future__ import annotations

import base64
import json
from types import SimpleNamespace

import pytest

from tests.common.test_errors import assert_error
from tests.support.factories import PASSWORD, create_listing, listing_body, register

NUL, SURROGATE = "\x00", "\ud800"
BAD_TEXT = pytest.mark.parametrize("bad", [NUL, SURROGATE], ids=["nul", "surrogate"])


async def send(client, method: str, path: str, body: dict, actor=None):
    """`body` as JSON with escapes (httpx cannot encode a lone surrogate itself)."""
    headers = {"content-type": "application/json", **(actor.auth if actor else {})}
    return await client.request(method, path, content=json.dumps(body).encode(),
                                headers=headers)


@pytest.fixture
async def world(client):
    seller = await register(client, role="seller")
    buyer = await register(client)
    agent = await register(client, role="agent")
    listing = await create_listing(client, seller)
    lead = (await client.post("/api/leads", headers=buyer.auth, json={
        "property_id": listing["id"], "message": "Can I see it?"})).json()
    ai = (await client.post("/api/ai-agents", headers=seller.auth, json={"name": "Ava"})).json()
    return SimpleNamespace(seller=seller, buyer=buyer, agent=agent, listing=listing, lead=lead,
                           ai=ai)


# (who, method, path, body with the bad text in `field`, field)
TEXT_CASES = [
    ("buyer", "POST", "/api/leads", lambda w, s: {"property_id": w.listing["id"],
                                                  "message": f"Hello{s}"}, "message"),
    (None, "POST", "/api/auth/register", lambda w, s: {
        "email": "new@example.com", "password": PASSWORD, "name": f"Ann{s}", "role": "buyer"},
     "name"),
    (None, "POST", "/api/auth/register", lambda w, s: {
        "email": "new@example.com", "password": PASSWORD + s, "name": "Ann", "role": "buyer"},
     "password"),
    (None, "POST", "/api/auth/login", lambda w, s: {"email": f"ann{s}@example.com",
                                                    "password": PASSWORD}, "email"),
    (None, "POST", "/api/auth/login", lambda w, s: {"email": w.buyer.user["email"],
                                                    "password": PASSWORD + s}, "password"),
    (None, "POST", "/api/auth/refresh", lambda w, s: {"refresh_token": f"x{s}"},
     "refresh_token"),
    ("seller", "POST", "/api/properties", lambda w, s: listing_body(city=f"Austin{s}"), "city"),
    ("seller", "POST", "/api/properties", lambda w, s: listing_body(amenities=[f"pool{s}"]),
     "amenities"),
    ("seller", "POST", "/api/properties",
     lambda w, s: listing_body(images=[f"https://img.example.com/{s}.jpg"]), "images"),
    ("seller", "PATCH", "/api/properties/{listing}", lambda w, s: {"description": f"x{s}"},
     "description"),
    ("buyer", "POST", "/api/cart", lambda w, s: {"property_id": w.listing["id"],
                                                 "note": f"n{s}"}, "note"),
    ("seller", "PATCH", "/api/crm/leads/{lead}", lambda w, s: {"notes": f"n{s}"}, "notes"),
    ("seller", "POST", "/api/ai-agents", lambda w, s: {"name": "Ava", "persona": f"p{s}"},
     "persona"),
    ("seller", "POST", "/api/ai-agents", lambda w, s: {"name": "Ava",
                                                       "voice": {"voice_id": f"v{s}"}}, "voice"),
    ("seller", "PUT", "/api/ai-agents/{ai}", lambda w, s: {"greeting": f"g{s}"}, "greeting"),
    ("agent", "PATCH", "/api/auth/me", lambda w, s: {"bio": f"b{s}"}, "bio"),
    ("agent", "PATCH", "/api/auth/me", lambda w, s: {"service_areas": [f"a{s}"]},
     "service_areas"),
    ("buyer", "POST", "/api/calls/process", lambda w, s: {"call_id": 1, "text": f"hi{s}"},
     "text"),
    ("seller", "POST", "/api/ai-agents/hire", lambda w, s: {
        "ai_agent_id": w.ai["id"], "plan": "monthly", f"note{s}": 1}, "_schema"),
]


@BAD_TEXT
@pytest.mark.parametrize(("who", "method", "path", "body", "field"), TEXT_CASES,
                         ids=[f"{c[2]}:{c[4]}" for c in TEXT_CASES])
async def test_text_without_nul_or_surrogates_in_every_body(client, world, bad, who, method,
                                                            path, body, field):
    path = path.format(listing=world.listing["id"], lead=world.lead["id"], ai=world.ai["id"])
    actor = getattr(world, who) if who else None
    response = await send(client, method, path, body(world, bad), actor)

    error = assert_error(response, 422, "validation_failed")
    assert field in error["details"], error


@pytest.mark.parametrize("param", ["q", "city", "state", "postal_code", "amenities", "sort"])
async def test_text_without_nul_in_query_parameters(client, param):
    response = await client.get("/api/properties", params={param: f"austin{NUL}"})

    error = assert_error(response, 400, "bad_request")
    assert param in error["details"]


async def test_text_without_nul_in_other_endpoints_queries(client, world):
    leads = await client.get("/api/crm/leads", params={"status": NUL},
                             headers=world.seller.auth)
    analytics = await client.get("/api/analytics", params={"to": f"2026-01-01{NUL}"},
                                 headers=world.seller.auth)

    assert_error(leads, 400, "bad_request")
    assert_error(analytics, 400, "bad_request")


ID_PATHS = [("GET", "/api/properties/{}", "buyer"), ("PATCH", "/api/properties/{}", "seller"),
            ("DELETE", "/api/cart/{}", "buyer"), ("PATCH", "/api/crm/leads/{}", "seller"),
            ("PUT", "/api/ai-agents/{}", "seller"), ("POST", "/api/ai-agents/{}/terminate", "seller"),
            ("GET", "/api/subscriptions/{}", "seller"), ("GET", "/api/calls/{}", "buyer")]


@pytest.mark.parametrize("raw", ["\u00b2", "9" * 5000, str(2**64)], ids=["superscript", "long", "int8"])
async def test_path_ids_that_cannot_be_ours_are_not_found(client, world, raw):
    for method, path, who in ID_PATHS:
        response = await send(client, method, path.format(raw), {}, getattr(world, who))
        assert_error(response, 404, "not_found")


@pytest.mark.parametrize("limit", ["\u00b2", "9" * 5000, "0", "101"])
async def test_limits_out_of_range(client, world, limit):
    for path in ("/api/cart", "/api/ai-agents", "/api/properties"):
        response = await client.get(path, params={"limit": limit}, headers=world.buyer.auth)
        assert_error(response, 400, "bad_request")


async def test_an_agents_fees_fit_their_column(client, world):
    too_big = await client.patch("/api/auth/me", headers=world.agent.auth,
                                 json={"yearly_fee_cents": 10**10})
    largest = await client.patch("/api/auth/me", headers=world.agent.auth,
                                 json={"yearly_fee_cents": 2**31 - 1})

    error = assert_error(too_big, 422, "validation_failed")
    assert "yearly_fee_cents" in error["details"]
    assert largest.status_code == 200, largest.text


@pytest.mark.parametrize(("path", "param", "value"), [
    ("/api/properties", "min_area", 2**31), ("/api/properties", "max_area", 10**12),
    ("/api/properties", "min_price", 2**63), ("/api/properties", "owner_id", 2**63),
    ("/api/crm/leads", "property_id", 10**29), ("/api/crm/leads", "property_id", 0),
])
async def test_integer_query_parameters_fit_their_column(client, world, path, param, value):
    response = await client.get(path, params={param: value}, headers=world.seller.auth)

    error = assert_error(response, 400, "bad_request")
    assert param in error["details"]


async def test_a_phone_number_fits_its_column(client, world):
    phone = "+" + "1" * 32  # 33 characters; the column holds 32
    registered = await send(client, "POST", "/api/auth/register", {
        "email": "long@example.com", "password": PASSWORD, "name": "Ann", "role": "buyer",
        "phone": phone})
    lead = await send(client, "POST", "/api/leads", {
        "property_id": world.listing["id"], "message": "hi", "phone": phone}, world.buyer)

    assert "phone" in assert_error(registered, 422, "validation_failed")["details"]
    assert "phone" in assert_error(lead, 422, "validation_failed")["details"]


async def test_a_city_that_grows_when_case_folded_is_stored_and_found(client, world):
    city = "Straße" * 20  # 120 characters; case-folded ("ss") it is 140
    created = await client.post("/api/properties", headers=world.seller.auth,
                                json=listing_body(city=city))
    found = await client.get("/api/properties", params={"city": city.lower()})

    assert created.status_code == 201, created.text
    assert [x["id"] for x in found.json()["items"]] == [created.json()["id"]]


def forge(payload: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def payload_of(token: str) -> dict:
    body = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


LISTS = [("/api/properties", None), ("/api/cart", "buyer"), ("/api/crm/leads", "seller"),
         ("/api/crm/agents", "seller"), ("/api/crm/agents/available", None),
         ("/api/ai-agents", None), ("/api/subscriptions", "seller"),
         ("/api/transactions", "seller")]


@pytest.mark.parametrize(("path", "who"), LISTS, ids=[p for p, _ in LISTS])
@pytest.mark.parametrize("payload", [{"i": 2**70}, {"i": -1}, {"i": "7"}, {"i": 1.5}, [],
                                     {"i": 1, "f": "x", "k": 1, "t": 1, "r": "eq"}],
                         ids=["huge", "negative", "string", "float", "list", "search-shaped"])
async def test_a_forged_cursor_is_invalid_on_every_list(client, world, path, who, payload):
    headers = getattr(world, who).auth if who else {}
    response = await client.get(path, params={"cursor": forge(payload)}, headers=headers)

    assert_error(response, 400, "invalid_cursor")


@pytest.mark.parametrize(("sort", "k"), [
    ("price", {"a": 1}), ("price", [1]), ("price", 2**70), ("price", "cheap"),
    ("area", 2**40), ("bedrooms", 2**20), ("newest", 5), ("newest", "yesterday"),
    ("newest", {"a": 1}),
])
async def test_a_search_cursor_with_forged_keys_is_invalid(client, world, sort, k):
    for n in range(3):
        await create_listing(client, world.seller, price=100_000 + n)
    first = await client.get("/api/properties", params={"sort": sort, "limit": 1})
    genuine = first.json()["next_cursor"]
    edited = {**payload_of(genuine), "k": k}

    forged = await client.get("/api/properties", params={"sort": sort, "limit": 1,
                                                         "cursor": forge(edited)})
    resigned = await client.get("/api/properties", params={
        "sort": sort, "limit": 1, "cursor": forge(edited) + "." + genuine.partition(".")[2]})

    assert_error(forged, 400, "invalid_cursor")
    assert_error(resigned, 400, "invalid_cursor")


@pytest.mark.parametrize("since", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
                                   "1969-12-31T23:59:59Z", "3000-01-01T00:00:00Z",
                                   "2999-12-31T23:30:00-01:00"])
async def test_updated_since_outside_the_supported_range(client, since):
    response = await client.get("/api/properties", params={"updated_since": since})

    assert "updated_since" in assert_error(response, 400, "bad_request")["details"]


async def test_updated_since_at_the_ends_of_the_supported_range(client):
    for since in ("1970-01-01T00:00:00Z", "2999-12-31T23:59:59Z", "1970-01-01T01:00:00+01:00",
                  "2026-01-01t00:00:00z"):  # RFC 3339 allows the lower case
        response = await client.get("/api/properties", params={"updated_since": since})
        assert response.status_code == 200, (since, response.text)


@pytest.mark.parametrize("params", [{"to": "0001-01-01"}, {"from": "9999-12-31", "to": "9999-12-31"},
                                    {"from": "0001-01-01", "to": "0001-01-02"},
                                    {"from": "1969-12-31"}, {"from": "3000-01-01", "to": "3000-01-01"}])
async def test_analytics_days_outside_the_supported_range(client, world, params):
    response = await client.get("/api/analytics", params=params, headers=world.seller.auth)

    assert_error(response, 400, "bad_request")


async def test_analytics_at_the_ends_of_the_supported_range(client, world):
    for params, days in (({"from": "1970-01-01", "to": "1970-01-30"}, ("1970-01-01", "1970-01-30")),
                         ({"from": "2999-12-01", "to": "2999-12-31"}, ("2999-12-01", "2999-12-31")),
                         ({"to": "1970-01-03"}, ("1970-01-01", "1970-01-03"))):  # default from
        response = await client.get("/api/analytics", params=params, headers=world.seller.auth)
        assert response.status_code == 200, (params, response.text)
        assert (response.json()["from"], response.json()["to"]) == days


@pytest.mark.parametrize("amenities", [",".join(f"a{n}" for n in range(3000)),
                                       ",".join(f"a{n}" for n in range(51)), "x" * 61])
async def test_the_amenities_filter_is_bounded(client, amenities):
    response = await client.get("/api/properties", params={"amenities": amenities})

    assert "amenities" in assert_error(response, 400, "bad_request")["details"]


async def test_the_amenities_filter_takes_as_many_as_a_listing_has(client, world):
    wanted = [f"a{n}" for n in range(50)]
    home = await create_listing(client, world.seller, amenities=wanted)
    response = await client.get("/api/properties", params={"amenities": ",".join(wanted)})

    assert [x["id"] for x in response.json()["items"]] == [home["id"]]
