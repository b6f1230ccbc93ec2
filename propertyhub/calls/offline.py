"""Calls without a web process, for benchmarks and tools (bench/eval_agent.py): the call
lifecycle on a runtime in this process's memory, with no background work (a call's turns
reach the database when it ends). The caller initialises the ORM."""

from __future__ import annotations

from propertyhub.calls.lifecycle import Calls
from propertyhub.calls.runtime import CallRuntime
from propertyhub.config import Settings


def offline_calls(settings: Settings | None = None) -> Calls:
    return Calls(CallRuntime.build(settings or Settings(), None))


# The process's own, for scripts that drive calls directly (`services.talk(...)`).
services = offline_calls()
