"""The agent's vocabulary of objects: the call it is in, the tools it may use, its answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from propertyhub.calls.agent.dialogue import Dialogue
from propertyhub.calls.agent.slots import Vocabulary

MAX_READ = 3  # listings read out per answer


@dataclass
class Reply:
    text: str
    intent: str
    data: dict[str, Any] = field(default_factory=dict)
    end_call: bool = False


@dataclass
class CallContext:
    """What the agent knows about the call; `listing` is the public listing dict."""

    listing: dict[str, Any]
    agent_name: str
    persona: str
    seller_name: str
    now: datetime | None = None  # the listing's local time
    people: tuple[str, ...] = ()  # the seller's human agents' names
    vocab: Vocabulary = field(default_factory=Vocabulary)


class Tools(Protocol):
    async def listing(self, listing_id: int) -> dict[str, Any] | None: ...
    async def search(
        self, filters: dict[str, Any], limit: int, *, sort: str, near: dict[str, Any] | None = None
    ) -> tuple[int, str, list[dict]]: ...
    async def seller_listings(
        self, filters: dict[str, Any], limit: int, *, sort: str
    ) -> tuple[int, str, list[dict]]: ...
    async def save_lead(self, dialogue: Dialogue, note: str) -> int: ...
    async def hand_over(self) -> dict[str, Any] | None: ...
    async def note_question(self, question: dict[str, Any]) -> None: ...
    async def seller_catalogue(self) -> list[dict[str, Any]]: ...
    async def free_slots(self) -> list[dict[str, Any]]: ...
    async def book(self, start: str, dialogue: Dialogue) -> dict[str, Any] | None: ...
    async def request_viewing(self, dialogue: Dialogue) -> None: ...


@dataclass
class Answer:
    intent: str
    rule: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)
    end_call: bool = False

    def as_data(self) -> dict[str, Any]:
        return {"intent": self.intent, "rule": self.rule, "text": self.text, **self.data}
