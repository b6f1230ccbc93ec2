"""A call's dialogue state: what was said and found, kept in the call's live state (memory,
or Redis with several web processes) so that follow-ups work whichever process takes the
next turn."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# A call's state must not grow with its length: a buyer repeating one question for an hour
# leaves one note for the seller, and at most this many in all.
MAX_NOTED = 20


@dataclass
class Dialogue:
    focus: int | None = None  # the listing being talked about, when not the call's own
    last_list: list[int] = field(default_factory=list)  # as last read out, in that order
    last_kind: str | None = None  # search | seller_listings
    search_filters: dict[str, Any] = field(default_factory=dict)
    seller_filters: dict[str, Any] = field(default_factory=dict)
    last_answer: str | None = None
    last_fact: dict[str, Any] | None = None  # the last fact asked: "and the second one?"
    pending: str | None = None  # "viewing": the agent asked when; "place:search": which city
    held: dict[str, Any] = field(default_factory=dict)  # a search waiting for "which portland"
    slots: list[str] = field(default_factory=list)  # viewing slots offered (ISO, local), to pick from
    viewing: dict[str, Any] | None = None  # the requested window
    contact: dict[str, str] = field(default_factory=dict)
    lead_id: int | None = None
    questions: list[dict[str, Any]] = field(default_factory=list)  # not answered, for the seller
    wants: dict[str, Any] = field(default_factory=dict)  # budget, beds, areas, must-haves
    handed_over: bool = False
    offers: list[dict[str, Any]] = field(default_factory=list)
    greetings: int = 0
    turns: int = 0

    def note(self, question: dict[str, Any]) -> bool:
        """Keep a question for the seller; False when it is already noted (or too many are)."""
        key = (question.get("asked") or question["text"], question.get("property_id"))
        if len(self.questions) >= MAX_NOTED or any(
            (q.get("asked") or q["text"], q.get("property_id")) == key for q in self.questions
        ):
            return False
        self.questions.append(question)
        return True

    def as_dict(self) -> dict[str, Any]:
        """Shallow: the store serialises it (JSON, in memory as in Redis)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Dialogue:
        if not data:
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)
