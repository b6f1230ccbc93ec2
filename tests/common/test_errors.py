"""Every failure speaks the contract's error shape; nothing reaches a 500."""

from __future__ import annotations

import pytest

from tests.support.factories import register


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    if code:
        assert error["code"] == code
    return error


async def test_unknown_route_and_wrong_method(client):
    assert_error(await client.get("/api/nothing-here"), 404, "not_found")
    assert_error(await client.put("/api/properties"), 405, "method_not_allowed")


async def test_trailing_slash_is_not_redirected(client):
    response = await client.get("/api/properties/")
    assert response.status_code == 404


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"", b"\"text\"", b"\xff\xfe"])
async def test_bodies_that_are_not_json_objects(client, body):
    response = await client.post("/api/auth/login", content=body,
                                 headers={"content-type": "application/json"})
    assert_error(response, 400, "invalid_json")


async def test_oversized_body_is_413_before_any_work(client):
    response = await client.post("/api/auth/register", content=b"x" * (1024 * 1024 + 1))
    assert_error(response, 413, "payload_too_large")


async def test_oversized_body_without_length_is_413(client):
    async def chunks():
        for _ in range(17):
            yield b"y" * 65536

    response = await client.post("/api/auth/register", content=chunks())
    assert_error(response, 413, "payload_too_large")


async def test_nothing_half_written_on_validation_failure(client):
    seller = await register(client, role="seller")
    await client.post("/api/properties", headers=seller.auth, json={"title": "x", "price": -5})

    body = (await client.get("/api/properties", params={"owner_id": seller.id})).json()
    assert body["total"] == 0


async def test_wrong_types_everywhere_are_422_not_500(client):
    seller = await register(client, role="seller")
    for path, body in [("/api/properties", {"title": ["x"], "price": {"a": 1}, "city": 5}),
                       ("/api/auth/login", {"email": 5, "password": None}),
                       ("/api/auth/register", {"email": [], "role": 7})]:
        assert_error(await client.post(path, json=body, headers=seller.auth), 422,
                     "validation_failed")
