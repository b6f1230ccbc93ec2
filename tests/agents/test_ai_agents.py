from __future__ import annotations

import pytest

from tests.support.factories import register


def agent_body(**overrides):
    body = {"name": "Ava", "description": "Friendly and precise", "is_public": True,
            "greeting": "Hi, I'm Ava. Ask me anything about this home.",
            "persona": "Warm, concise, never pushy.",
            "voice": {"provider": "espeak", "voice_id": "en-us", "language": "en-US",
                      "speed": 1.1, "pitch": 2},
            "max_call_seconds": 600, "silence_timeout_seconds": 30,
            "price_monthly_cents": 4900, "price_yearly_cents": 49000}
    body.update(overrides)
    return body


async def test_seller_creates_and_catalogue_shows_public_and_own(client):
    seller = await register(client, role="seller")
    other = await register(client, role="seller")
    public = (await client.post("/api/ai-agents", json=agent_body(), headers=seller.auth))
    private = (await client.post("/api/ai-agents", json=agent_body(name="Mine", is_public=False),
                                 headers=seller.auth)).json()

    anonymous = (await client.get("/api/ai-agents")).json()["items"]
    owner_view = (await client.get("/api/ai-agents", headers=seller.auth)).json()["items"]
    other_view = (await client.get("/api/ai-agents", headers=other.auth)).json()["items"]

    assert public.status_code == 201
    created = public.json()
    assert created["owner_id"] == seller.id
    assert created["voice"] == {"provider": "espeak", "voice_id": "en-us", "language": "en-US",
                                "speed": 1.1, "pitch": 2}
    assert [a["name"] for a in anonymous] == ["Ava"]
    assert [a["name"] for a in owner_view] == ["Mine", "Ava"]
    assert [a["name"] for a in other_view] == ["Ava"]
    assert private["is_public"] is False


async def test_defaults_fill_a_minimal_agent(client):
    seller = await register(client, role="seller")

    agent = (await client.post("/api/ai-agents", json={"name": "Min"},
                               headers=seller.auth)).json()

    assert agent["voice"] == {"provider": "browser", "voice_id": "default", "language": "en-US",
                              "speed": 1.0, "pitch": 0.0}
    assert agent["max_call_seconds"] == 900
    assert agent["greeting"]


@pytest.mark.parametrize(("voice", "field"), [
    ({"speed": 2.5}, "speed"), ({"speed": 0.4}, "speed"), ({"pitch": 40}, "pitch"),
    ({"language": "english"}, "language"), ({"provider": "skype"}, "provider"),
    ({"colour": "red"}, "colour"),
])
async def test_voice_settings_are_validated(client, voice, field):
    seller = await register(client, role="seller")

    response = await client.post("/api/ai-agents", json=agent_body(voice=voice),
                                 headers=seller.auth)

    assert response.status_code == 422
    assert field in response.json()["error"]["details"]["voice"]


async def test_only_the_owner_changes_or_deletes(client):
    seller = await register(client, role="seller")
    other = await register(client, role="seller")
    buyer = await register(client)
    agent = (await client.post("/api/ai-agents", json=agent_body(), headers=seller.auth)).json()
    private = (await client.post("/api/ai-agents", json=agent_body(is_public=False),
                                 headers=seller.auth)).json()

    updated = await client.put(f"/api/ai-agents/{agent['id']}", headers=seller.auth,
                               json={"name": "Ava 2", "voice": {"speed": 1.5}})
    foreign = await client.put(f"/api/ai-agents/{agent['id']}", headers=other.auth,
                               json={"name": "Hijack"})
    hidden = await client.delete(f"/api/ai-agents/{private['id']}", headers=other.auth)
    as_buyer = await client.post("/api/ai-agents", json=agent_body(), headers=buyer.auth)
    deleted = await client.delete(f"/api/ai-agents/{agent['id']}", headers=seller.auth)

    assert updated.status_code == 200
    assert updated.json()["name"] == "Ava 2"
    assert updated.json()["voice"]["speed"] == 1.5
    assert updated.json()["voice"]["provider"] == "espeak"
    assert foreign.status_code == 403
    assert hidden.status_code == 404
    assert as_buyer.status_code == 403
    assert deleted.status_code == 204
    assert (await client.delete(f"/api/ai-agents/{agent['id']}",
                                headers=seller.auth)).status_code == 404
