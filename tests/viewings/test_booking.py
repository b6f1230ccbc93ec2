"""Booking, moving, confirming and ending viewings through the API."""

from __future__ import annotations

from datetime import timedelta

from propertyhub.common.models import utcnow
from propertyhub.crm.models import Lead
from propertyhub.viewings.models import Viewing
from tests.viewings.conftest import book, free, local_day, publish


async def test_a_published_week_offers_local_slots(client, home):
    slots = home["slots"]

    assert [s["local_start"][11:16] for s in slots[:3]] == ["09:00", "09:30", "10:00"]
    assert slots[-1]["local_start"][11:16] == "16:30"
    assert all(s["kind"] == "viewing" and s["local_start"][-6:] in ("-06:00", "-05:00")
               for s in slots)
    assert len(slots) == 16


async def test_booking_confirms_at_once_and_schedules_the_buyers_lead(client, home):
    lead = (await client.post("/api/leads", headers=home["buyer"].auth, json={
        "property_id": home["id"], "message": "Love it"})).json()
    slot = home["slots"][2]

    response = await book(client, home["buyer"], home["id"], slot["starts_at"])

    assert response.status_code == 201, response.text
    viewing = response.json()
    assert (viewing["status"], viewing["lead_id"], viewing["source"]) == ("confirmed", lead["id"],
                                                                        "web")
    assert (viewing["local_start"], viewing["time_zone"]) == (slot["local_start"],
                                                              "America/Chicago")
    assert (await Lead.get(id=lead["id"])).status == "viewing_scheduled"
    left = await free(client, home["id"], *local_day(home["day"]))
    assert slot["starts_at"] not in [s["starts_at"] for s in left]


async def test_booking_without_a_lead_makes_one(client, home):
    response = await book(client, home["buyer"], home["id"], home["slots"][0]["starts_at"])

    lead = await Lead.get(id=response.json()["lead_id"])
    assert (lead.source, lead.status, lead.buyer_id) == ("viewing", "viewing_scheduled",
                                                        home["buyer"].id)


async def test_a_lead_further_along_is_not_moved_back(client, home):
    lead = (await client.post("/api/leads", headers=home["buyer"].auth, json={
        "property_id": home["id"], "message": "hi"})).json()
    await client.patch(f"/api/crm/leads/{lead['id']}", headers=home["seller"].auth,
                       json={"status": "won"})

    response = await book(client, home["buyer"], home["id"], home["slots"][0]["starts_at"])

    assert (await Lead.get(id=lead["id"])).status == "won"
    assert response.json()["lead_id"] != lead["id"]  # a won lead is closed: a new one


async def test_a_taken_slot_is_409_with_the_next_free_slots(client, home):
    first, second = home["slots"][4], home["slots"][5]
    assert (await book(client, home["buyer"], home["id"], first["starts_at"])).status_code == 201

    taken = await book(client, home["other"], home["id"], first["starts_at"])

    assert taken.status_code == 409
    error = taken.json()["error"]
    assert error["code"] == "slot_taken"
    assert error["details"]["next_slots"][0]["starts_at"] == second["starts_at"]
    assert len(error["details"]["next_slots"]) == 3


async def test_a_time_that_is_no_slot_is_taken(client, home):
    off_grid = home["slots"][0]["starts_at"].replace(":00:00", ":10:00")

    response = await book(client, home["buyer"], home["id"], off_grid)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "slot_taken"


async def test_one_upcoming_viewing_per_buyer_and_listing(client, home):
    await book(client, home["buyer"], home["id"], home["slots"][0]["starts_at"])

    again = await book(client, home["buyer"], home["id"], home["slots"][3]["starts_at"])

    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_booked"


async def test_the_same_idempotency_key_books_once(client, home):
    at = home["slots"][0]["starts_at"]
    first = await book(client, home["buyer"], home["id"], at, key="k1")
    replay = await book(client, home["buyer"], home["id"], at, key="k1")
    other_body = await book(client, home["buyer"], home["id"], home["slots"][1]["starts_at"],
                            key="k1")

    assert (first.status_code, replay.status_code) == (201, 201)
    assert replay.json() == first.json()
    assert other_body.status_code == 422
    assert await Viewing.all().count() == 1


