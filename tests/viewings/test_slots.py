"""Slot arithmetic across daylight-saving changes (pure: no database)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from propertyhub.viewings.slots import Availability, Span, free_slots

CHICAGO = ZoneInfo("America/Chicago")
SPRING = date(2027, 3, 14)  # 02:00 CST -> 03:00 CDT
FALL = date(2027, 11, 7)  # 02:00 CDT -> 01:00 CST


def every_day(start: str, end: str, slot: int = 30, buffer: int = 0, **kw) -> Availability:
    weekly = [{"day": d, "start": start, "end": end}
              for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]
    return Availability.of(slot, buffer, weekly, kw.get("exceptions", []))


def day_of(av: Availability, day: date) -> list:
    start = datetime(day.year, day.month, day.day, tzinfo=CHICAGO).astimezone(UTC)
    return free_slots(av, CHICAGO, start, start + timedelta(hours=30), booked=[],
                      open_houses=[])


def length(slot) -> timedelta:
    """Real time: Python subtracts two times of one zone by their wall clocks."""
    return slot.end.astimezone(UTC) - slot.start.astimezone(UTC)


def local(slots) -> list[str]:
    return [s.start.strftime("%H:%M %Z") for s in slots if s.start.date() == slots[0].start.date()]


def test_spring_forward_offers_no_slot_in_the_missing_hour():
    slots = day_of(every_day("00:30", "04:00"), SPRING)

    assert local(slots) == ["00:30 CST", "01:00 CST", "01:30 CST", "03:00 CDT", "03:30 CDT"]
    assert all(length(s) == timedelta(minutes=30) for s in slots)
    assert all(s.start.utcoffset() == s.start.tzinfo.utcoffset(s.start) for s in slots)


def test_spring_forward_slots_last_their_real_length_and_never_overlap():
    # 45-minute steps: the wall clock would put 03:00 CDT 30 real minutes after 01:30 CST.
    slots = day_of(every_day("00:00", "05:00", slot=45), SPRING)
    starts = [s.start.astimezone(UTC) for s in slots if s.start.date() == SPRING]

    assert all(b - a >= timedelta(minutes=45) for a, b in itertools.pairwise(starts))
    assert all(length(s) == timedelta(minutes=45) for s in slots)
    # 03:00 CDT comes 30 real minutes after 01:30 CST: skipped for 03:45.
    assert local(slots) == ["00:00 CST", "00:45 CST", "01:30 CST", "03:45 CDT"]


def test_fall_back_offers_each_local_time_once():
    slots = day_of(every_day("00:00", "03:00", slot=30), FALL)
    today = [s for s in slots if s.start.date() == FALL]
    labels = [s.start.strftime("%H:%M") for s in today]

    assert labels == ["00:00", "00:30", "01:00", "01:30", "02:00", "02:30"]
    assert len(set(labels)) == len(labels)
    assert all(length(s) == timedelta(minutes=30) for s in today)
    # 01:00 and 01:30 are the first pass (CDT); the repeated hour (CST) offers nothing.
    assert [s.start.strftime("%H:%M %Z") for s in today[2:4]] == ["01:00 CDT", "01:30 CDT"]
    assert today[4].start.strftime("%H:%M %Z") == "02:00 CST"


def test_a_window_that_ends_in_the_missing_hour_ends_before_it():
    slots = day_of(every_day("01:00", "02:30", slot=30), SPRING)

    assert local(slots) == ["01:00 CST", "01:30 CST"]
    assert slots[1].end.astimezone(UTC) == datetime(2027, 3, 14, 8, 0, tzinfo=UTC)


def test_bookings_and_buffers_take_their_slots_and_neighbours():
    av = every_day("09:00", "12:00", slot=30, buffer=15)
    day = date(2027, 5, 1)
    ten_thirty = datetime(2027, 5, 1, 10, 30, tzinfo=CHICAGO)
    start = datetime(2027, 5, 1, tzinfo=CHICAGO)
    slots = free_slots(av, CHICAGO, start, start + timedelta(days=1),
                       booked=[Span(ten_thirty, ten_thirty + timedelta(minutes=30))],
                       open_houses=[])

    assert [s.start.strftime("%H:%M") for s in slots] == ["09:00", "09:45", "11:15"]
    assert all(s.start.date() == day for s in slots)


def test_exceptions_replace_or_close_a_day_and_open_houses_take_their_window():
    saturday, sunday = date(2027, 5, 1), date(2027, 5, 2)
    av = every_day("09:00", "11:00", slot=60, exceptions=[
        {"date": saturday.isoformat(), "windows": [{"start": "14:00", "end": "15:00"}]},
        {"date": sunday.isoformat(), "windows": []}])
    monday_9 = datetime(2027, 5, 3, 9, 0, tzinfo=CHICAGO)
    house = Span(monday_9, monday_9 + timedelta(hours=1), open_house_id=7, spots_left=3)
    start = datetime(2027, 5, 1, tzinfo=CHICAGO)
    slots = free_slots(av, CHICAGO, start, start + timedelta(days=3), booked=[],
                       open_houses=[house])

    assert [(s.start.strftime("%a %H:%M"), s.kind, s.spots_left) for s in slots] == [
        ("Sat 14:00", "viewing", None), ("Mon 09:00", "open_house", 3),
        ("Mon 10:00", "viewing", None)]
