from __future__ import annotations

import asyncio
import json
import logging

from propertyhub.ops.observability import JsonFormatter, request_id


async def test_request_id_is_echoed_or_made(client):
    given = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    made = await client.get("/healthz")
    error = await client.get("/api/nowhere", headers={"X-Request-ID": "trace-me"})

    assert given.headers["x-request-id"] == "abc-123"
    assert len(made.headers["x-request-id"]) == 32
    assert error.headers["x-request-id"] == "trace-me"


async def test_metrics_count_requests_by_route_and_status(client):
    await client.get("/api/properties")
    await client.get("/api/properties/999999")

    text = (await client.get("/metrics")).text

    assert 'propertyhub_http_requests_total{method="GET",route="/api/properties",status="200"}' \
        in text
    assert ('propertyhub_http_requests_total{method="GET",route="/api/properties/{listing_id}",'
            'status="404"}') in text
    assert "propertyhub_http_request_seconds_bucket" in text
    assert "propertyhub_connected_sockets" in text


def test_logs_are_json_with_the_request_id():
    token = request_id.set("rid-42")
    try:
        record = logging.LogRecord("propertyhub", logging.INFO, __file__, 1, "hello %s",
                                   ("world",), None)
        entry = json.loads(JsonFormatter().format(record))
    finally:
        request_id.reset(token)

    assert (entry["message"], entry["request_id"], entry["level"]) == (
        "hello world", "rid-42", "INFO")


async def test_task_outcomes_are_in_metrics(client):
    from tests.support.factories import create_listing, register

    seller = await register(client, role="seller")
    await create_listing(client, seller)
    agent = (await client.post("/api/ai-agents", headers=seller.auth,
                               json={"name": "A"})).json()
    before = (await client.get("/metrics")).text
    await client.post("/api/ai-agents/hire", headers=seller.auth,
                      json={"ai_agent_id": agent["id"], "plan": "monthly"})

    line = 'propertyhub_celery_tasks_total{task="workers.tasks.settle_charge_task",' \
           'outcome="success"}'

    def count(text: str) -> float:
        found = [x for x in text.splitlines() if x.startswith(line)]
        return float(found[0].rsplit(" ", 1)[1]) if found else 0.0

    # The task reports success just after its work is visible to the request.
    for _ in range(50):
        after = (await client.get("/metrics")).text
        if count(after) > count(before):
            break
        await asyncio.sleep(0.05)
    assert count(after) == count(before) + 1
