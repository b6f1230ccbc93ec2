"""The agent against its conversation sets (bench/agent_eval*): per-category accuracy.

Five sets, each written independently by someone who had not read the rules, each with its
own world. Seeds a set's world (sellers, buyers, 76 listings, AI agents on active subscriptions,
hired human agents) into a fresh SQLite database, plays every utterance as a call of its
own and every dialogue as one call through the real call services (the same path as REST
and Socket.IO), with the world's clock, and grades each answer from the data as
bench/agent_eval/README.md says. Writes bench/results/agent.json (every set, and the
first-run score of each set written after the rules existed).

    python -m bench.eval_agent [--set all|agent_evalN] [--show N] [--split tuning|holdout|all]

Items are split (by a hash of their id) into a tuning part (70 %) and a holdout (30 %).
The honest measure of generalisation is each new set's first run (FIRST_RUNS): once a set's
failures have been looked at, it is tuning data.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from tortoise import Tortoise

from bench.agent_grade import Grader
from bench.agent_seed import seed_world
from bench.loadgen import write_results
from propertyhub.calls.lifecycle import Calls
from propertyhub.calls.models import CallLog
from propertyhub.calls.offline import offline_calls
from propertyhub.calls.tools import forget_vocabulary
from propertyhub.cli import migrate
from propertyhub.config import Settings
from propertyhub.db import tortoise_config
from propertyhub.listings.timezones import zone

SET = Path(__file__).resolve().parent / "agent_eval"


def split_of(item_id: str) -> str:
    return "holdout" if int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 10 < 3 else "tuning"


async def play(
    calls: Calls,
    ids: dict[str, Any],
    turns: list[str],
    listing_id: int,
    buyer_id: int,
    world_now: datetime,
    tz: str,
) -> list[tuple[Any, float]]:
    call = await CallLog.create(
        buyer_id=buyer_id,
        seller_id=ids["owner_of"][listing_id],
        ai_agent_id=ids["agent_of"][ids["owner_of"][listing_id]],
        property_id=listing_id,
        status="active",
    )
    now = world_now.replace(tzinfo=zone(tz))
    replies = []
    for text in turns:
        started = time.perf_counter()
        _, reply, _ = await calls.talk(buyer_id, call.id, text, now=now)
        replies.append((reply, time.perf_counter() - started))
        if reply.end_call:
            await calls.end(call.id, "goodbye")
            break
    return replies


async def run(args: argparse.Namespace) -> dict[str, Any]:
    folder = SET.parent / args.set
    world = json.loads((folder / "world.json").read_text())
    utterances = [
        json.loads(line) for line in (folder / "utterances.jsonl").read_text().splitlines() if line.strip()
    ]
    dialogues = [
        json.loads(line) for line in (folder / "dialogues.jsonl").read_text().splitlines() if line.strip()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(env="bench", database_url=f"sqlite://{tmp}/eval.sqlite3", jwt_secret="x" * 40)
        await migrate(settings)
        await Tortoise.init(config=tortoise_config(settings.database_url))
        try:
            ids = await seed_world(world)
            forget_vocabulary()  # this world's cities, not the last set's
            # A fresh runtime: the last set's live calls had these very ids.
            calls = offline_calls()
            grader = Grader(world, ids)
            now = datetime.fromisoformat(world["now"])
            results: dict[str, list[dict]] = defaultdict(list)
            latencies: list[float] = []
            buyers = [ids["buyers"][b["key"]] for b in world["buyers"]]
            for n, item in enumerate(utterances):
                listing = grader.listing(item["listing"])
                replies = await play(
                    calls,
                    ids,
                    [item["text"]],
                    ids["listings"][item["listing"]],
                    buyers[n % len(buyers)],
                    now,
                    listing["time_zone"],
                )
                latencies += [t for _, t in replies]
                verdict = grader.turn(item["expect"], replies[0][0], item["listing"], None, item["text"])
                results[item["category"]].append(
                    {"id": item["id"], "text": item["text"], "split": split_of(item["id"]), **verdict}
                )
            for n, dialogue in enumerate(dialogues):
                listing = grader.listing(dialogue["listing"])
                texts = [t["text"] for t in dialogue["turns"]]
                replies = await play(
                    calls,
                    ids,
                    texts,
                    ids["listings"][dialogue["listing"]],
                    buyers[n % len(buyers)],
                    now,
                    listing["time_zone"],
                )
                latencies += [t for _, t in replies]
                last_list = None
                for k, turn in enumerate(dialogue["turns"]):
                    reply = replies[k][0] if k < len(replies) else None
                    verdict = grader.turn(turn["expect"], reply, dialogue["listing"], last_list, turn["text"])
                    last_list = grader.last_list(reply) or last_list
                    results[f"dialogue:{dialogue['category']}"].append(
                        {
                            "id": f"{dialogue['id']}#{k + 1}",
                            "text": turn["text"],
                            "split": split_of(dialogue["id"]),
                            **verdict,
                        }
                    )
        finally:
            await Tortoise.close_connections()
    return summarize(results, latencies, args)


def summarize(
    results: dict[str, list[dict]], latencies: list[float], args: argparse.Namespace
) -> dict[str, Any]:
    def accuracy(items: list[dict]) -> float:
        return round(sum(i["ok"] for i in items) / len(items), 4) if items else 0.0

    every = [i for items in results.values() for i in items]
    by_split = {s: accuracy([i for i in every if i["split"] == s]) for s in ("tuning", "holdout")}
    categories = {
        c: {"items": len(items), "accuracy": accuracy(items)} for c, items in sorted(results.items())
    }
    latencies.sort()
    failures = [i for i in every if not i["ok"] and (args.split == "all" or i["split"] == args.split)]
    if args.only:
        failures = [
            f for f in failures if f["id"].split("-")[0] in args.only or args.only in f.get("category", "")
        ]
    for failure in failures[: args.show]:
        print(f"✗ {failure['id']:16} {failure['text'][:80]!r}\n    {failure['why']}")
    summary = {
        "set": {
            "utterances": sum(len(v) for k, v in results.items() if not k.startswith("dialogue:")),
            "dialogue_turns": sum(len(v) for k, v in results.items() if k.startswith("dialogue:")),
        },
        "accuracy": accuracy(every),
        "accuracy_by_split": by_split,
        "categories": categories,
        "invented_numbers": sum(i.get("invented", 0) for i in every),
        "turn_ms": {
            "p50": round(latencies[len(latencies) // 2] * 1000, 2),
            "p99": round(latencies[int(len(latencies) * 0.99)] * 1000, 2),
        },
    }
    print(
        f"\naccuracy {summary['accuracy']:.1%} (tuning {by_split['tuning']:.1%}, "
        f"holdout {by_split['holdout']:.1%}); invented numbers: {summary['invented_numbers']}"
    )
    for category, row in categories.items():
        print(f"  {category:32} {row['accuracy']:7.1%}  ({row['items']})")
    return summary


# Each set was written by someone who had not read the rules; its first run, before any rule
# was tuned on it, is the honest measure of how the agent does on speech it has not seen.
FIRST_RUNS = {"agent_eval3": 0.846, "agent_eval4": 0.880, "agent_eval5": 0.896}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many failures")
    parser.add_argument("--only", default="", help="failures of this id prefix only")
    parser.add_argument("--split", default="tuning", choices=("tuning", "holdout", "all"))
    parser.add_argument("--set", default="all", help="the set's folder under bench/, or all of them")
    parser.add_argument("--out", default="agent.json", help="the file under bench/results/")
    args = parser.parse_args()
    names = [f.name for f in sorted(SET.parent.glob("agent_eval*/"))] if args.set == "all" else [args.set]
    sets = {}
    for name in names:
        print(f"\n== {name}")
        sets[name] = asyncio.run(run(argparse.Namespace(**{**vars(args), "set": name})))
    every = sum(s["set"]["utterances"] + s["set"]["dialogue_turns"] for s in sets.values())
    overall = sum(
        s["accuracy"] * (s["set"]["utterances"] + s["set"]["dialogue_turns"]) for s in sets.values()
    )
    print(f"\nall sets: {overall / every:.1%} of {every} turns")
    write_results(
        {
            "accuracy": round(overall / every, 4),
            "turns": every,
            "sets": sets,
            "first_run_of_each_set": FIRST_RUNS,
        },
        Path(__file__).resolve().parent / "results" / args.out,
        echo=False,
    )


if __name__ == "__main__":
    main()
