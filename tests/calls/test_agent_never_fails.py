"""Whatever a caller says, understanding it never raises: every utterance of the five
conversation sets (about 2,000, written by people who had not read the rules), run through
the agent's understanding with and without a conversation behind it."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from propertyhub.calls.agent.slots import Vocabulary
from propertyhub.calls.agent.understand import Context, understand

SETS = sorted((Path(__file__).parents[2] / "bench").glob("agent_eval*/"))


def said(folder: Path) -> list[str]:
    texts = [json.loads(line)["text"] for line in (folder / "utterances.jsonl").read_text().splitlines()
             if line.strip()]
    for line in (folder / "dialogues.jsonl").read_text().splitlines():
        if line.strip():
            texts += [turn["text"] for turn in json.loads(line)["turns"]]
    return texts


@pytest.mark.parametrize("folder", SETS, ids=lambda f: f.name)
def test_every_utterance_is_understood_without_error(folder):
    world = json.loads((folder / "world.json").read_text())
    vocab = Vocabulary({x["city"].lower(): x["city"] for x in world["listings"]})
    fresh = Context(vocab, datetime(2026, 12, 2, 15))
    midway = Context(vocab, datetime(2026, 12, 2, 15), last_answer="search", has_list=True,
                     pending="viewing", viewing=True, searched=True, seller_names=("maria lopez", "maria"),
                     people=("tom",))
    texts = said(folder)
    assert len(texts) > 150
    for text in texts:
        for ctx in (fresh, midway):
            asks = understand(text, ctx)
            assert all(ask.intent for ask in asks), text


async def test_a_rule_that_breaks_costs_one_turn_not_the_call(monkeypatch):
    from propertyhub.calls.agent import brain
    from propertyhub.calls.agent.types import CallContext

    def broken(text, ctx):
        raise AttributeError("a rule's bug")

    monkeypatch.setattr(brain, "understand", broken)
    listing = {"id": 1, "title": "Home", "price": 1, "listing_type": "sale"}
    ctx = CallContext(listing, "Ava", "", "Maria Lopez", vocab=Vocabulary({}), now=datetime(2026, 12, 2, 15))
    reply = await brain.AgentBrain().reply(ctx, "hello there", tools=None)
    assert reply.intent == "clarify" and reply.end_call is False