async def test_a_request_that_died_after_booking_is_answered_with_its_viewing(client, home):
    """The state a kill -9 between the booking's commit and the saved answer leaves: the
    viewing exists, the key's record is unanswered. After the lease, the retry resumes."""
    from propertyhub.billing.idempotency import body_hash
    from propertyhub.billing.models import IdempotencyKey

    at = home["slots"][0]["starts_at"]
    body = {"property_id": home["id"], "starts_at": at}
    made = await Viewing.create(property_id=home["id"], buyer_id=home["buyer"].id,
                                seller_id=home["seller"].id, status="confirmed",
                                starts_at=at, ends_at=at, time_zone="America/Chicago",
                                request_key="web:crash-1")
    await IdempotencyKey.create(user_id=home["buyer"].id, scope="viewing-book", key="crash-1",
                                request_hash=body_hash(body))
    await IdempotencyKey.filter(key="crash-1").update(created_at=utcnow() - timedelta(hours=1))

    retried = await book(client, home["buyer"], home["id"], at, key="crash-1")

    assert retried.status_code == 201
    assert retried.json()["id"] == made.id
    assert await Viewing.all().count() == 1


async def test_pending_confirmation_then_confirm_or_decline(client, home):
    await publish(client, home["seller"], home["id"], instant_confirm=False)
    asked = (await book(client, home["buyer"], home["id"], home["slots"][0]["starts_at"])).json()
    other = (await book(client, home["other"], home["id"], home["slots"][1]["starts_at"])).json()
    seller = home["seller"].auth

    by_buyer = await client.post(f"/api/viewings/{asked['id']}/confirm",
                                 headers=home["buyer"].auth)
    confirmed = await client.post(f"/api/viewings/{asked['id']}/confirm", headers=seller)
    again = await client.post(f"/api/viewings/{asked['id']}/confirm", headers=seller)
    declined = await client.post(f"/api/viewings/{other['id']}/decline", headers=seller,
                                 json={"reason": "away that day"})

    assert asked["status"] == "requested"
    assert by_buyer.status_code == 403
    assert confirmed.json()["status"] == "confirmed"
    assert again.status_code == 409
    assert again.json()["error"]["details"] == {"status": "confirmed"}
    assert (declined.json()["status"], declined.json()["reason"]) == ("declined", "away that day")
    left = await free(client, home["id"], *local_day(home["day"]))
    assert home["slots"][1]["starts_at"] in [s["starts_at"] for s in left]


async def test_reschedule_moves_the_same_viewing_one_version_up(client, home):
    viewing = (await book(client, home["buyer"], home["id"], home["slots"][0]["starts_at"])).json()
    to = home["slots"][6]["starts_at"]

    moved = await client.post(f"/api/viewings/{viewing['id']}/reschedule",
                              headers=home["buyer"].auth, json={"starts_at": to})
    taken = await book(client, home["other"], home["id"], to)
    freed = await book(client, home["other"], home["id"], home["slots"][0]["starts_at"])

    assert moved.status_code == 200, moved.text
    assert (moved.json()["id"], moved.json()["sequence"]) == (viewing["id"], 1)
    assert moved.json()["starts_at"].replace("+00:00", "") == to.replace("+00:00", "")
    assert taken.status_code == 409
    assert freed.status_code == 201


async def test_cancel_needs_a_reason_and_frees_the_slot(client, home):
    viewing = (await book(client, home["buyer"], home["id"], home["slots"][0]["starts_at"])).json()
    url = f"/api/viewings/{viewing['id']}/cancel"

    no_reason = await client.post(url, headers=home["buyer"].auth, json={})
    canceled = await client.post(url, headers=home["seller"].auth, json={"reason": "sold"})
    twice = await client.post(url, headers=home["buyer"].auth, json={"reason": "x"})
    rebooked = await book(client, home["other"], home["id"], home["slots"][0]["starts_at"])

    assert no_reason.status_code == 422
    assert (canceled.json()["status"], canceled.json()["reason"]) == ("canceled", "sold")
    assert canceled.json()["sequence"] == 1
    assert twice.status_code == 409
    assert rebooked.status_code == 201


