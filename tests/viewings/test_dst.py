"""The slots endpoint on the days the listing's clocks change (the next ones from today)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.support.factories import create_listing, register
from tests.viewings.conftest import CHICAGO, book, days_ahead, free, local_day, publish, week


def next_change(forward: bool) -> date:
    """The next day America/Chicago springs forward (or falls back)."""
    day = days_ahead(2)
    for _ in range(366):
        start = datetime(day.year, day.month, day.day, tzinfo=CHICAGO)
        end = datetime(day.year, day.month, day.day, 23, 59, tzinfo=CHICAGO)
        change = end.utcoffset() - start.utcoffset()
        if change and (change > timedelta(0)) == forward:
            return day
        day += timedelta(days=1)
    raise AssertionError("no change within a year")


def real(slot: dict) -> timedelta:
    return (datetime.fromisoformat(slot["ends_at"]) - datetime.fromisoformat(slot["starts_at"]))


async def night_owl(client, start: str, end: str):
    seller = await register(client, role="seller")
    listing = await create_listing(client, seller, time_zone="America/Chicago")
    await publish(client, seller, listing["id"], weekly=week(start, end), notice_minutes=0)
    return listing


async def test_spring_forward_has_no_slot_in_the_missing_hour(client):
    listing = await night_owl(client, "00:00", "04:00")
    day = next_change(forward=True)

    slots = await free(client, listing["id"], *local_day(day))

    labels = [s["local_start"][11:19] for s in slots]
    assert labels == ["00:00:00", "00:30:00", "01:00:00", "01:30:00", "03:00:00", "03:30:00"]
    assert [s["local_start"][-6:] for s in slots] == ["-06:00"] * 4 + ["-05:00"] * 2
    assert all(real(s) == timedelta(minutes=30) for s in slots)
    assert slots[4]["starts_at"] == slots[3]["ends_at"]  # 01:30 CST ends as 03:00 CDT begins


async def test_fall_back_offers_each_local_time_once(client):
    listing = await night_owl(client, "00:00", "03:00")
    day = next_change(forward=False)

    slots = await free(client, listing["id"], *local_day(day))

    labels = [s["local_start"][11:16] for s in slots]
    assert labels == ["00:00", "00:30", "01:00", "01:30", "02:00", "02:30"]
    assert [s["local_start"][-6:] for s in slots] == ["-05:00"] * 4 + ["-06:00"] * 2
    assert all(real(s) == timedelta(minutes=30) for s in slots)
    # The repeated hour (01:00-02:00 CST) offers nothing: an hour's gap in real time.
    gap = datetime.fromisoformat(slots[4]["starts_at"]) - datetime.fromisoformat(
        slots[3]["ends_at"])
    assert gap == timedelta(hours=1)


async def test_a_slot_across_the_change_books_and_reads_back_in_local_time(client):
    listing = await night_owl(client, "00:00", "04:00")
    buyer = await register(client)
    day = next_change(forward=True)
    slot = (await free(client, listing["id"], *local_day(day)))[4]  # 03:00 CDT

    viewing = (await book(client, buyer, listing["id"], slot["local_start"])).json()

    assert viewing["local_start"] == slot["local_start"]
    assert datetime.fromisoformat(viewing["starts_at"]).astimezone(UTC) == datetime.fromisoformat(
        slot["starts_at"])
