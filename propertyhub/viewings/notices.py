"""What buyers and sellers are told about viewings: a notice per status change, reminders
24 hours and 1 hour before, and a viewing asked for when no slot was free.

There is no notification service yet (issue 12 brings one): a notice is a row of
`viewing_notices`, which its recipient reads at `GET /api/viewings/notices`, and a log line.
A notice exists once per viewing, recipient, kind and version of the viewing (a unique
index; it is written by INSERT ... ON CONFLICT DO NOTHING), so a reminder pass that runs
twice, on two beats at once, or dies half-way and runs again, still reminds once; a
rescheduled viewing (a new version) is reminded again for its new time. Status notices are
written in the transaction of their change: both happen, or neither.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from propertyhub.common import sql
from propertyhub.common.models import utcnow
from propertyhub.listings.timezones import zone
from propertyhub.viewings.models import Viewing, ViewingStatus

log = logging.getLogger(__name__)

TEXT = {
    "requested": "Viewing of {title} requested for {when}: waiting for the seller to confirm.",
    "confirmed": "Viewing of {title} confirmed for {when}.",
    "rescheduled": "Viewing of {title} moved to {when}{pending}.",
    "declined": "Viewing of {title} on {when} declined{reason}.",
    "canceled": "Viewing of {title} on {when} canceled{reason}.",
    "done": "Viewing of {title} on {when} done: the buyer may now rate it.",
    "no_show": "Viewing of {title} on {when}: marked as a no-show.",
    "feedback": "The buyer rated the viewing of {title} on {when} {rating}/5.",
    "reminder_24h": "Reminder: viewing of {title} tomorrow, {when}.",
    "reminder_1h": "Reminder: viewing of {title} in an hour, {when}.",
    "no_slot": "A buyer asked to view {title} {when}; no slot was free. Please offer a time.",
}
# Who hears of each change (reminders: both).
SELLER_ONLY = frozenset({"feedback", "no_slot"})
BUYER_ONLY = frozenset({"declined", "done", "no_show"})
# Each reminder is due from `ahead` before the start until the next one is.
REMINDERS = (("reminder_24h", timedelta(hours=24), timedelta(hours=1)),
             ("reminder_1h", timedelta(hours=1), timedelta(0)))
BATCH = 500

_INSERT = """
INSERT INTO viewing_notices (user_id, property_id, viewing_id, lead_id, kind, sequence, text,
                             created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (viewing_id, user_id, kind, sequence) DO NOTHING
RETURNING id"""


def when(at: datetime, time_zone: str) -> str:
    """A time as the listing's people say it: Sat 13 Mar 2027 at 10:00 (CST)."""
    local = at.astimezone(zone(time_zone))
    return f"{local:%a %d %b %Y} at {local:%H:%M} ({local.tzname()})"


def recipients(kind: str, buyer_id: int, seller_id: int) -> tuple[int, ...]:
    if kind in SELLER_ONLY:
        return (seller_id,)
    return (buyer_id,) if kind in BUYER_ONLY else (buyer_id, seller_id)


async def send(kind: str, user_ids: Iterable[int], text: str, *, property_id: int,
               viewing_id: int | None = None, sequence: int = 0,
               lead_id: int | None = None) -> int:
    """Write the notice for each recipient once; how many were new."""
    conn, now, sent = sql.connection(), utcnow(), 0
    for user_id in dict.fromkeys(user_ids):
        if await sql.execute(conn, _INSERT, [user_id, property_id, viewing_id, lead_id, str(kind),
                                             sequence, text[:500], now]):
            sent += 1
            log.info("viewing notice %s to user %s: %s", kind, user_id, text)
    return sent


async def about(viewing: Viewing, title: str, kind: str, **extra: str) -> int:
    """Tell the viewing's buyer and/or seller of a change (or a reminder)."""
    reason = f" ({viewing.reason})" if viewing.reason else ""
    pending = (": waiting for the seller to confirm"
               if viewing.status == ViewingStatus.REQUESTED else "")
    text = TEXT[kind].format(title=title, when=when(viewing.starts_at, viewing.time_zone),
                             reason=reason, pending=pending, rating=viewing.rating, **extra)
    return await send(kind, recipients(kind, viewing.buyer_id, viewing.seller_id), text,
                      property_id=viewing.property_id, viewing_id=viewing.id,
                      sequence=viewing.sequence, lead_id=viewing.lead_id)


_DUE = """
SELECT v.id FROM viewings v
WHERE v.status = 'confirmed' AND v.starts_at > $1 AND v.starts_at <= $2
  AND (v.starts_at > $3 OR (v.starts_at = $3 AND v.id > $4))
  AND NOT EXISTS (SELECT 1 FROM viewing_notices n WHERE n.viewing_id = v.id
                  AND n.kind = $5 AND n.sequence = v.sequence)
ORDER BY v.starts_at, v.id LIMIT $6"""


async def send_reminders(now: datetime | None = None) -> dict[str, int]:
    """Every reminder due now, once: confirmed viewings starting within 24 hours (1 hour),
    unless they were booked, moved or confirmed within that time (the notice of which just
    went out). Run by the beat (the in-process scheduler when embedded)."""
    now = now or utcnow()
    sent: dict[str, int] = {}
    conn = sql.connection()
    for kind, ahead, until in REMINDERS:
        after, after_id = now, 0
        while ids := [row[0] for row in await sql.rows(conn, _DUE, [
                now + until, now + ahead, after, after_id, kind, BATCH])]:
            due = await Viewing.filter(id__in=ids).select_related("property").order_by(
                "starts_at", "id")
            for viewing in due:
                if viewing.updated_at <= viewing.starts_at - ahead:
                    sent[kind] = sent.get(kind, 0) + await about(viewing,
                                                                 viewing.property.title, kind)
            after, after_id = due[-1].starts_at, due[-1].id
    return sent
