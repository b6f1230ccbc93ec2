"""No input reaches a 500 (issue 9): text that is not text, numbers beyond their column,
forged cursors, dates at the ends of the calendar, lists without end. Each is a clear 4xx
in the contract's error shape, on both databases."""

from __future__ import annotations

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