async def test_done_no_show_and_feedback_come_after_the_start(client, home):
    one = (await book(client, home["buyer"], home["id"], home["slots"][0]["starts_at"])).json()
    two = (await book(client, home["other"], home["id"], home["slots"][1]["starts_at"])).json()
    seller = home["seller"].auth

    early = await client.post(f"/api/viewings/{one['id']}/done", headers=seller)
    early_rating = await client.post(f"/api/viewings/{one['id']}/feedback",
                                     headers=home["buyer"].auth, json={"rating": 5})
    past = utcnow() - timedelta(hours=2)
    for n, v in enumerate((one, two)):
        await Viewing.filter(id=v["id"]).update(starts_at=past + timedelta(minutes=30 * n),
                                                ends_at=past + timedelta(minutes=30 * n + 30))
    by_buyer = await client.post(f"/api/viewings/{one['id']}/done", headers=home["buyer"].auth)
    done = await client.post(f"/api/viewings/{one['id']}/done", headers=seller)
    no_show = await client.post(f"/api/viewings/{two['id']}/no-show", headers=seller)
    rated = await client.post(f"/api/viewings/{one['id']}/feedback", headers=home["buyer"].auth,
                              json={"rating": 4, "notes": "small kitchen"})
    twice = await client.post(f"/api/viewings/{one['id']}/feedback",
                              headers=home["buyer"].auth, json={"rating": 1})
    by_seller = await client.post(f"/api/viewings/{one['id']}/feedback", headers=seller,
                                  json={"rating": 5})
    no_show_rated = await client.post(f"/api/viewings/{two['id']}/feedback",
                                      headers=home["other"].auth, json={"rating": 1})
    seen = (await client.get(f"/api/viewings/{one['id']}", headers=seller)).json()

    assert (early.status_code, early_rating.status_code) == (409, 409)
    assert by_buyer.status_code == 403
    assert (done.json()["status"], no_show.json()["status"]) == ("done", "no_show")
    assert rated.status_code == 200
    assert (twice.status_code, by_seller.status_code, no_show_rated.status_code) == (409, 403,
                                                                                      409)
    assert (seen["rating"], seen["feedback"]) == (4, "small kitchen")
    assert seen["contact"]["email"] == home["buyer"].user["email"]


async def test_open_houses_take_buyers_up_to_their_capacity(client, home):
    day = home["slots"][0]
    start = day["starts_at"]
    house = await client.post(f"/api/properties/{home['id']}/open-houses",
                              headers=home["seller"].auth,
                              json={"starts_at": start, "ends_at": home["slots"][4]["starts_at"],
                                    "capacity": 2})
    assert house.status_code == 201, house.text
    offered = await free(client, home["id"], *local_day(home["day"]))
    from tests.support.factories import register

    third = await register(client)
    results = [await book(client, b, home["id"], start)
               for b in (home["buyer"], home["other"], third)]
    delete = await client.delete(f"/api/properties/{home['id']}/open-houses/{house.json()['id']}",
                                 headers=home["seller"].auth)
    canceled = await client.post(f"/api/viewings/{results[0].json()['id']}/cancel",
                                 headers=home["buyer"].auth, json={"reason": "ill"})
    after_cancel = await book(client, third, home["id"], start)

    assert [(s["kind"], s["spots_left"]) for s in offered[:2]] == [("open_house", 2),
                                                                  ("viewing", None)]
    assert offered[1]["starts_at"] == home["slots"][4]["starts_at"]  # none inside the window
    assert [r.status_code for r in results] == [201, 201, 409]
    assert results[0].json()["open_house_id"] == house.json()["id"]
    assert delete.status_code == 409
    assert canceled.status_code == 200
    assert after_cancel.status_code == 201


async def test_bad_ranges_and_inputs_are_4xx(client, home):
    url = f"/api/properties/{home['id']}/viewing-slots"

    too_long = await client.get(url, params={"from": "2027-01-01T00:00:00Z",
                                             "to": "2027-03-15T00:00:00Z"})
    backwards = await client.get(url, params={"from": "2027-01-02T00:00:00Z",
                                              "to": "2027-01-01T00:00:00Z"})
    garbage = await client.get(url, params={"from": "soon"})
    year_one = await client.get(url, params={"from": "0001-01-01T00:00:00+01:00"})
    bad_window = await client.put(f"/api/properties/{home['id']}/availability",
                                  headers=home["seller"].auth,
                                  json={"weekly": [{"day": "sat", "start": "12:00",
                                                    "end": "09:00"}]})
    unknown = await client.put(f"/api/properties/{home['id']}/availability",
                               headers=home["seller"].auth, json={"colour": "red"})
    naive = await book(client, home["buyer"], home["id"], "2027-01-01T10:00:00")

    assert [r.status_code for r in (too_long, backwards, garbage, year_one)] == [400] * 4
    assert too_long.json()["error"]["details"] == {"to": ["at most 62 days after from"]}
    assert [r.status_code for r in (bad_window, unknown, naive)] == [422, 422, 422]
