from __future__ import annotations

import re

import pytest
from tortoise import Tortoise


async def test_health_and_readiness(client, backend):
    health = await client.get("/healthz")
    ready = await client.get("/readyz")

    assert health.json() == {"status": "ok"}
    assert ready.status_code == 200
    expected = {"database": "ok", "redis": "ok"} if backend == "postgres" else {"database": "ok"}
    assert ready.json()["checks"] == expected


@pytest.mark.production_topology
async def test_readiness_fails_when_redis_is_gone(client, app):
    from redis.asyncio import Redis

    working = app.sanic.ctx.redis
    app.sanic.ctx.redis = Redis.from_url("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        response = await client.get("/readyz")
    finally:
        await app.sanic.ctx.redis.aclose()
        app.sanic.ctx.redis = working

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "down"}


async def test_openapi_describes_every_route_with_schemas(client, app):
    spec = (await client.get("/docs/openapi.json")).json()
    page = await client.get("/docs")

    assert page.status_code == 200 and "swagger" in page.text.lower()
    documented = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    for route in app.sanic.router.routes:
        path = "/" + re.sub(r"<(\w+)(?::[^>]*)?>", r"{\1}", route.path).lstrip("/")
        for method in route.methods - {"HEAD", "OPTIONS"}:
            if path.startswith("/docs"):
                continue
            assert (path, method.lower()) in documented, (path, method)
    create = spec["paths"]["/api/properties"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PropertyCreate"}
    schemas = spec["components"]["schemas"]
    assert "price" in schemas["PropertyCreate"]["properties"]
    assert schemas["PropertyPublic"]["properties"]["id"]["readOnly"] is True
    assert "422" in create["responses"]
    search_params = {p["name"] for p in spec["paths"]["/api/properties"]["get"]["parameters"]}
    assert {"q", "bbox", "radius_km", "cursor", "sort", "amenities"} <= search_params


async def test_docs_page_loads_swagger_ui_from_this_server_only(client):
    page = await client.get("/docs")
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    served = {ref: await client.get(ref) for ref in assets}
    elsewhere = await client.get("/docs/assets/index.html")  # the bundle's own demo page

    assert "://" not in page.text  # nothing from another host, so the docs work offline
    assert sorted(assets) == ["/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css"]
    assert '"/docs/openapi.json"' in page.text
    for ref, response in served.items():
        assert response.status_code == 200, ref
        assert len(response.content) > 100_000, ref
    assert served["/docs/assets/swagger-ui-bundle.js"].headers["content-type"].startswith(
        "application/javascript")
    assert served["/docs/assets/swagger-ui.css"].headers["content-type"].startswith("text/css")
    assert elsewhere.status_code == 404
    assert set(elsewhere.json()["error"]) == {"code", "message", "details"}


async def test_readiness_fails_when_the_database_is_gone(client, monkeypatch):
    conn = Tortoise.get_connection("default")

    async def broken(*args, **kwargs):
        raise ConnectionError("database went away")

    monkeypatch.setattr(type(conn), "execute_query", broken)
    response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"
