"""The card processor the platform talks to (a mock one, see processor.py)."""

from __future__ import annotations

from functools import cache

from propertyhub.config import Settings
from propertyhub.payments.processor import MockProcessor, Processor, TransientPaymentError

__all__ = ["Processor", "TransientPaymentError", "processor"]


@cache
def processor() -> Processor:
    # From the environment (through Settings), as web and worker processes and commands all
    # build it on first use.
    return MockProcessor(Settings.from_env().payments_signing_secret)
