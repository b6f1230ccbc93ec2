"""What people are told: a notice per change, reminders 24 h and 1 h before, once each."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from propertyhub.accounts.models import User
from propertyhub.common.inprocess import Scheduler
from propertyhub.common.models import utcnow
from propertyhub.schedule import schedule
from propertyhub.viewings.models import Viewing, ViewingNotice
from propertyhub.viewings.notices import send_reminders
from tests.viewings.conftest import book, publish


async def notices(client, who) -> list[tuple[str, int]]:
    items = (await client.get("/api/viewings/notices", headers=who.auth)).json()["items"]
    return [(n["kind"], n["sequence"]) for n in reversed(items)]


async def test_each_change_tells_the_people_concerned(client, home):
    await publish(client, home["seller"], home["id"], instant_confirm=False)
    viewing = (await book(client, home["buyer"], home["id"], home["slots"][0]["starts_at"])).json()
    url = f"/api/viewings/{viewing['id']}"
    await client.post(f"{url}/confirm", headers=home["seller"].auth)
    await client.post(f"{url}/reschedule", headers=home["buyer"].auth,
                      json={"starts_at": home["slots"][3]["starts_at"]})
    await client.post(f"{url}/cancel", headers=home["seller"].auth, json={"reason": "sold"})

    buyer, seller = await notices(client, home["buyer"]), await notices(client, home["seller"])

    expected = [("requested", 0), ("confirmed", 0), ("rescheduled", 1), ("canceled", 2)]
    assert buyer == expected
    assert seller == expected
    assert await notices(client, home["other"]) == []
    texts = [n.text for n in await ViewingNotice.filter(user_id=home["buyer"].id).order_by("id")]
    assert texts[0].startswith("Viewing of Sunny family home requested for ")
    assert "(CST)" in texts[0] or "(CDT)" in texts[0]
    assert texts[-1].endswith("canceled (sold).")


async def _confirmed_in(home, hours: float, booked_hours_before: float = 72) -> Viewing:
    """A confirmed viewing starting `hours` from now, booked well before (by a buyer of its
    own: one upcoming viewing per buyer and listing)."""
    start = utcnow() + timedelta(hours=hours)
    buyer = await User.create(email=f"b{hours}@example.com", password_hash="x", name="B",
                              role="buyer")
    viewing = await Viewing.create(
        property_id=home["id"], buyer_id=buyer.id, seller_id=home["seller"].id,
        status="confirmed", starts_at=start, ends_at=start + timedelta(minutes=30),
        time_zone="America/Chicago")
    await Viewing.filter(id=viewing.id).update(
        updated_at=start - timedelta(hours=booked_hours_before))
    return await Viewing.get(id=viewing.id)


async def test_reminders_go_once_a_day_and_an_hour_before(client, home):
    tomorrow = await _confirmed_in(home, 23)
    soon = await _confirmed_in(home, 0.5)
    later = await _confirmed_in(home, 30)  # not yet
    last_minute = await _confirmed_in(home, 20, booked_hours_before=21)  # the booking said it

    first = await send_reminders()
    again = await asyncio.gather(send_reminders(), send_reminders())

    sent = sorted((n.viewing_id, n.kind, n.user_id) for n in await ViewingNotice.all())
    assert first == {"reminder_24h": 2, "reminder_1h": 2}
    assert again == [{}, {}]
    seller = home["seller"].id
    assert sent == sorted([(tomorrow.id, "reminder_24h", tomorrow.buyer_id),
                           (tomorrow.id, "reminder_24h", seller),
                           (soon.id, "reminder_1h", soon.buyer_id),
                           (soon.id, "reminder_1h", seller)])
    assert later.id not in {s[0] for s in sent} and last_minute.id not in {s[0] for s in sent}


async def test_a_moved_viewing_is_reminded_again_for_its_new_time(client, home):
    viewing = await _confirmed_in(home, 23)
    await send_reminders()
    await Viewing.filter(id=viewing.id).update(sequence=1,
                                               updated_at=viewing.updated_at)

    await send_reminders()

    assert sorted((n.kind, n.sequence) for n in await ViewingNotice.filter(
        user_id=viewing.buyer_id)) == [("reminder_24h", 0), ("reminder_24h", 1)]


async def test_canceled_and_pending_viewings_are_not_reminded(client, home):
    viewing = await _confirmed_in(home, 0.5)
    await Viewing.filter(id=viewing.id).update(status="canceled")
    pending = await _confirmed_in(home, 0.75)
    await Viewing.filter(id=pending.id).update(status="requested")

    assert await send_reminders() == {}


async def test_the_scheduler_sends_them_with_nobody_asking(app, client, home):
    viewing = await _confirmed_in(home, 0.5)
    scheduler = Scheduler(app.sanic.ctx.jobs, schedule(app.sanic.ctx.settings), interval_seconds=0.05)

    scheduler.start()
    try:
        for _ in range(100):
            if await ViewingNotice.filter(viewing_id=viewing.id).count() == 2:
                break
            await asyncio.sleep(0.05)
    finally:
        await scheduler.stop()

    assert await ViewingNotice.filter(viewing_id=viewing.id, kind="reminder_1h").count() == 2
