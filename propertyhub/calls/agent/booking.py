"""Viewings booked in the call: the next free slots offered in words, the one the buyer
picks booked through the viewings service (the same one REST uses), confirmed back.

Only where the listing publishes availability: otherwise (or when nothing is free) the
request is noted on the lead for the seller, as before."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from propertyhub.calls.agent.dialogue import Dialogue
from propertyhub.calls.agent.types import Answer, Tools
from propertyhub.calls.agent.when import Window, clock_words

OFFER = 3  # slots read out at once: more is not heard on a phone


def spoken(starts: list[datetime]) -> str:
    """ "Saturday, December 5 at 10 or 11:30 am, or Sunday, December 6 at 2 pm"."""
    days: list[tuple[datetime, list[datetime]]] = []
    for start in starts:
        if days and days[-1][0].date() == start.date():
            days[-1][1].append(start)
        else:
            days.append((start, [start]))
    parts = []
    for first, times in days:
        said = [clock_words(t.time()) for t in times]
        at = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " or " + said[-1]
        parts.append(f"{first:%A}, {first:%B} {first.day} at {at}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", or " + parts[-1]


def within(slots: list[dict[str, Any]], window: Window | None) -> list[dict[str, Any]]:
    """The free slots inside the time the buyer asked for."""
    if window is None:
        return slots
    out = []
    for slot in slots:
        start = datetime.fromisoformat(slot["start"])
        if start.date() == window.day and window.start <= start.time() < window.end:
            out.append(slot)
    return out


async def offer(d: Dialogue, rule: str, slots: list[dict[str, Any]], lead: int, lead_in: str = "") -> Answer:
    d.pending, d.slots = "slot", [s["start"] for s in slots[:OFFER]]
    starts = [datetime.fromisoformat(s) for s in d.slots]
    text = f"{lead_in}I can book you in {spoken(starts)}. Which suits you?".strip()
    return Answer("viewing_request", rule, text, {"lead_id": lead, "offered": list(d.slots), "window": None})


async def book(d: Dialogue, tools: Tools, rule: str, start: str) -> Answer | None:
    """Book the slot starting at `start`; None when it was taken meanwhile (offer again)."""
    booked = await tools.book(start, d)
    if booked is None:
        return None
    at = datetime.fromisoformat(booked["start"])
    when = spoken([at])
    d.pending, d.slots = None, []
    d.viewing = {
        "date": at.date().isoformat(),
        "start": at.strftime("%H:%M"),
        "end": datetime.fromisoformat(booked["end"]).strftime("%H:%M"),
        "kind": "booked",
        "part": None,
        "spoken": when,
        "viewing_id": booked["id"],
    }
    d.wants["timeline"] = {"value": when, "turn": None}
    confirmed = booked["status"] == "confirmed"
    text = f"You're booked to see it {when}." + ("" if confirmed else " The seller will confirm it.")
    if not d.contact.get("phone") and not d.contact.get("email"):
        text += " What's the best number or e-mail to reach you?"
    return Answer(
        "viewing_request",
        rule,
        text,
        {
            "lead_id": d.lead_id,
            "viewing_id": booked["id"],
            "status": booked["status"],
            "window": d.viewing,
            "contact": dict(d.contact),
        },
    )


def picked(d: Dialogue, slots_said: dict[str, Any], window: Window | None) -> str | None:
    """Which offered slot the buyer chose: by rank ("the second one"), by "yes" to a single
    offer, or by its time ("eleven thirty", "the sunday one")."""
    if not d.slots:
        return None
    rank = slots_said.get("rank")
    if rank is not None:
        index = len(d.slots) - 1 if rank == -1 else rank - 1
        return d.slots[index] if 0 <= index < len(d.slots) else None
    if slots_said.get("yes") and len(d.slots) == 1:
        return d.slots[0]
    if window is not None:
        for start in d.slots:
            at = datetime.fromisoformat(start)
            same_day = window.kind == "day" or at.date() == window.day
            if window.kind == "at" and same_day and at.time() == window.start:
                return start
            if (
                window.kind == "day"
                and at.date() == window.day
                and len([s for s in d.slots if datetime.fromisoformat(s).date() == window.day]) == 1
            ):
                return start
    return None
