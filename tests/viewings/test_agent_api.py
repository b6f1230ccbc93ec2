"""The service functions the call agent books through, and the CRM's side of a booking."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from propertyhub.calls.models import CallLog
from propertyhub.common.errors import ApiError
from propertyhub.crm.models import Lead
from propertyhub.viewings import services
from propertyhub.viewings.models import ViewingNotice
from tests.support.factories import register
from tests.viewings.conftest import CHICAGO, local_day


async def call_of(home) -> CallLog:
    from propertyhub.agents.models import AiAgent

    agent = await AiAgent.create(owner_id=home["seller"].id, name="Ava")
    return await CallLog.create(buyer_id=home["buyer"].id, seller_id=home["seller"].id,
                                ai_agent_id=agent.id, property_id=home["id"], status="active")


async def test_free_slots_are_local_times_of_the_listing(client, home):
    start, end = local_day(home["day"])

    slots = await services.free_slots(home["id"], start=start, end=end, limit=2)

    assert [s.start.strftime("%H:%M") for s in slots] == ["09:00", "09:30"]
    assert all(s.start.tzinfo == CHICAGO and s.kind == "viewing" for s in slots)


async def test_booking_in_a_call_links_the_calls_lead_and_offers_the_next_on_a_clash(client,
                                                                                     home):
    call = await call_of(home)
    start, end = local_day(home["day"])
    first, second = await services.free_slots(home["id"], start=start, end=end, limit=2)

    viewing = await services.book(home["buyer"].id, home["id"], first.start, call_id=call.id,
                                  idempotency_key=f"call:{call.id}:{first.start.isoformat()}")
    again = await services.book(home["buyer"].id, home["id"], first.start, call_id=call.id,
                                idempotency_key=f"call:{call.id}:{first.start.isoformat()}")
    with pytest.raises(ApiError) as taken:
        await services.book(home["other"].id, home["id"], first.start)

    lead = await Lead.get(call_id=call.id)
    assert (viewing.source, viewing.call_id, viewing.lead_id) == ("call", call.id, lead.id)
    assert again.id == viewing.id
    assert (lead.source, lead.status) == ("call", "viewing_scheduled")
    assert (taken.value.status, taken.value.code) == (409, "slot_taken")
    offered = taken.value.details["next_slots"][0]
    assert datetime.fromisoformat(offered["starts_at"]) == second.start.astimezone(UTC)


async def test_nothing_free_is_recorded_for_the_seller(client, home):
    call = await call_of(home)
    wanted = datetime(home["day"].year, home["day"].month, home["day"].day, 19,
                      tzinfo=CHICAGO)

    lead = await services.request_without_slot(
        home["buyer"].id, home["id"], wanted_from=wanted, wanted_to=wanted + timedelta(hours=2),
        note="Evenings only.", call_id=call.id)

    assert (lead.call_id, lead.requested_from, lead.status) == (call.id, wanted, "new")
    assert "Evenings only." in lead.message
    notice = await ViewingNotice.get(user_id=home["seller"].id)
    assert (notice.kind, notice.lead_id) == ("no_slot", lead.id)
    assert "19:00" in notice.text


async def test_the_leads_timeline_shows_its_viewings(client, home):
    lead = (await client.post("/api/leads", headers=home["buyer"].auth, json={
        "property_id": home["id"], "message": "Can I see it?"})).json()
    viewing = (await client.post("/api/viewings", headers=home["buyer"].auth, json={
        "property_id": home["id"], "starts_at": home["slots"][1]["starts_at"]})).json()

    timeline = await client.get(f"/api/crm/leads/{lead['id']}/viewings",
                                headers=home["seller"].auth)
    other_seller = await client.get(f"/api/crm/leads/{lead['id']}/viewings",
                                    headers=(await register(client, role="seller")).auth)
    crm = (await client.get("/api/crm/leads", headers=home["seller"].auth)).json()["items"]

    assert [v["id"] for v in timeline.json()["items"]] == [viewing["id"]]
    assert timeline.json()["items"][0]["contact"]["name"] == home["buyer"].user["name"]
    assert other_seller.status_code == 404
    assert [(item["id"], item["status"]) for item in crm] == [(lead["id"], "viewing_scheduled")]

