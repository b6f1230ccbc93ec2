"""A Socket.IO test client for `/calls` that remembers what the server said."""

from __future__ import annotations

import asyncio
from typing import Any

import socketio


class Phone:
    """A python-socketio client that collects what the server says."""

    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token
        self.sio = socketio.AsyncClient(reconnection=False)
        self.heard: list[tuple[str, Any]] = []
        for event in ("call_connected", "agent_speak", "agent_response", "call_ended",
                      "call_error"):
            self.sio.on(event, self._recorder(event), namespace="/calls")

    def _recorder(self, event: str):
        async def record(data: Any) -> None:
            self.heard.append((event, data))
        return record

    async def __aenter__(self) -> Phone:
        await self.sio.connect(self.base, namespaces=["/calls"], auth={"token": self.token},
                               socketio_path="socket.io", wait_timeout=10)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.sio.connected:
            await self.sio.disconnect()

    async def send(self, event: str, data: dict) -> dict:
        return await self.sio.call(event, data, namespace="/calls", timeout=10)

    async def said(self, event: str, count: int = 1, timeout: float = 4) -> list[Any]:
        for _ in range(int(timeout / 0.02)):
            got = [d for e, d in self.heard if e == event]
            if len(got) >= count:
                return got
            await asyncio.sleep(0.02)
        raise AssertionError(f"never heard {count} {event}: {self.heard}")
