"""A viewing as an iCalendar file (RFC 5545), built with `icalendar`.

One event per viewing, with a stable UID, so a calendar that imported it updates the same
entry: SEQUENCE is the viewing's version (up on every reschedule and on cancellation), and a
canceled or declined viewing is STATUS:CANCELLED. Times are UTC (no VTIMEZONE to go stale);
the description says the listing's local time.
"""

from __future__ import annotations

from datetime import UTC

from icalendar import Calendar, Event

from propertyhub.listings.models import Property
from propertyhub.viewings.models import Viewing, ViewingStatus
from propertyhub.viewings.notices import when

MEDIA_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//PropertyHub//Viewings//EN"
STATUS = {ViewingStatus.REQUESTED: "TENTATIVE", ViewingStatus.CONFIRMED: "CONFIRMED",
          ViewingStatus.DONE: "CONFIRMED", ViewingStatus.NO_SHOW: "CONFIRMED",
          ViewingStatus.DECLINED: "CANCELLED", ViewingStatus.CANCELED: "CANCELLED"}


def uid(viewing: Viewing) -> str:
    return f"viewing-{viewing.id}@propertyhub"


def calendar_file(viewing: Viewing, listing: Property) -> bytes:
    event = Event()
    event.add("uid", uid(viewing))
    event.add("sequence", viewing.sequence)
    event.add("dtstamp", viewing.updated_at.astimezone(UTC))
    event.add("dtstart", viewing.starts_at.astimezone(UTC))
    event.add("dtend", viewing.ends_at.astimezone(UTC))
    event.add("summary", f"Viewing: {listing.title}")
    place = ", ".join(p for p in (listing.address, listing.city, listing.state,
                                  listing.postal_code) if p)
    if place:
        event.add("location", place)
    kind = "Open house" if viewing.open_house_id else "Viewing"
    event.add("description", f"{kind} of {listing.title}, {when(viewing.starts_at, viewing.time_zone)}"
                             f" local time. Status: {viewing.status}.")
    event.add("status", STATUS[ViewingStatus(viewing.status)])
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical()
