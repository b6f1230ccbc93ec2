"""The card processor the platform talks to (a mock one, see processor.py)."""

from __future__ import annotations

import os
from functools import cache

from propertyhub.payments.processor import MockProcessor, Processor, TransientPaymentError

__all__ = ["Processor", "TransientPaymentError", "processor"]


@cache
def processor() -> Processor:
    from propertyhub.config import DEV_JWT_SECRET

    return MockProcessor(os.environ.get("PAYMENTS_SIGNING_SECRET") or
                         os.environ.get("JWT_SECRET") or DEV_JWT_SECRET)
