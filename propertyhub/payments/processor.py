"""A mock card processor, shaped like a real one so one can replace it behind `Processor`.

Payment methods are test tokens, as processors' test cards are:

| token | outcome |
|---|---|
| `pm_card_visa` | succeeds |
| `pm_card_declined` | declined: `card_declined` |
| `pm_card_insufficient_funds` | declined: `insufficient_funds` |
| `pm_card_processing_error` | fails transiently on the first attempt, succeeds on a retry |

A charge that has not succeeded can be voided by its idempotency key, even before it was
made: the key is then spent, and a later charge with it returns the canceled charge (as
a payment intent canceled before confirmation does).

Every call takes an idempotency key: the same key returns the same object and
never moves money twice. Everything that happens is recorded as an event signed
with HMAC-SHA256 over `"{timestamp}.{body}"`, as webhooks are.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from datetime import UTC, datetime
from typing import Protocol

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from propertyhub.common import sql
from propertyhub.payments.models import ChargeStatus, PaymentCharge, PaymentEvent, PaymentRefund

TEST_METHODS = {
    "pm_card_visa": None,
    "pm_card_declined": "card_declined",
    "pm_card_insufficient_funds": "insufficient_funds",
    "pm_card_processing_error": "processing_error",
}
TRANSIENT = {"processing_error"}


class TransientPaymentError(Exception):
    """The processor could not decide now; the same call succeeds or fails on a retry."""


class Processor(Protocol):
    async def charge(self, amount_cents: int, currency: str, payment_method: str,
                     idempotency_key: str) -> PaymentCharge: ...

    async def confirm_charge(self, charge_id: str) -> PaymentCharge: ...

    async def refund(self, charge_id: str, amount_cents: int,
                     idempotency_key: str) -> PaymentRefund: ...

    async def void(self, idempotency_key: str, amount_cents: int, currency: str,
                   payment_method: str) -> PaymentCharge: ...


def sign(secret: str, timestamp: int, body: str) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()


def verify(secret: str, event: PaymentEvent) -> bool:
    return hmac.compare_digest(sign(secret, event.timestamp, event.body), event.signature)


class MockProcessor:
    def __init__(self, signing_secret: str) -> None:
        self.secret = signing_secret

    @staticmethod
    def _signed_body(kind: str, data: dict) -> tuple[str, int]:
        return (json.dumps({"type": kind, "data": data}, sort_keys=True, separators=(",", ":")),
                int(time.time()))

    async def _event(self, kind: str, data: dict) -> None:
        body, ts = self._signed_body(kind, data)
        await PaymentEvent.create(type=kind, body=body, timestamp=ts,
                                  signature=sign(self.secret, ts, body))

    async def charge(self, amount_cents: int, currency: str, payment_method: str,
                     idempotency_key: str) -> PaymentCharge:
        """Create and confirm in one call, as processors' payment intents can.

        Raises TransientPaymentError when the processor cannot decide now; the same
        call (same key) later finishes that very charge.
        """
        outcome = TEST_METHODS.get(payment_method, "invalid_payment_method")
        status = (ChargeStatus.PENDING if outcome in TRANSIENT else
                  ChargeStatus.SUCCEEDED if outcome is None else ChargeStatus.FAILED)
        now = datetime.now(UTC)
        charge = PaymentCharge(id="ch_" + secrets.token_hex(12), idempotency_key=idempotency_key,
                               amount_cents=amount_cents, currency=currency,
                               payment_method=payment_method, status=status, attempts=1,
                               failure_code=outcome if status == ChargeStatus.FAILED else None,
                               refunded_cents=0, created_at=now, updated_at=now)
        kind = ("charge.processing_error" if status == ChargeStatus.PENDING
                else f"charge.{status.value}")
        body, ts = self._signed_body(kind, {"id": charge.id, "amount": amount_cents,
                                            "failure_code": charge.failure_code})
        try:
            # Plain statements: this runs once for every renewal of every subscription.
            async with in_transaction() as conn:
                await sql.execute(conn, """
                    INSERT INTO payment_charges (id, idempotency_key, amount_cents, currency,
                        payment_method, status, failure_code, attempts, refunded_cents,
                        created_at, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, 1, 0, $8, $8)""",
                    [charge.id, idempotency_key, amount_cents, currency, payment_method,
                     status, charge.failure_code, now])
                await sql.execute(conn, """
                    INSERT INTO payment_events (type, body, timestamp, signature)
                    VALUES ($1, $2, $3, $4)""", [kind, body, ts, sign(self.secret, ts, body)])
        except IntegrityError:  # this key was charged before: finish or return that charge
            existing = await PaymentCharge.get(idempotency_key=idempotency_key)
            return await self.confirm_charge(existing.id)
        if status == ChargeStatus.PENDING:
            raise TransientPaymentError(charge.id)
        return charge

    async def confirm_charge(self, charge_id: str) -> PaymentCharge:
        """Settle a pending charge. Settled charges are returned as they are."""
        async with in_transaction():
            charge = await PaymentCharge.select_for_update().get(id=charge_id)
            if charge.status != ChargeStatus.PENDING:
                return charge
            charge.attempts += 1
            outcome = TEST_METHODS.get(charge.payment_method, "invalid_payment_method")
            if outcome in TRANSIENT and charge.attempts == 1:
                await charge.save(update_fields=["attempts", "updated_at"])
                transient = True
            else:
                transient = False
                charge.status = (ChargeStatus.SUCCEEDED if outcome in (None, *TRANSIENT)
                                 else ChargeStatus.FAILED)
                charge.failure_code = None if charge.status == ChargeStatus.SUCCEEDED else outcome
                await charge.save(update_fields=["attempts", "status", "failure_code",
                                                 "updated_at"])
        if transient:
            await self._event("charge.processing_error", {"id": charge.id})
            raise TransientPaymentError(charge.id)
        await self._event(f"charge.{ChargeStatus(charge.status).value}",
                          {"id": charge.id, "failure_code": charge.failure_code})
        return charge

    async def void(self, idempotency_key: str, amount_cents: int, currency: str,
                   payment_method: str) -> PaymentCharge:
        """Cancel the charge made (or to be made) with this key unless it has settled;
        returns the charge as it ends up: `canceled`, or `succeeded`/`failed` if too late."""
        now = datetime.now(UTC)
        async with in_transaction() as conn:
            # Reserve the key as canceled if it was never used; otherwise cancel what is
            # still pending. The row lock orders this against a concurrent confirm.
            await sql.execute(conn, """
                INSERT INTO payment_charges (id, idempotency_key, amount_cents, currency,
                    payment_method, status, failure_code, attempts, refunded_cents,
                    created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $7, NULL, 0, 0, $6, $6)
                ON CONFLICT (idempotency_key) DO NOTHING""",
                ["ch_" + secrets.token_hex(12), idempotency_key, amount_cents, currency,
                 payment_method, now, ChargeStatus.CANCELED.value])
            charge = await PaymentCharge.select_for_update().using_db(conn).get(
                idempotency_key=idempotency_key)
            if charge.status == ChargeStatus.PENDING:
                charge.status = ChargeStatus.CANCELED
                await charge.save(update_fields=["status", "updated_at"], using_db=conn)
        if charge.status == ChargeStatus.CANCELED:
            await self._event("charge.canceled", {"id": charge.id})
        return charge

    async def refund(self, charge_id: str, amount_cents: int,
                     idempotency_key: str) -> PaymentRefund:
        existing = await PaymentRefund.get_or_none(idempotency_key=idempotency_key)
        if existing is not None:
            return existing
        async with in_transaction():
            charge = await PaymentCharge.select_for_update().get(id=charge_id)
            if charge.status != ChargeStatus.SUCCEEDED:
                raise ValueError("only a succeeded charge can be refunded")
            if amount_cents <= 0 or charge.refunded_cents + amount_cents > charge.amount_cents:
                raise ValueError("refund exceeds what is left of the charge")
            charge.refunded_cents += amount_cents
            await charge.save(update_fields=["refunded_cents", "updated_at"])
            refund = await PaymentRefund.create(id="re_" + secrets.token_hex(12),
                                                idempotency_key=idempotency_key,
                                                charge_id=charge.id, amount_cents=amount_cents)
        await self._event("refund.succeeded", {"id": refund.id, "charge": charge.id,
                                                "amount": amount_cents})
        return refund
