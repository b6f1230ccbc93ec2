"""What happens to listings, as the features report it: one small interface, so that the
features that report (listings, cart, crm, calls) need not know who listens.

A feature awaits `activity.report(event)` once its change is committed; the receivers
subscribed to the event's type (analytics counts them) run in turn. A failing receiver is
logged and never fails the feature: a view not counted is better than a listing not shown.
Receivers are connected per process, by the web app (analytics/setup.py): none of the
background tasks reports activity, and one that did would need a worker to connect them.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

log = logging.getLogger(__name__)

# The most anonymous viewers one client address counts as, per listing and day: the rule
# the listing's documentation states and the view counter (analytics) enforces.
ANONYMOUS_PER_ADDRESS = 5


@dataclass(frozen=True)
class ListingViewed:
    """A read of a listing by anyone but its owner (counted once per viewer and day)."""

    listing_id: int
    user_id: int | None
    address: str
    user_agent: str


@dataclass(frozen=True)
class CartAdded:
    buyer_id: int
    listing_id: int


@dataclass(frozen=True)
class LeadOpened:
    listing_id: int
    created_at: datetime
    from_call: bool


@dataclass(frozen=True)
class CallJoined:
    listing_id: int
    started_at: datetime


@dataclass(frozen=True)
class CallEnded:
    """A call that was joined ended after `seconds`."""

    listing_id: int
    started_at: datetime
    seconds: int


Receiver = Callable[[Any], Awaitable[None]]


class Activity:
    def __init__(self) -> None:
        self._receivers: dict[type, list[Receiver]] = defaultdict(list)

    def subscribe(self, kind: type, receiver: Receiver) -> None:
        self._receivers[kind].append(receiver)

    def unsubscribe(self, kind: type, receiver: Receiver) -> None:
        if receiver in self._receivers[kind]:
            self._receivers[kind].remove(receiver)

    async def report(self, event: Any) -> None:
        for receiver in list(self._receivers.get(type(event), ())):
            try:
                await receiver(event)
            except Exception:
                log.exception("a receiver of %s failed", type(event).__name__)


activity = Activity()
