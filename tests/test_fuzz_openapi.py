"""Fuzz every operation of the app's own OpenAPI document (issue 9, item 13).

Schemathesis generates requests from `/docs/openapi.json`, valid ones and invalid ones,
and every answer must be no 5xx, carry a documented status and content type, and have a
body that matches its documented schema (and invalid requests must not succeed). It runs
as a seller and as a buyer, on each database of the run, with a fixed seed.

The app runs in this process on the suite's event loop, which its database pools belong
to; Hypothesis runs in a worker thread and hands each request to that loop (schemathesis'
own ASGI transport would start a second loop).

Not in the document, so not fuzzed here: `/docs` and `/docs/openapi.json` themselves, and
the Socket.IO events (tests/calls drives them with a real socket client).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.factories import create_listing, register

# Per operation, role and generation mode (~3,000 requests a database); FUZZ_EXAMPLES=200
# digs deeper by hand.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 20))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, negative_data_rejection]


@pytest.fixture
async def scene(client) -> dict[str, Any]:
    """Something to find behind every id: a listing with a lead, a cart item, an AI agent
    on an active subscription, a human agent for hire, and a live call."""
    seller = await register(client, role="seller")
    buyer = await register(client)
    agent = await register(client, role="agent")
    await client.patch("/api/auth/me", headers=agent.auth,
                       json={"monthly_fee_cents": 9900, "yearly_fee_cents": 99000})
    listing = await create_listing(client, seller)
    ai = (await client.post("/api/ai-agents", headers=seller.auth, json={"name": "Ava"})).json()
    hired = (await client.post("/api/ai-agents/hire", headers=seller.auth, json={
        "ai_agent_id": ai["id"], "plan": "monthly"})).json()
    lead = (await client.post("/api/leads", headers=buyer.auth, json={
        "property_id": listing["id"], "message": "Can I see it?"})).json()
    item = (await client.post("/api/cart", headers=buyer.auth, json={
        "property_id": listing["id"]})).json()
    call = (await client.post("/api/calls/start", headers=buyer.auth, json={
        "property_id": listing["id"]})).json()
    viewing, house, free_slot = await viewings_of(client, seller, buyer, listing["id"])
    ids = {"path": {"listing_id": listing["id"], "item_id": item["id"], "lead_id": lead["id"],
                    "agent_id": ai["id"], "sub_id": hired["subscription"]["id"],
                    "call_id": call["call_id"], "viewing_id": viewing["id"],
                    "open_house_id": house["id"]},
           "body": {"property_id": listing["id"], "ai_agent_id": ai["id"], "agent_id": agent.id,
                    "call_id": call["call_id"], "property_ids": [listing["id"]],
                    "starts_at": free_slot}}
    return {"seller": seller, "buyer": buyer, "agent": agent, "ids": ids}


async def viewings_of(client, seller, buyer, listing_id: int) -> tuple[dict, dict, str]:
    """The listing open for viewings all week; the buyer's booked viewing, an open house, and
    a slot still free."""
    await client.put(f"/api/properties/{listing_id}/availability", headers=seller.auth, json={
        "weekly": [{"day": d, "start": "08:00", "end": "20:00"}
                   for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]})
    slots = (await client.get(f"/api/properties/{listing_id}/viewing-slots")).json()["items"]
    viewing = (await client.post("/api/viewings", headers=buyer.auth, json={
        "property_id": listing_id, "starts_at": slots[0]["starts_at"]})).json()
    house = (await client.post(f"/api/properties/{listing_id}/open-houses", headers=seller.auth,
                               json={"starts_at": slots[-2]["starts_at"],
                                     "ends_at": slots[-1]["ends_at"], "capacity": 5})).json()
    return viewing, house, slots[3]["starts_at"]


def with_known_ids(ids: dict[str, dict[str, Any]]):
    """Real ids in place of generated ones, so requests reach past the 404."""
    def swap(case):
        for name in case.path_parameters or {}:
            if name in ids["path"]:
                case.path_parameters[name] = str(ids["path"][name])
        if isinstance(case.body, dict):
            case.body.update({k: v for k, v in ids["body"].items() if k in case.body})
        return case
    return swap


async def _send(client: httpx.AsyncClient, kwargs: dict[str, Any]) -> httpx.Response:
    """A request as schemathesis serialized it for `requests`, sent through httpx. JSON is
    encoded here with escapes: httpx would refuse a lone surrogate, which is the point."""
    content = kwargs.get("data")
    if "json" in kwargs:
        content = json.dumps(kwargs["json"]).encode()
    return await client.request(kwargs["method"], kwargs["url"], params=kwargs.get("params"),
                                headers=kwargs.get("headers"), content=content)


def _ends_something(operation) -> bool:
    """Deletes, hang-ups, terminations, sign-outs: run last, so the scene's call, listing
    and subscription are still there for every other operation."""
    return operation.method.upper() == "DELETE" or operation.path.endswith(
        ("/end", "/terminate", "/logout"))


def _nothing_to_negate(spec: dict) -> set[tuple[str, str]]:
    """Operations without a body, query or header parameter: their only inputs are free-form
    path strings, so there is no invalid request to make of them."""
    return {(method.upper(), path) for path, ops in spec["paths"].items()
            for method, op in ops.items()
            if "requestBody" not in op and all(p["in"] == "path" for p in op["parameters"])}


def fuzz(schema, loop, client, headers: dict[str, str], ids: dict,
         skip_negative: set[tuple[str, str]]) -> list[str]:
    failures = []
    operations = sorted((result.ok() for result in schema.get_all_operations()),
                        key=_ends_something)
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)
            if mode is GenerationMode.POSITIVE:
                strategy = st.one_of(strategy, strategy.map(with_known_ids(ids)))

            @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                      phases=[Phase.explicit, Phase.generate, Phase.shrink],
                      suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
            @given(case=strategy)
            def check(case) -> None:
                kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
                response = asyncio.run_coroutine_threadsafe(_send(client, kwargs), loop).result(60)
                case.validate_response(response, checks=CHECKS)

            try:
                check()
            except Unsatisfiable as exc:
                if (mode is not GenerationMode.NEGATIVE
                        or (operation.method.upper(), operation.path) not in skip_negative):
                    failures.append(f"{operation.label} ({mode.value}): {exc}")
            except (Exception, BaseExceptionGroup) as exc:  # schemathesis' FailureGroup
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    return failures


@pytest.mark.parametrize("role", ["seller", "buyer"])
async def test_every_operation_answers_as_documented(client, scene, role):
    spec = (await client.get("/docs/openapi.json")).json()
    schema = schemathesis.openapi.from_dict(spec)
    # Every request carries the role's token (below), so a case "without" it would not be.
    schema.config.generation.update(with_security_parameters=False)
    headers = scene[role].auth

    failures = await asyncio.to_thread(fuzz, schema, asyncio.get_running_loop(), client,
                                       headers, scene["ids"], _nothing_to_negate(spec))

    assert not failures, f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures)


def _forged(payload: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


NUL, SURROGATE = "\x00", "\ud800"
LISTS = ["/api/properties", "/api/cart", "/api/crm/leads", "/api/crm/agents",
         "/api/crm/agents/available", "/api/ai-agents", "/api/subscriptions", "/api/transactions",
         "/api/viewings", "/api/viewings/notices", "/api/crm/viewings"]
SEARCH_KEYS = [{"a": 1}, [1], 2**70, "cheap"]


def hostile(ids: dict) -> list[tuple[str, str, str, dict | None, dict | None, int]]:
    """Issue 9's inputs that each answered 500: (role, method, path, query, body, status)."""
    listing, call = ids["body"]["property_id"], ids["body"]["call_id"]
    cases = []
    for bad in (NUL, SURROGATE):
        cases += [
            ("buyer", "POST", "/api/leads", None, {"property_id": listing, "message": f"hi{bad}"}, 422),
            ("buyer", "POST", "/api/auth/register", None, {
                "email": "n@example.com", "password": "long enough", "name": f"N{bad}",
                "role": "buyer"}, 422),
            ("buyer", "POST", "/api/auth/login", None, {"email": f"n{bad}@example.com",
                                                        "password": "long enough"}, 422),
            ("seller", "POST", "/api/properties", None, {
                "title": "Home", "property_type": "house", "listing_type": "sale", "price": 1,
                "city": f"Austin{bad}"}, 422),
        ]
    cases.append(("agent", "PATCH", "/api/auth/me", None, {"yearly_fee_cents": 10**10}, 422))
    for path in LISTS:
        who = "buyer" if path == "/api/cart" else "seller"
        cases.append((who, "GET", path, {"cursor": _forged({"i": 2**70})}, None, 400))
    for k in SEARCH_KEYS:
        cursor = _forged({"f": "x", "k": k, "i": 1, "t": 1, "r": "eq"})
        cases.append(("buyer", "GET", "/api/properties", {"cursor": cursor, "sort": "price"},
                      None, 400))
    for since in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"):
        cases.append(("buyer", "GET", "/api/properties", {"updated_since": since}, None, 400))
        cases.append(("seller", "GET", "/api/crm/viewings", {"to": since}, None, 400))
        cases.append(("buyer", "POST", "/api/viewings", None, {"property_id": listing,
                                                               "starts_at": since}, 422))
    cases += [
        ("buyer", "GET", "/api/properties", {"amenities": ",".join(map(str, range(3000)))}, None,
         400),
        ("seller", "GET", "/api/crm/leads", {"property_id": "1" * 30}, None, 400),
        ("seller", "GET", "/api/analytics", {"to": "0001-01-01"}, None, 400),
        ("seller", "GET", "/api/analytics", {"from": "9999-12-31", "to": "9999-12-31"}, None, 400),
        ("buyer", "POST", "/api/calls/process", None, {"call_id": call,
                                                       "text": "find homes under 1.2.3"}, 200),
        ("buyer", "POST", "/api/calls/process", None, {"call_id": call,
                                                       "text": "find homes under ,,,"}, 200),
    ]
    return cases


async def test_issue_9_inputs_answer_as_documented(client, scene):
    """The inputs of issue 9, item 12, as explicit cases through the same checks."""
    schema = schemathesis.openapi.from_dict((await client.get("/docs/openapi.json")).json())
    for role, method, path, query, body, status in hostile(scene["ids"]):
        operation = schema[path][method]
        case = operation.Case(query=query, **({"body": body, "media_type": "application/json"}
                                               if body is not None else {}))
        kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=scene[role].auth)
        response = await _send(client, kwargs)
        assert response.status_code == status, (method, path, query, body, response.text)
        case.validate_response(response, checks=CHECKS)
