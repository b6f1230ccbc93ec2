"""The agent: understands a turn, answers every question in it, in order, in one reply.

Each answer is built from the platform's data through the call's tools and carries the
rule and the data it used (`data.answers`). What the data has no field for is said
honestly and noted for the seller (quoting the listing's description only where it says
so literally). Nothing personal leaves; nothing is promised on the seller's behalf.
"""

from __future__ import annotations

import logging
from datetime import datetime

from propertyhub.calls.agent.dialogue import Dialogue
from propertyhub.calls.agent.respond import Responder
from propertyhub.calls.agent.tone import speak
from propertyhub.calls.agent.types import Answer, CallContext, Reply, Tools
from propertyhub.calls.agent.understand import Ask, Context, understand

_COMPANY = frozenset(
    [
        "realty",
        "properties",
        "property",
        "homes",
        "group",
        "rentals",
        "llc",
        "inc",
        "estates",
        "management",
        "partners",
        "real",
        "housing",
        "living",
        "co",
    ]
)


def _names(full: str) -> tuple[str, ...]:
    """How callers name a person or company: "marcus bell", "marcus", "mister bell";
    "blue ridge" for Blue Ridge Realty."""
    low = full.lower().replace(".", "").replace(",", "").replace("&", " and ").replace("'", "")
    low = " ".join(low.split())
    words = low.split()
    if not words:
        return ()
    out = [low]
    company = [i for i, w in enumerate(words) if w in _COMPANY]
    if company and company[0] > 0:
        out.append(" ".join(words[: company[0]]))
    else:
        out.append(words[0])
        if len(words) > 1:
            out += [f"{title} {words[-1]}" for title in ("mr", "mrs", "ms", "miss", "mister", "missus")]
    return tuple(dict.fromkeys(out))


log = logging.getLogger(__name__)
_NOTED = " — I've noted your question for the seller, who will get back to you."


def _once(text: str, n: int, answers: list[Answer]) -> str:
    """ "I've noted your question for the seller" said once a turn: after that, "noted too"."""
    if text.endswith(_NOTED) and any(a.text.endswith(_NOTED) for a in answers[:n]):
        return text.removesuffix(_NOTED) + " — I've noted that too."
    return text


class AgentBrain:
    async def reply(
        self,
        ctx: CallContext,
        text: str,
        tools: Tools,
        dialogue: Dialogue | None = None,
        turn: int | None = None,
    ) -> Reply:
        dialogue = dialogue if dialogue is not None else Dialogue()
        understanding = Context(
            ctx.vocab,
            ctx.now or datetime.now(),
            last_answer=dialogue.last_answer,
            has_list=bool(dialogue.last_list),
            pending=dialogue.pending,
            viewing=dialogue.viewing is not None,
            searched=bool(dialogue.search_filters),
            seller_names=_names(ctx.seller_name),
            people=tuple(n for p in ctx.people for n in _names(p)),
        )
        try:
            asks = understand(text, understanding)
        except Exception:  # a rule's bug must cost the caller one turn, not the call
            log.exception("the agent could not understand a turn")
            asks = [Ask("clarify", "clarify:not_understood", text, 0)]
        if (dialogue.pending or "").startswith("place:") and not any(a.slots.get("resume") for a in asks):
            dialogue.pending, dialogue.held = None, {}  # "which portland" was not answered: let it go
        responder = Responder(ctx, tools, dialogue, turn, text)
        answers: list[Answer] = []
        for n, ask in enumerate(asks):
            answers.extend(await responder.answer(ask, last=n == len(asks) - 1))
        if not answers:
            answers = [Answer("smalltalk", "acknowledged", "Sure — what would you like to know about it?")]
        dialogue.turns += 1
        if answers:
            dialogue.last_answer = answers[-1].intent
        said = " ".join(_once(a.text, n, answers) for n, a in enumerate(answers))
        first = answers[0]
        data = {**first.data, "rule": first.rule, "answers": [a.as_data() for a in answers]}
        return speak(ctx.persona, Reply(said, first.intent, data, end_call=any(a.end_call for a in answers)))
