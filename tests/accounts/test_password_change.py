"""A new password ends every other sign-in (issue 9, item 7)."""

from __future__ import annotations

from tests.support.factories import PASSWORD, register


async def login(client, email: str) -> dict:
    response = await client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200
    return response.json()


async def test_changing_the_password_revokes_every_other_session(client):
    me = await register(client, email="owner@example.com")
    laptop = await login(client, "owner@example.com")
    phone = await login(client, "owner@example.com")

    changed = await client.patch("/api/auth/me", headers=me.auth, json={
        "password": "a brand new passphrase", "current_password": PASSWORD})

    assert changed.status_code == 200
    for other in (laptop, phone):
        stale = await client.get("/api/auth/me",
                                 headers={"Authorization": f"Bearer {other['access_token']}"})
        refreshed = await client.post("/api/auth/refresh",
                                      json={"refresh_token": other["refresh_token"]})
        assert (stale.status_code, refreshed.status_code) == (401, 401)
    assert (await client.get("/api/auth/me", headers=me.auth)).status_code == 200
    assert (await client.post("/api/auth/refresh", json={
        "refresh_token": me.tokens["refresh_token"]})).status_code == 200


async def test_other_profile_changes_keep_sessions(client):
    me = await register(client, email="keeper@example.com")
    laptop = await login(client, "keeper@example.com")

    await client.patch("/api/auth/me", headers=me.auth, json={"name": "New Name"})

    assert (await client.get("/api/auth/me", headers={
        "Authorization": f"Bearer {laptop['access_token']}"})).status_code == 200
