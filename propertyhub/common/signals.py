"""In-process signals: a domain announces what happened, other layers react.

A domain sends after its change is committed (e.g. `accounts` says which sign-ins were
revoked); the socket layer, which the domain must not import, connects a receiver that
closes the sockets concerned. A failing receiver is logged and never fails the sender.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger(__name__)
Receiver = Callable[..., Awaitable[None]]


class Signal:
    def __init__(self, name: str) -> None:
        self.name = name
        self._receivers: list[Receiver] = []

    def connect(self, receiver: Receiver) -> Receiver:
        self._receivers.append(receiver)
        return receiver

    def disconnect(self, receiver: Receiver) -> None:
        if receiver in self._receivers:
            self._receivers.remove(receiver)

    async def send(self, *args: Any) -> None:
        for receiver in list(self._receivers):
            try:
                await receiver(*args)
            except Exception:
                log.exception("a receiver of %s failed", self.name)
