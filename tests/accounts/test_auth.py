from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

from tests.conftest import TEST_SECRET
from tests.support.factories import PASSWORD, register


async def test_register_returns_user_and_token_pair(client):
    response = await client.post("/api/auth/register", json={
        "email": "Ann@Example.com", "password": PASSWORD, "name": "Ann", "role": "seller",
        "phone": "+1 512 555 0100"})

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"user", "access_token", "refresh_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 900
    user = body["user"]
    assert set(user) == {"id", "email", "name", "role", "phone", "created_at"}
    assert user["email"] == "ann@example.com"
    assert user["role"] == "seller"
    assert user["created_at"].endswith(("Z", "+00:00"))


async def test_access_token_claims_are_pinned_and_short_lived(client):
    actor = await register(client)
    token = actor.tokens["access_token"]

    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    claims = jwt.decode(token, TEST_SECRET, algorithms=["HS256"], audience="propertyhub-api")
    assert {"iss", "aud", "sub", "iat", "exp", "jti", "typ"} <= set(claims)
    assert claims["typ"] == "access"
    assert claims["sub"] == str(actor.id)
    assert claims["exp"] - claims["iat"] <= 900


async def test_email_is_unique_case_insensitively(client):
    await register(client, email="dup@example.com")

    response = await client.post("/api/auth/register", json={
        "email": "DUP@example.com", "password": PASSWORD, "name": "X", "role": "buyer"})

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "email_taken"


async def test_register_validation_names_each_bad_field(client):
    response = await client.post("/api/auth/register", json={
        "email": "not-an-email", "password": "short", "name": "", "role": "admin", "x": 1})

    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert set(details) == {"email", "password", "name", "role", "x"}


async def test_login_and_wrong_password(client):
    actor = await register(client)

    ok = await client.post("/api/auth/login", json={"email": actor.user["email"].upper(),
                                                    "password": PASSWORD})
    wrong = await client.post("/api/auth/login", json={"email": actor.user["email"],
                                                       "password": "nope-nope"})
    unknown = await client.post("/api/auth/login", json={"email": "ghost@example.com",
                                                         "password": PASSWORD})

    assert ok.status_code == 200
    assert ok.json()["user"]["id"] == actor.id
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_credentials"
    assert unknown.status_code == 401


async def test_refresh_rotates_and_reuse_revokes_the_family(client):
    actor = await register(client)
    first = actor.tokens["refresh_token"]

    rotated = await client.post("/api/auth/refresh", json={"refresh_token": first})
    assert rotated.status_code == 200
    second = rotated.json()["refresh_token"]
    new_access = rotated.json()["access_token"]
    assert second != first

    reuse = await client.post("/api/auth/refresh", json={"refresh_token": first})
    assert reuse.status_code == 401

    # The whole family is gone: the newer token and its access token too.
    after = await client.post("/api/auth/refresh", json={"refresh_token": second})
    me = await client.get("/api/auth/me", headers={"Authorization": f"Bearer {new_access}"})
    assert after.status_code == 401
    assert me.status_code == 401


async def test_logout_revokes_the_session(client):
    actor = await register(client)

    response = await client.post("/api/auth/logout", headers=actor.auth,
                                 json={"refresh_token": actor.tokens["refresh_token"]})

    assert response.status_code == 204
    assert (await client.get("/api/auth/me", headers=actor.auth)).status_code == 401
    refresh = await client.post("/api/auth/refresh",
                                json={"refresh_token": actor.tokens["refresh_token"]})
    assert refresh.status_code == 401


async def test_bad_tokens_are_401(client):
    actor = await register(client)
    now = datetime.now(UTC)
    expired = jwt.encode({"iss": "propertyhub", "aud": "propertyhub-api", "sub": str(actor.id),
                          "iat": now - timedelta(hours=1), "exp": now - timedelta(minutes=1),
                          "jti": "x", "typ": "access", "role": "buyer",
                          "sid": "00000000-0000-0000-0000-000000000000"},
                         TEST_SECRET, algorithm="HS256")
    forged_none = jwt.encode({"sub": str(actor.id), "typ": "access"}, None, algorithm="none")

    for header in (f"Bearer {expired}", f"Bearer {forged_none}", "Bearer garbage", "Basic abc"):
        response = await client.get("/api/auth/me", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.json()["error"]["code"] == "invalid_token"
    assert (await client.get("/api/auth/me")).status_code == 401


async def test_me_and_profile_update(client):
    agent = await register(client, role="agent")

    response = await client.patch("/api/auth/me", headers=agent.auth, json={
        "name": "Agent Smith", "bio": "Twenty years in Austin", "monthly_fee_cents": 9900,
        "yearly_fee_cents": 99000, "service_areas": ["Austin", "Round Rock"]})

    assert response.status_code == 200
    user = response.json()["user"]
    assert user["name"] == "Agent Smith"
    assert user["service_areas"] == ["Austin", "Round Rock"]
    me = (await client.get("/api/auth/me", headers=agent.auth)).json()["user"]
    assert me["monthly_fee_cents"] == 9900


async def test_profile_rules(client):
    buyer = await register(client)

    agent_only = await client.patch("/api/auth/me", headers=buyer.auth, json={"bio": "hi"})
    no_current = await client.patch("/api/auth/me", headers=buyer.auth,
                                    json={"password": "new password 1"})
    wrong_current = await client.patch("/api/auth/me", headers=buyer.auth, json={
        "password": "new password 1", "current_password": "wrong"})
    changed = await client.patch("/api/auth/me", headers=buyer.auth, json={
        "password": "new password 1", "current_password": PASSWORD})
    server_set = await client.patch("/api/auth/me", headers=buyer.auth, json={"role": "seller"})

    assert agent_only.status_code == 422 and "bio" in agent_only.json()["error"]["details"]
    assert no_current.status_code == 422
    assert wrong_current.status_code == 422
    assert changed.status_code == 200
    assert server_set.status_code == 422
    login = await client.post("/api/auth/login", json={"email": buyer.user["email"],
                                                       "password": "new password 1"})
    assert login.status_code == 200


async def test_login_is_rate_limited_per_account(client, app):
    from propertyhub.common.ratelimit import parse_rule

    actor = await register(client)
    ctx = app.sanic.ctx
    original = ctx.login_rule
    ctx.login_rule = parse_rule("3/minute")
    try:
        statuses = []
        for _ in range(4):
            r = await client.post("/api/auth/login", json={"email": actor.user["email"],
                                                           "password": "wrong-password"})
            statuses.append(r.status_code)
    finally:
        ctx.login_rule = original

    assert statuses == [401, 401, 401, 429]
    assert int(r.headers["retry-after"]) >= 1
    assert r.json()["error"]["code"] == "rate_limited"


async def test_registration_is_rate_limited_per_ip(client, app):
    from propertyhub.common.ratelimit import parse_rule

    ctx = app.sanic.ctx
    original = ctx.register_rule
    ctx.register_rule = parse_rule("2/minute")
    try:
        statuses = [(await client.post("/api/auth/register", json={
            "email": f"rl{i}@example.com", "password": PASSWORD, "name": "R",
            "role": "buyer"})).status_code for i in range(3)]
    finally:
        ctx.register_rule = original

    assert statuses == [201, 201, 429]
