"""Viewings: a listing's availability, its open houses, booked viewings and their notices.

What the database holds to (migration 8), on SQLite and PostgreSQL alike:
- one viewing per listing and start among those that hold their slot (`HOLDS_SLOT`, open
  houses aside): a partial unique index, so two buyers can never both have 10:00;
- one upcoming viewing per buyer and listing (`LIVE`): a second is a reschedule;
- an open house never takes more buyers than its capacity: `booked` moves by conditional
  updates, and a CHECK keeps it within 0..capacity;
- a notice (a reminder included) exists once per viewing, recipient, kind and version.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class ViewingStatus(StrEnum):
    REQUESTED = "requested"  # waiting for the seller (or their agent) to confirm
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CANCELED = "canceled"
    DONE = "done"
    NO_SHOW = "no_show"


# Upcoming: the buyer's one viewing of the listing, which they may reschedule or cancel.
LIVE = (ViewingStatus.REQUESTED, ViewingStatus.CONFIRMED)
# Statuses whose viewing keeps its slot (the partial unique index of migration 8).
HOLDS_SLOT = (*LIVE, ViewingStatus.DONE, ViewingStatus.NO_SHOW)
# The state machine: every status change is a compare-and-set along one of these edges.
MOVES: dict[ViewingStatus, frozenset[ViewingStatus]] = {
    ViewingStatus.REQUESTED: frozenset({ViewingStatus.REQUESTED, ViewingStatus.CONFIRMED,
                                        ViewingStatus.DECLINED, ViewingStatus.CANCELED}),
    ViewingStatus.CONFIRMED: frozenset({ViewingStatus.REQUESTED, ViewingStatus.CONFIRMED,
                                        ViewingStatus.CANCELED, ViewingStatus.DONE,
                                        ViewingStatus.NO_SHOW}),
    ViewingStatus.DECLINED: frozenset(),
    ViewingStatus.CANCELED: frozenset(),
    ViewingStatus.DONE: frozenset(),
    ViewingStatus.NO_SHOW: frozenset(),
}


class ViewingSource(StrEnum):
    WEB = "web"
    CALL = "call"


class ViewingSettings(Model):
    """A listing's published availability: weekly windows in the listing's local time,
    dated exceptions (other windows that day, or none: closed), slot length and buffer."""

    id = fields.BigIntField(primary_key=True)
    property = fields.OneToOneField("models.Property", related_name="viewing_settings",
                                    on_delete=fields.CASCADE)
    slot_minutes = fields.SmallIntField(default=30)
    buffer_minutes = fields.SmallIntField(default=0)
    notice_minutes = fields.IntField(default=60)  # the earliest slot offered: now + this
    horizon_days = fields.SmallIntField(default=60)  # the latest: today + this
    instant_confirm = fields.BooleanField(default=True)
    weekly = fields.JSONField(default=list)  # [{day: mon..sun, start: "HH:MM", end: "HH:MM"}]
    exceptions = fields.JSONField(default=list)  # [{date: "YYYY-MM-DD", windows: [...]}]
    updated_by = fields.ForeignKeyField("models.User", related_name=False, null=True,
                                        on_delete=fields.SET_NULL)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "viewing_settings"


class OpenHouse(Model):
    """A window many buyers can join, up to `capacity`."""

    id = fields.BigIntField(primary_key=True)
    property = fields.ForeignKeyField("models.Property", related_name="open_houses",
                                      on_delete=fields.CASCADE)
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    capacity = fields.IntField()
    booked = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "open_houses"
        indexes = (("property", "starts_at"),)


class Viewing(Model):
    id = fields.BigIntField(primary_key=True)
    property = fields.ForeignKeyField("models.Property", related_name="viewings",
                                      on_delete=fields.CASCADE)
    buyer = fields.ForeignKeyField("models.User", related_name="viewings_booked",
                                   on_delete=fields.CASCADE)
    seller = fields.ForeignKeyField("models.User", related_name="viewings_hosted",
                                    on_delete=fields.CASCADE)
    open_house = fields.ForeignKeyField("models.OpenHouse", related_name="viewings", null=True,
                                        on_delete=fields.SET_NULL)
    lead = fields.ForeignKeyField("models.Lead", related_name="viewings", null=True,
                                  on_delete=fields.SET_NULL)
    call = fields.ForeignKeyField("models.CallLog", related_name="viewings", null=True,
                                  on_delete=fields.SET_NULL)
    source = fields.CharEnumField(ViewingSource, max_length=8, default=ViewingSource.WEB)
    status = fields.CharEnumField(ViewingStatus, max_length=16)
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    time_zone = fields.CharField(max_length=64)  # the listing's, when booked or moved
    # The calendar file's SEQUENCE: up on every change a calendar must pick up (a new time,
    # a cancellation); notices and reminders are per version.
    sequence = fields.IntField(default=0)
    note = fields.CharField(max_length=1000, default="")
    reason = fields.CharField(max_length=500, null=True)  # why it was canceled or declined
    rating = fields.SmallIntField(null=True)
    feedback = fields.TextField(null=True)
    feedback_at = fields.DatetimeField(null=True)
    confirmed_at = fields.DatetimeField(null=True)  # first confirmed (booked), for analytics
    # The Idempotency-Key of the request (or the agent's key) that booked it: a retry of a
    # request that died after booking finds its viewing instead of booking again.
    request_key = fields.CharField(max_length=240, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "viewings"
        unique_together = (("buyer", "request_key"),)
        indexes = (("seller", "starts_at"), ("status", "starts_at"))


class ViewingNotice(Model):
    """What a buyer or seller is told about a viewing: each status change, each reminder,
    and a request no free slot could meet. Read at `GET /api/viewings/notices` (and, once
    they exist, by the notifications of issue 12)."""

    id = fields.BigIntField(primary_key=True)
    user = fields.ForeignKeyField("models.User", related_name="viewing_notices",
                                  on_delete=fields.CASCADE)
    property = fields.ForeignKeyField("models.Property", related_name=False,
                                      on_delete=fields.CASCADE)
    viewing = fields.ForeignKeyField("models.Viewing", related_name="notices", null=True,
                                     on_delete=fields.CASCADE)
    lead = fields.ForeignKeyField("models.Lead", related_name=False, null=True,
                                  on_delete=fields.SET_NULL)
    kind = fields.CharField(max_length=24)
    sequence = fields.IntField(default=0)
    text = fields.CharField(max_length=500)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "viewing_notices"
        unique_together = (("viewing", "user", "kind", "sequence"),)
        indexes = (("user", "id"),)
