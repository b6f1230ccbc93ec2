"""A call's dialogue state: what was said and found, kept in the call's live state (memory,
or Redis with several web processes) so that follow-ups work whichever process takes the
next turn."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Dialogue:
    focus: int | None = None  # the listing being talked about, when not the call's own
    last_list: list[int] = field(default_factory=list)  # as last read out, in that order
    last_kind: str | None = None  # search | seller_listings
    search_filters: dict[str, Any] = field(default_factory=dict)
    seller_filters: dict[str, Any] = field(default_factory=dict)
    last_answer: str | None = None
    last_fact: dict[str, Any] | None = None  # the last fact asked: "and the second one?"
    pending: str | None = None  # "viewing": the agent asked when
    viewing: dict[str, Any] | None = None  # the requested window
    contact: dict[str, str] = field(default_factory=dict)
    lead_id: int | None = None
    questions: list[dict[str, Any]] = field(default_factory=list)  # not answered, for the seller
    wants: dict[str, Any] = field(default_factory=dict)  # budget, beds, areas, must-haves
    asked: list[dict[str, Any]] = field(default_factory=list)  # what was asked, by turn
    handed_over: bool = False
    offers: list[dict[str, Any]] = field(default_factory=list)
    greetings: int = 0
    turns: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Dialogue:
        if not data:
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)
