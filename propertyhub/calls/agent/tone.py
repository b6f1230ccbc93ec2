"""The agent's manner of speaking, from the persona the seller wrote.

The persona is free text ("a warm, upbeat local expert", "formal and precise", "brief
and to the point"); its words pick one of a few tones, applied to what the brain says.
Only the wording changes: the intent and the data of a reply stay the same, so the
persona can never change what the agent claims about a listing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from propertyhub.calls.agent import regex as re

R = TypeVar("R", bound=Any)  # a reply: anything with `text` and `intent`

TONE_WORDS = {
    "formal": ("formal", "professional", "polite", "courteous", "precise"),
    "warm": ("warm", "friendly", "cheerful", "enthusiastic", "upbeat", "bubbly"),
    "brief": ("brief", "concise", "short", "to the point", "direct", "terse"),
}
CONTRACTIONS = {
    "it's": "it is",
    "doesn't": "does not",
    "don't": "do not",
    "couldn't": "could not",
    "i've": "I have",
    "i'm": "I am",
    "they'll": "they will",
    "you'd": "you would",
    "what's": "what is",
    "isn't": "is not",
    "aren't": "are not",
    "can't": "cannot",
    "i'll": "I will",
    "you're": "you are",
    "there's": "there is",
    "they're": "they are",
    "you'll": "you will",
    "i'd": "I would",
    "won't": "will not",
}
_CONTRACTION = re.compile(r"\b(" + "|".join(re.escape(c) for c in CONTRACTIONS) + r")\b", re.IGNORECASE)
_FACTS = {
    "price",
    "bedrooms",
    "bathrooms",
    "area",
    "address",
    "year_built",
    "property_type",
    "status",
    "amenity",
    "postal_code",
    "city",
    "listing_type",
    "summary",
}


def tone_of(persona: str) -> str | None:
    """The first tone whose words appear in the persona; None leaves replies as they are."""
    low = persona.lower()
    for tone, cues in TONE_WORDS.items():
        if any(re.search(rf"\b{re.escape(cue)}\b", low) for cue in cues):
            return tone
    return None


def _formal(text: str) -> str:
    def expand(match: re.Match) -> str:
        word = CONTRACTIONS[match.group(1).lower()]
        return word[0].upper() + word[1:] if match.group(1)[0].isupper() else word

    text = text.replace("Thanks for calling! Goodbye.", "Thank you for calling. Goodbye.")
    text = text.replace("Hello!", "Good day.").replace("Hi again!", "Good day.")
    return _CONTRACTION.sub(expand, text)


def _brief(text: str) -> str:
    """The first sentence only, unless the rest asks the caller something."""
    first, _, rest = text.partition(". ")
    if not rest or rest.rstrip().endswith("?"):
        return text
    return first + "."


def speak(persona: str, reply: R) -> R:
    tone = tone_of(persona)
    if tone == "formal":
        return replace(reply, text=_formal(reply.text))
    if tone == "brief":
        return replace(reply, text=_brief(reply.text))
    if tone == "warm":
        text = reply.text
        if reply.intent in _FACTS:
            text = f"Great question! {text}"
        elif reply.intent == "goodbye":
            text = "Thanks so much for calling! Have a wonderful day. Goodbye."
        return replace(reply, text=text)
    return reply
