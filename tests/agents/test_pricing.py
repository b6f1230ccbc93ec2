"""No free AI agents, no agents passing for the platform (issue 9, item 6)."""

from __future__ import annotations

import pytest

from propertyhub.agents.models import AiAgent
from propertyhub.common.names import impersonates_platform
from tests.billing.conftest import hire
from tests.billing.conftest import market as market  # the shared fixture
from tests.support.factories import register


async def test_an_agent_priced_below_the_minimum_is_refused(client):
    seller = await register(client, role="seller")

    free = await client.post("/api/ai-agents", headers=seller.auth, json={
        "name": "Freebie", "price_monthly_cents": 0, "price_yearly_cents": 0})
    cheap_update_target = await client.post("/api/ai-agents", headers=seller.auth,
                                            json={"name": "Ava"})
    cheap = await client.put(f"/api/ai-agents/{cheap_update_target.json()['id']}",
                             headers=seller.auth, json={"price_yearly_cents": 1})

    assert free.status_code == 422
    assert set(free.json()["error"]["details"]) == {"price_monthly_cents", "price_yearly_cents"}
    # Not given: the platform minimum.
    assert (cheap_update_target.json()["price_monthly_cents"],
            cheap_update_target.json()["price_yearly_cents"]) == (990, 9900)
    assert cheap.status_code == 422


async def test_an_agent_priced_below_the_minimum_before_the_rule_cannot_be_hired(client, market):
    await AiAgent.filter(id=market["agent"]["id"]).update(price_monthly_cents=0)

    response = await hire(client, market)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "agent_unavailable"


@pytest.mark.parametrize("name", ["PropertyHub Official Assistant", "Property Hub helper",
                                  "Pr0perty-Hub", "Official listings bot",
                                  # fullwidth letters, folded by NFKC
                                  "\uff50\uff52\uff4f\uff50\uff45\uff52\uff54\uff59\uff48\uff55\uff42",
                                  "Support desk", "Platform agent", "Admin"])
async def test_names_that_pass_for_the_platform_are_refused(client, name):
    seller = await register(client, role="seller")

    response = await client.post("/api/ai-agents", headers=seller.auth,
                                 json={"name": name, "is_public": True})

    assert response.status_code == 422
    assert "name" in response.json()["error"]["details"]


@pytest.mark.parametrize("name", ["Ava", "Austin Home Helper", "Hubert", "Offic Ella",
                                  "Stafford Realty", "Badminton Court Homes"])
def test_ordinary_names_pass(name):
    assert not impersonates_platform(name)


async def test_human_agent_fees_follow_the_same_minimum(client):
    agent = await register(client, role="agent")

    low = await client.patch("/api/auth/me", headers=agent.auth,
                             json={"monthly_fee_cents": 0, "yearly_fee_cents": 10})
    fine = await client.patch("/api/auth/me", headers=agent.auth,
                              json={"monthly_fee_cents": 990, "yearly_fee_cents": 9900})

    assert low.status_code == 422
    assert set(low.json()["error"]["details"]) == {"monthly_fee_cents", "yearly_fee_cents"}
    assert fine.status_code == 200
