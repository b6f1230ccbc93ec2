"""After the call: what the buyer wanted, what was asked and not answered, and how it
ended — each item pointing at the transcript turn it came from."""

from __future__ import annotations

from typing import Any

from propertyhub.calls.agent import facts as F
from propertyhub.calls.agent.dialogue import Dialogue


def _budget(wants: dict[str, Any]) -> dict[str, Any] | None:
    low, high = wants.get("min_price"), wants.get("max_price")
    if not low and not high:
        return None
    turn = (high or low)["turn"]
    if low and high:
        said = f"{F.money(low['value'])} to {F.money(high['value'])}"
    elif high:
        said = f"up to {F.money(high['value'])}"
    else:
        said = f"from {F.money(low['value'])}"
    return {"value": said, "turn": turn}


def outcome(dialogue: Dialogue) -> str:
    if dialogue.viewing or dialogue.pending == "viewing":
        return "viewing_requested"
    if dialogue.handed_over:
        return "handed_over"
    if dialogue.offers:
        return "offer_made"
    if dialogue.contact:
        return "contact_left"
    return "just_browsing"


OUTCOMES = {
    "viewing_requested": "asked for a viewing",
    "handed_over": "asked for a person",
    "offer_made": "made an offer for the seller",
    "contact_left": "left contact details",
    "just_browsing": "was just browsing",
}


def summarize(dialogue: Dialogue) -> dict[str, Any]:
    wants = dialogue.wants
    wanted: dict[str, Any] = {}
    if budget := _budget(wants):
        wanted["budget"] = budget
    if "min_bedrooms" in wants:
        wanted["bedrooms"] = wants["min_bedrooms"]
    if wants.get("areas"):
        wanted["areas"] = wants["areas"]
    if wants.get("must_haves"):
        wanted["must_haves"] = wants["must_haves"]
    if "timeline" in wants:
        wanted["timeline"] = wants["timeline"]
    if "listing_type" in wants:
        wanted["to"] = {
            "value": "rent" if wants["listing_type"]["value"] == "rent" else "buy",
            "turn": wants["listing_type"]["turn"],
        }
    unanswered = [
        {"text": q.get("asked") or q["text"], "subject": q.get("subject"), "turn": q.get("turn")}
        for q in dialogue.questions
    ]
    result = outcome(dialogue)
    parts = [f"The buyer {OUTCOMES[result]}"]
    if dialogue.viewing:
        parts[0] += f" ({dialogue.viewing.get('spoken', dialogue.viewing['date'])})"
    if "budget" in wanted:
        parts.append(f"budget {wanted['budget']['value']}")
    if "bedrooms" in wanted:
        parts.append(f"{wanted['bedrooms']['value']}+ bedrooms")
    if "areas" in wanted:
        parts.append("areas: " + ", ".join(a["value"] for a in wanted["areas"]))
    if "must_haves" in wanted:
        parts.append(
            "must-haves: "
            + ", ".join(
                F.amenity_label(a["value"]).removeprefix("a ").removeprefix("an ")
                for a in wanted["must_haves"]
            )
        )
    text = "; ".join(parts) + "."
    if unanswered:
        text += (
            f" {len(unanswered)} question(s) for the seller: "
            + "; ".join(q["text"] for q in unanswered[:5])
            + "."
        )
    return {
        "text": text,
        "outcome": result,
        "wanted": wanted,
        "unanswered": unanswered,
        "viewing": dialogue.viewing,
        "contact": dialogue.contact or None,
        "offers": dialogue.offers,
    }
