"""The card processor the platform talks to (a mock one, see processor.py)."""

from __future__ import annotations

from functools import cache

from propertyhub.payments.processor import MockProcessor, Processor, TransientPaymentError

__all__ = ["Processor", "TransientPaymentError", "processor"]


@cache
def processor() -> Processor:
    # From the environment, as web and worker processes both build it on first use.
    from propertyhub.config import Settings

    return MockProcessor(Settings.from_env().payments_signing_secret)
