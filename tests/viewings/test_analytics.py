"""Viewings in the seller's analytics: requested, booked, done and no-shows per listing and
day, and the funnel on from leads."""

from __future__ import annotations

from datetime import timedelta

from propertyhub.common.models import utcnow
from propertyhub.viewings.models import Viewing
from tests.support.factories import create_listing, register
from tests.viewings.conftest import book, publish


async def test_requested_booked_done_and_no_shows_by_listing_and_day(client, home):
    await publish(client, home["seller"], home["id"], instant_confirm=False)
    third = await register(client)
    rival = await register(client, role="seller")
    await create_listing(client, rival)
    await client.post("/api/leads", headers=home["buyer"].auth,
                      json={"property_id": home["id"], "message": "hi"})
    ids = [(await book(client, b, home["id"], home["slots"][n]["starts_at"])).json()["id"]
           for n, b in enumerate((home["buyer"], home["other"], third))]
    seller = home["seller"].auth
    for viewing_id in ids[:2]:
        await client.post(f"/api/viewings/{viewing_id}/confirm", headers=seller)
    past = utcnow() - timedelta(hours=3)
    for n, viewing_id in enumerate(ids[:2]):
        await Viewing.filter(id=viewing_id).update(starts_at=past + timedelta(minutes=n),
                                                   ends_at=past + timedelta(minutes=30 + n))
    await client.post(f"/api/viewings/{ids[0]}/done", headers=seller)
    await client.post(f"/api/viewings/{ids[1]}/no-show", headers=seller)
    await client.post(f"/api/viewings/{ids[2]}/decline", headers=seller, json={})

    mine = (await client.get("/api/analytics", headers=seller)).json()["viewings"]
    theirs = (await client.get("/api/analytics", headers=rival.auth)).json()["viewings"]

    today, day_of_past = utcnow().date().isoformat(), past.date().isoformat()
    assert mine["totals"] == {"requested": 3, "booked": 2, "done": 1, "no_show": 1}
    assert mine["by_property"] == [{"property_id": home["id"], "requested": 3, "booked": 2,
                                    "done": 1, "no_show": 1}]
    # Three leads (one inquiry, two made by bookings), two viewings booked.
    assert mine["conversion"]["lead_to_viewing"] == round(2 / 3, 4)
    days = {d["date"]: d for d in mine["daily"] if any(d[k] for k in ("requested", "done"))}
    assert days[today]["requested"] == 3 and days[today]["booked"] == 2
    assert days[day_of_past]["done"] == 1 and days[day_of_past]["no_show"] == 1
    assert len(mine["daily"]) == 30
    assert theirs["totals"] == {"requested": 0, "booked": 0, "done": 0, "no_show": 0}
    assert theirs["by_property"] == []
