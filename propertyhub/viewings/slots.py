"""Free viewing slots: availability minus what is booked, in the listing's local time.

Windows are wall-clock times of the listing's time zone. Slots step through a window in
wall-clock time from its start, so each starts at a local time a person would say (10:00,
10:45, ...), and last real time (a 30-minute slot is 30 minutes long on any day):
- spring forward: a local time the clocks skip (02:30 when 02:00 jumps to 03:00) is no slot;
- fall back: a local time that happens twice is offered once, at its first occurrence, so
  no local time is offered twice and the repeated hour's second pass offers nothing;
- slots never overlap in real time (nor their buffers), whatever the clocks do: a slot
  starts at least `slot + buffer` after the one before it.
A window closes the first time the clocks read its end (or jump past it), so no slot runs
past the end the seller gave.

Pure functions: the caller reads the settings, bookings and open houses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Window = tuple[int, int]  # minutes after local midnight: start, end (up to 1440)


@dataclass(frozen=True)
class Slot:
    start: datetime  # aware, in the listing's time zone
    end: datetime
    kind: str = "viewing"  # or "open_house"
    open_house_id: int | None = None
    spots_left: int | None = None  # open houses: how many more buyers may join


@dataclass(frozen=True)
class Span:
    """Something in the listing's calendar: a booking, or an open house."""

    start: datetime
    end: datetime
    open_house_id: int | None = None
    spots_left: int = 0


def minutes(hhmm: str) -> int:
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


@dataclass(frozen=True)
class Availability:
    slot: timedelta
    buffer: timedelta
    weekly: dict[int, list[Window]]  # Monday = 0
    exceptions: dict[date, list[Window]]  # that day's windows instead (none: closed)

    @classmethod
    def of(cls, slot_minutes: int, buffer_minutes: int, weekly: list[dict],
           exceptions: list[dict]) -> Availability:
        days: dict[int, list[Window]] = {}
        for w in weekly:
            days.setdefault(DAYS.index(w["day"]), []).append((minutes(w["start"]),
                                                               minutes(w["end"])))
        dated = {date.fromisoformat(e["date"]): sorted((minutes(w["start"]), minutes(w["end"]))
                                                       for w in e["windows"])
                 for e in exceptions}
        return cls(timedelta(minutes=slot_minutes), timedelta(minutes=buffer_minutes),
                   {d: sorted(ws) for d, ws in days.items()}, dated)

    def windows(self, day: date) -> list[Window]:
        found = self.exceptions.get(day)
        return found if found is not None else self.weekly.get(day.weekday(), [])


def _first_instant(wall: datetime, tz: ZoneInfo) -> datetime | None:
    """The instant a local time names (its first occurrence), or None if the clocks skip it."""
    instant = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    return instant if instant.astimezone(tz).replace(tzinfo=None) == wall else None


def _closing_instant(wall: datetime, tz: ZoneInfo) -> datetime:
    """When a window closing at local time `wall` closes: the first time the clocks read
    `wall` (one they skip: when they jump past it)."""
    while (at := _first_instant(wall, tz)) is None:
        wall += timedelta(minutes=1)
    return at


def candidates(av: Availability, tz: ZoneInfo, start: datetime, end: datetime
               ) -> Iterator[tuple[datetime, datetime]]:
    """Every slot of the availability starting in [start, end), in UTC, in order."""
    step = av.slot + av.buffer
    first_day = start.astimezone(tz).date() - timedelta(days=1)
    last_day = end.astimezone(tz).date()
    earliest_next = datetime.min.replace(tzinfo=UTC)
    day = first_day
    while day <= last_day:
        midnight = datetime(day.year, day.month, day.day)
        for open_m, close_m in av.windows(day):
            wall, close_wall = (midnight + timedelta(minutes=open_m),
                                midnight + timedelta(minutes=close_m))
            close = _closing_instant(close_wall, tz)
            while wall < close_wall:
                at = _first_instant(wall, tz)
                if at is not None and at >= earliest_next and at + av.slot <= close:
                    earliest_next = at + step
                    if start <= at < end:
                        yield at, at + av.slot
                wall += step
        day += timedelta(days=1)


def _clashes(at: datetime, until: datetime, spans: list[Span], buffer: timedelta) -> bool:
    return any(at < s.end + buffer and s.start - buffer < until for s in spans)


def free_slots(av: Availability, tz: ZoneInfo, start: datetime, end: datetime, *,
               booked: Iterable[Span], open_houses: Iterable[Span],
               limit: int | None = None) -> list[Slot]:
    """Slots starting in [start, end) that no booking or open house takes, and the open
    houses in that range with room left, in order of time."""
    booked, houses = list(booked), list(open_houses)
    taken = booked + houses
    slots = [Slot(at.astimezone(tz), until.astimezone(tz))
             for at, until in candidates(av, tz, start, end)
             if not _clashes(at, until, taken, av.buffer)]
    slots += [Slot(h.start.astimezone(tz), h.end.astimezone(tz), "open_house", h.open_house_id,
                   h.spots_left)
              for h in houses if start <= h.start < end and h.spots_left > 0]
    slots.sort(key=lambda s: s.start)
    return slots[:limit] if limit is not None else slots
