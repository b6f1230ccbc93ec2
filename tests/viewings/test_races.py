"""No double booking, ever: concurrent bookings of one slot, on each database of the run.

On PostgreSQL the requests really run in parallel on the pool's connections; the database
(a partial unique index, and the listing's calendar row locked by each booking) lets one
through. Across processes: tests/viewings/test_processes.py.
"""

from __future__ import annotations

import asyncio

import pytest
from tortoise.exceptions import IntegrityError

from propertyhub.viewings.models import OpenHouse, Viewing
from tests.support.factories import register
from tests.viewings.conftest import book

BUYERS = 50


def outcome(responses) -> tuple[list[int], set[str], list[int]]:
    codes = sorted(r.status_code for r in responses)
    errors = {r.json()["error"]["code"] for r in responses if r.status_code != 201}
    offered = {len(r.json()["error"]["details"]["next_slots"]) for r in responses
               if r.status_code == 409}
    return codes, errors, sorted(offered)


async def test_fifty_buyers_at_once_book_one_slot_once(client, home):
    buyers = [home["buyer"], home["other"]]
    buyers += await asyncio.gather(*(register(client) for _ in range(BUYERS - 2)))
    at = home["slots"][3]["starts_at"]

    responses = await asyncio.gather(*(book(client, b, home["id"], at, key=f"k{i}")
                                       for i, b in enumerate(buyers)))

    codes, errors, offered = outcome(responses)
    assert codes == [201] + [409] * (BUYERS - 1)
    assert errors == {"slot_taken"}
    assert offered == [3]
    assert await Viewing.filter(property_id=home["id"]).count() == 1


@pytest.mark.parametrize("keys", ["distinct", "none"])
async def test_one_buyer_fifty_times_at_once_books_once(client, home, keys):
    at = home["slots"][3]["starts_at"]

    responses = await asyncio.gather(*(
        book(client, home["buyer"], home["id"], at, key=f"k{i}" if keys == "distinct" else None)
        for i in range(BUYERS)))

    codes, errors, _ = outcome(responses)
    assert codes == [201] + [409] * (BUYERS - 1)
    assert errors == {"slot_taken"}
    assert await Viewing.filter(property_id=home["id"]).count() == 1


async def test_an_open_house_fills_to_its_capacity_and_no_further(client, home):
    start, end = home["slots"][0]["starts_at"], home["slots"][4]["starts_at"]
    house = (await client.post(f"/api/properties/{home['id']}/open-houses",
                               headers=home["seller"].auth,
                               json={"starts_at": start, "ends_at": end, "capacity": 5})).json()
    buyers = await asyncio.gather(*(register(client) for _ in range(20)))

    responses = await asyncio.gather(*(book(client, b, home["id"], start) for b in buyers))

    codes, errors, _ = outcome(responses)
    assert codes == [201] * 5 + [409] * 15
    assert errors == {"slot_taken"}
    assert (await OpenHouse.get(id=house["id"])).booked == 5


async def test_the_database_refuses_a_second_live_viewing_of_a_slot(client, home):
    """The constraint itself, without the service's checks in front of it."""
    at = home["slots"][0]["starts_at"]
    row = {"property_id": home["id"], "seller_id": home["seller"].id, "starts_at": at,
           "ends_at": at, "time_zone": "America/Chicago"}
    await Viewing.create(buyer_id=home["buyer"].id, status="confirmed", **row)
    await Viewing.create(buyer_id=home["other"].id, status="canceled", **row)  # not live

    with pytest.raises(IntegrityError):
        await Viewing.create(buyer_id=home["other"].id, status="requested", **row)
    with pytest.raises(IntegrityError):  # nor one buyer's second upcoming viewing
        await Viewing.create(buyer_id=home["buyer"].id, status="requested",
                             **{**row, "starts_at": home["slots"][5]["starts_at"]})
    house = await OpenHouse.create(property_id=home["id"], starts_at=at, ends_at=at,
                                   capacity=1, booked=1)
    with pytest.raises(IntegrityError):  # an open house's bookings stay within capacity
        await OpenHouse.filter(id=house.id).update(booked=2)
